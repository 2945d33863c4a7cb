import { DataSource, EntityManager, type QueryRunner } from 'typeorm';

/**
 * What a query function of this lib takes: the data source (a statement on its own, on a
 * pooled connection), a transaction's entity manager, or a query runner (its connection,
 * inside whatever transaction it has open). Apps pass what they hold; the query runs there.
 */
export type Queryable = DataSource | EntityManager | QueryRunner;

/** Bind values of a statement (`$1`, `$2`, …), in order. */
export type SqlParams = readonly unknown[];

/** The rows a statement returned (its `RETURNING` rows for INSERT/UPDATE/DELETE) and how many rows it touched. */
export interface SqlResult<T> {
  rows: T[];
  /** Rows inserted, updated, deleted or selected (pg's `rowCount`; 0 for DDL). */
  rowCount: number;
}

/**
 * Runs one statement and gives its rows and row count whatever the statement is (TypeORM's
 * plain `query()` answers UPDATE/DELETE with `[rows, count]` and the rest with the rows, and
 * never gives an INSERT's count). On a data source (or its own manager) a pooled connection is
 * taken for the one statement and given back, as TypeORM's `DataSource.query` does (same errors,
 * e.g. when it is not connected).
 */
export async function queryResult<T = Record<string, unknown>>(
  db: Queryable,
  text: string,
  params: SqlParams = [],
): Promise<SqlResult<T>> {
  const values = params as unknown[];
  if (db instanceof DataSource || (db instanceof EntityManager && !db.queryRunner)) {
    const dataSource = db instanceof DataSource ? db : db.connection;
    const runner = dataSource.createQueryRunner();
    try {
      return structured<T>(await runner.query(text, values, true));
    } finally {
      await runner.release();
    }
  }
  const runner = db instanceof EntityManager ? db.queryRunner! : db;
  return structured<T>(await runner.query(text, values, true));
}

function structured<T>(result: { records?: unknown[]; affected?: number }): SqlResult<T> {
  return { rows: (result.records ?? []) as T[], rowCount: result.affected ?? 0 };
}

/** The rows of one statement (a SELECT, or INSERT/UPDATE/DELETE … RETURNING). */
export async function queryRows<T = Record<string, unknown>>(
  db: Queryable,
  text: string,
  params: SqlParams = [],
): Promise<T[]> {
  return (await queryResult<T>(db, text, params)).rows;
}

/** The first row of one statement, or undefined when it returned none. */
export async function queryOne<T = Record<string, unknown>>(
  db: Queryable,
  text: string,
  params: SqlParams = [],
): Promise<T | undefined> {
  return (await queryResult<T>(db, text, params)).rows[0];
}

/** Runs a statement for its effect; resolves to the number of rows it touched. */
export async function execute(db: Queryable, text: string, params: SqlParams = []): Promise<number> {
  return (await queryResult(db, text, params)).rowCount;
}

/**
 * The rows in a result of TypeORM's plain `query()` (`[rows, count]` for UPDATE/DELETE, the
 * rows otherwise). For code that still calls `query()` itself; new code uses queryRows.
 */
export function returnedRows<T = Record<string, unknown>>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return Array.isArray(result) ? (result as T[]) : [];
}

/**
 * `SET LOCAL statement_timeout`: a longer (or shorter) bound for the statements of the
 * transaction open on `db` only (the pool's default applies again after it ends).
 */
export async function setLocalStatementTimeout(db: Queryable, ms: number): Promise<void> {
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`not a timeout in ms: ${ms}`);
  await execute(db, `SET LOCAL statement_timeout = ${ms}`);
}

/** `SELECT 1`: throws when the database cannot answer (health checks). */
export async function ping(db: Queryable): Promise<void> {
  await execute(db, 'SELECT 1');
}
