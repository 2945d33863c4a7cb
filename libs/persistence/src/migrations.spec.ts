import { createTestDatabase, type TestDatabase } from './testing/index.js';
import { migrate } from './migrate.js';
import { dropDatabase } from './database.js';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('drift');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('bring the schema exactly to what the entities describe (no drift)', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    const queries = pending.upQueries.map((q) => q.query);
    // If this fails: run `npm run migration:generate -- DescribeTheChange` and register it.
    expect(queries).toEqual([]);
  });

  it('can be undone and redone', async () => {
    const count = (await db.dataSource.query('SELECT count(*)::int AS n FROM migrations'))[0].n as number;
    for (let i = 0; i < count; i++) await db.dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await db.dataSource.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'",
    );
    expect(tables).toEqual([]);
    await db.dataSource.runMigrations({ transaction: 'each' });
    expect((await db.dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('migrate() creates a missing database, then is idempotent', async () => {
    const url = db.url.replace(/\/([^/]+)$/, '/$1_m');
    try {
      const first = await migrate(url);
      expect(first.createdDatabase).toBe(true);
      expect(first.applied.length).toBeGreaterThan(0);
      const second = await migrate(url);
      expect(second).toEqual({ createdDatabase: false, applied: [] });
    } finally {
      await dropDatabase(url);
    }
  });
});
