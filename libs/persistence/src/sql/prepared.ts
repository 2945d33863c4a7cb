import type pg from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { pgClient, pgPool } from './native.js';
import type { SqlParams } from './queryable.js';

/**
 * A hot-path statement that Postgres parses and plans once per pooled connection (a named
 * prepared statement of node-postgres), then only binds and executes. Worth it for long
 * statements run very often (checkout's CTEs over four or five tables spent about two thirds
 * of their backend CPU parsing and planning). A name's text must never change while the
 * process runs: declare them as module constants.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

const declared = new Map<string, string>();

/** Declares a prepared statement; the same name with another text is refused. */
export function prepared(name: string, text: string): PreparedStatement {
  const known = declared.get(name);
  if (known !== undefined && known !== text)
    throw new Error(`prepared statement ${name} is already declared with another text`);
  declared.set(name, text);
  return { name, text };
}

/**
 * Runs a prepared statement and returns its rows (UPDATE/DELETE … RETURNING included). On a
 * data source: on its pool, outside any transaction (the statement is atomic on its own).
 * On a query runner: on its connection, inside its transaction.
 */
export async function queryPrepared<T>(
  db: DataSource | QueryRunner,
  statement: PreparedStatement,
  values: SqlParams,
): Promise<T[]> {
  const target = db instanceof DataSource ? pgPool(db) : await pgClient(db);
  const result = await target.query<T & pg.QueryResultRow>({
    name: statement.name,
    text: statement.text,
    values: values as unknown[],
  });
  return result.rows;
}
