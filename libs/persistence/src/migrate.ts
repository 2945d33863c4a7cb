import { createDataSource } from './data-source.js';
import { ensureDatabase } from './database.js';

export interface MigrateResult {
  createdDatabase: boolean;
  applied: string[];
}

/** Creates the database if missing, then applies pending migrations (each in its own transaction). */
export async function migrate(url: string): Promise<MigrateResult> {
  const createdDatabase = await ensureDatabase(url);
  const dataSource = createDataSource({ url, applicationName: 'hamiltix-migrate', poolSize: 1 });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { createdDatabase, applied: applied.map((m) => m.name) };
  } finally {
    await dataSource.destroy();
  }
}
