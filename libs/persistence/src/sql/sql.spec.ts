import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@hamiltix/persistence/testing';
import {
  acquireAdvisoryLock,
  copyChunks,
  copyIn,
  copyLine,
  execute,
  prepared,
  queryOne,
  queryPrepared,
  queryResult,
  queryRows,
  returnedRows,
  withAdvisoryLock,
} from './index.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('sql_helpers', { migrate: false });
  await db.dataSource.query('CREATE TABLE t (id int PRIMARY KEY, name text, tags text[])');
});
afterAll(() => db.drop());
beforeEach(() => db.dataSource.query('TRUNCATE t'));

describe('typed results on every Queryable', () => {
  it('gives rows and counts for SELECT, INSERT, UPDATE and DELETE on a data source', async () => {
    const ds = db.dataSource;
    expect(await execute(ds, 'INSERT INTO t (id, name) VALUES (1, $1), (2, $2)', ['a', 'b'])).toBe(2);
    expect(await queryRows<{ id: number }>(ds, 'SELECT id FROM t ORDER BY id')).toEqual([
      { id: 1 },
      { id: 2 },
    ]);
    expect(
      await queryResult<{ id: number }>(ds, "UPDATE t SET name = 'z' WHERE id = $1 RETURNING id", [2]),
    ).toEqual({ rows: [{ id: 2 }], rowCount: 1 });
    expect(await execute(ds, 'UPDATE t SET name = name')).toBe(2);
    expect(await queryOne(ds, 'SELECT id FROM t WHERE id = 3')).toBeUndefined();
    expect(await queryRows(ds, 'DELETE FROM t WHERE id = 1 RETURNING id')).toEqual([{ id: 1 }]);
    expect(await execute(ds, 'DELETE FROM t WHERE id = 99')).toBe(0);
  });

  it('runs inside the transaction of an entity manager or a query runner', async () => {
    await expect(
      db.dataSource.transaction(async (m) => {
        await execute(m, 'INSERT INTO t (id) VALUES (1)');
        expect(await queryOne<{ n: number }>(m, 'SELECT count(*)::int AS n FROM t')).toEqual({ n: 1 });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const runner = db.dataSource.createQueryRunner();
    await runner.startTransaction();
    await execute(runner, 'INSERT INTO t (id) VALUES (2)');
    expect(await queryRows(runner, 'SELECT id FROM t')).toEqual([{ id: 2 }]);
    expect(await queryRows(db.dataSource, 'SELECT id FROM t')).toEqual([]);
    await runner.rollbackTransaction();
    await runner.release();
    // The data source's own manager has no transaction: each statement stands alone.
    expect(await execute(db.dataSource.manager, 'INSERT INTO t (id) VALUES (3)')).toBe(1);
    expect(await queryRows(db.dataSource, 'SELECT id FROM t')).toEqual([{ id: 3 }]);
  });

  it('refuses a data source that is not connected, as TypeORM does', async () => {
    const other = await createTestDatabase('sql_helpers_closed', { migrate: false });
    await other.dataSource.destroy();
    await expect(queryRows(other.dataSource, 'SELECT 1')).rejects.toThrow(/not.*connect|connection/i);
    await other.drop();
  });

  it('reads the rows out of a plain query() result', async () => {
    expect(returnedRows(await db.dataSource.query('UPDATE t SET name = name RETURNING id'))).toEqual([]);
    expect(returnedRows([[{ id: 1 }], 1])).toEqual([{ id: 1 }]);
    expect(returnedRows([{ id: 1 }])).toEqual([{ id: 1 }]);
    expect(returnedRows(undefined)).toEqual([]);
  });
});

describe('prepared statements', () => {
  const insert = prepared('sql_spec_insert', 'INSERT INTO t (id, name) VALUES ($1, $2) RETURNING id, name');

  it('run on the pool (and again, prepared) or in a query runner transaction', async () => {
    expect(await queryPrepared(db.dataSource, insert, [1, 'a'])).toEqual([{ id: 1, name: 'a' }]);
    expect(await queryPrepared(db.dataSource, insert, [2, 'b'])).toEqual([{ id: 2, name: 'b' }]);
    const names = await queryRows<{ name: string }>(
      db.dataSource,
      "SELECT name FROM pg_prepared_statements WHERE name = 'sql_spec_insert'",
    );
    expect(names.length).toBeLessThanOrEqual(1); // this query may land on another pooled connection
    const runner = db.dataSource.createQueryRunner();
    await runner.startTransaction();
    await queryPrepared(runner, insert, [3, 'c']);
    expect(
      await queryRows(runner, "SELECT name FROM pg_prepared_statements WHERE name = 'sql_spec_insert'"),
    ).toEqual([{ name: 'sql_spec_insert' }]);
    await runner.rollbackTransaction();
    await runner.release();
    expect(await queryRows(db.dataSource, 'SELECT id FROM t ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('refuses one name with two texts', () => {
    expect(prepared('sql_spec_insert', insert.text)).toEqual(insert);
    expect(() => prepared('sql_spec_insert', 'SELECT 1')).toThrow(/another text/);
  });
});

describe('advisory locks', () => {
  const held = async (key: number) =>
    (
      await queryRows<{ n: number }>(
        db.dataSource,
        "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = $1::bigint % 4294967296",
        [key],
      )
    )[0].n;

  it('a try-lock with a wait gives way to the holder, and is free after release', async () => {
    const first = await acquireAdvisoryLock(db.dataSource, 4_207_300_399, { waitMs: 0 });
    expect(first).toBeDefined();
    expect(await held(4_207_300_399)).toBe(1);
    expect(
      await acquireAdvisoryLock(db.dataSource, 4_207_300_399, { waitMs: 50, pollMs: 10 }),
    ).toBeUndefined();
    await first!.release();
    await first!.release(); // twice is harmless
    expect(await held(4_207_300_399)).toBe(0);
    const again = await acquireAdvisoryLock(db.dataSource, 4_207_300_399, { waitMs: 0 });
    expect(again).toBeDefined();
    await again!.release();
  });

  it('withAdvisoryLock runs tasks of one scope one at a time, other scopes alongside', async () => {
    const key = { classId: 0x54455354, scope: 'show:a' };
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = withAdvisoryLock(db.dataSource, key, async () => {
      order.push('a start');
      await gate;
      order.push('a end');
    });
    await new Promise((r) => setTimeout(r, 50));
    const b = withAdvisoryLock(db.dataSource, key, async () => {
      order.push('b');
      return 'b done';
    });
    const other = await withAdvisoryLock(db.dataSource, { ...key, scope: 'show:b' }, async () => 'other');
    expect(other).toBe('other');
    await new Promise((r) => setTimeout(r, 50));
    expect(order).toEqual(['a start']);
    release();
    await a;
    expect(await b).toBe('b done');
    expect(order).toEqual(['a start', 'a end', 'b']);
  });

  it("a blocking wait outlasts the pool's statement_timeout, which the connection gets back", async () => {
    const short = new DataSource({
      type: 'postgres',
      url: db.url,
      extra: { max: 1, statement_timeout: 200 },
    });
    await short.initialize();
    try {
      const holder = await acquireAdvisoryLock(db.dataSource, 4_207_300_400, { waitMs: 0 });
      const waiting = acquireAdvisoryLock(short, 4_207_300_400);
      await new Promise((r) => setTimeout(r, 600)); // three timeouts' worth of waiting
      await holder!.release();
      const lock = await waiting;
      await lock!.release();
      // The one pooled connection is back with its own limit.
      expect(await short.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '200ms' }]);
    } finally {
      await short.destroy();
    }
  });

  it('releases the lock when the task throws', async () => {
    const key = { classId: 0x54455354, scope: 'boom' };
    await expect(
      withAdvisoryLock(db.dataSource, key, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    const lock = await acquireAdvisoryLock(db.dataSource, key, { waitMs: 0 });
    expect(lock).toBeDefined();
    await lock!.release();
  });
});

describe('COPY', () => {
  it('streams encoded lines into a table inside the transaction', async () => {
    const runner = db.dataSource.createQueryRunner();
    await runner.startTransaction();
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      id: i,
      name: i === 7 ? 'tab\there \\ "q"' : null,
      tags: ['x', 'y z'],
    }));
    await copyIn(
      runner,
      { table: 't', columns: ['id', 'name', 'tags'] },
      copyChunks([rows.slice(0, 1200), rows.slice(1200)], (r) => copyLine([r.id, r.name, r.tags])),
    );
    expect(await queryOne(runner, 'SELECT count(*)::int AS n FROM t')).toEqual({ n: 2500 });
    expect(await queryOne(runner, 'SELECT name, tags FROM t WHERE id = 7')).toEqual({
      name: 'tab\there \\ "q"',
      tags: ['x', 'y z'],
    });
    await runner.rollbackTransaction();
    await runner.release();
    expect(await queryOne(db.dataSource, 'SELECT count(*)::int AS n FROM t')).toEqual({ n: 0 });
  });

  it('fails as a whole on a bad line', async () => {
    const runner = db.dataSource.createQueryRunner();
    await runner.startTransaction();
    await expect(
      copyIn(runner, { table: 't', columns: ['id', 'name', 'tags'] }, [
        copyLine([1, 'a', []]),
        'not-a-number\t\\N\t{}\n',
      ]),
    ).rejects.toThrow(/integer/);
    await runner.rollbackTransaction();
    await runner.release();
  });
});
