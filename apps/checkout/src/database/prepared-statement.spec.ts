import type pg from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@hamiltix/persistence/testing';
import { prepared, queryPrepared } from './prepared-statement.js';

describe('queryPrepared (named statements on the DataSource pool)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('checkout_prepared');
    await db.dataSource.query(`CREATE TABLE prep_t (id int PRIMARY KEY, v text)`);
  });
  afterAll(async () => {
    await db.drop();
  });

  const insert = prepared('spec_insert', `INSERT INTO prep_t (id, v) VALUES ($1, $2) RETURNING id, v`);
  const update = prepared('spec_update', `UPDATE prep_t SET v = $2 WHERE id = $1 RETURNING id, v`);

  it('returns the rows, for UPDATE … RETURNING too, and none when nothing matched', async () => {
    expect(await queryPrepared(db.dataSource, insert, [1, 'a'])).toEqual([{ id: 1, v: 'a' }]);
    expect(await queryPrepared(db.dataSource, update, [1, 'b'])).toEqual([{ id: 1, v: 'b' }]);
    expect(await queryPrepared(db.dataSource, update, [2, 'b'])).toEqual([]);
  });

  it('is prepared once per connection and re-executed with new values', async () => {
    for (let i = 10; i < 20; i++) await queryPrepared(db.dataSource, insert, [i, `v${i}`]);
    // pg-pool hands back the connection released last: the one those calls used.
    const pool = (db.dataSource.driver as unknown as { master: pg.Pool }).master;
    const client = await pool.connect();
    try {
      const { rows } = await client.query(
        `SELECT name FROM pg_prepared_statements WHERE name = 'checkout_spec_insert'`,
      );
      expect(rows).toHaveLength(1);
    } finally {
      client.release();
    }
    expect(Number((await db.dataSource.query(`SELECT count(*) AS n FROM prep_t`))[0].n)).toBe(11);
  });

  it('refuses to run on a DataSource that is not connected', async () => {
    const closed = new DataSource({ type: 'postgres', url: db.url });
    await expect(queryPrepared(closed, insert, [99, 'x'])).rejects.toThrow(/not connected/);
  });
});
