import type pg from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * node-postgres under TypeORM, for what TypeORM's `query()` cannot do: named prepared
 * statements, COPY, a session held for an advisory lock. Only this folder reaches it.
 */

/** The data source's own pg pool (PostgresDriver's `master`): same connections, same budget. */
export function pgPool(dataSource: DataSource): pg.Pool {
  const pool = (dataSource.driver as PostgresDriver).master as pg.Pool | undefined;
  if (!dataSource.isInitialized || !pool) throw new Error('Postgres is not connected');
  return pool;
}

/** The pg client of a query runner (connecting it if needed): its session and open transaction. */
export async function pgClient(runner: QueryRunner): Promise<pg.ClientBase> {
  const client = (await runner.connect()) as pg.ClientBase | undefined;
  if (!client) throw new Error('query runner is not connected');
  return client;
}
