import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source.js';
import { dropDatabase, ensureDatabase } from '../database.js';
import { MIGRATIONS } from '../migrations/index.js';

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  /** Closes the data source and drops the database. Call in afterAll. */
  drop(): Promise<void>;
}

/** The server tests use: TEST_DATABASE_URL's server, or the machine's local Postgres. */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/**
 * A private, migrated database for one test file, so test files run in parallel and
 * leave nothing behind: `hamiltix_t_<label>_<random>` on the shared local Postgres.
 */
export async function createTestDatabase(
  label: string,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const url = new URL(testServerUrl());
  const safe = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30);
  url.pathname = `/hamiltix_t_${safe}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(url.toString());
  const dataSource = createDataSource({ url: url.toString(), applicationName: `test-${safe}`, poolSize: 5 });
  await dataSource.initialize();
  if (options.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
  return {
    url: url.toString(),
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await dropDatabase(url.toString());
    },
  };
}

export { MIGRATIONS };
