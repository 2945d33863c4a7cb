import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { pgPool } from './native.js';
import { execute, queryOne, type Queryable } from './queryable.js';

/**
 * The key of a Postgres advisory lock: one bigint, or a class (int4) and a scope string
 * (hashed by Postgres' `hashtext`). Every lock of the database shares one key space, so each
 * user picks its own constant or class.
 */
export type AdvisoryLockKey = number | bigint | { readonly classId: number; readonly scope: string };

/** A held session advisory lock. */
export interface AdvisoryLock {
  /** Unlocks and gives the connection back (or closes it when the unlock failed: that ends the session, and the lock with it). Never throws. */
  release(): Promise<void>;
}

function lockSql(fn: string, key: AdvisoryLockKey): { text: string; values: unknown[] } {
  if (typeof key === 'object')
    return { text: `SELECT ${fn}($1::int, hashtext($2)) AS ok`, values: [key.classId, key.scope] };
  return { text: `SELECT ${fn}($1::bigint) AS ok`, values: [String(key)] };
}

/**
 * Takes a session advisory lock on a pooled connection of its own, held until `release()`. If
 * the process dies Postgres ends the session and the lock goes with it: no lease to expire.
 *
 * - without `waitMs`: waits as long as another session holds it (`pg_advisory_lock`, beyond
 *   the pool's statement_timeout);
 * - with `waitMs`: tries every `pollMs` (200) until `waitMs` has passed, then resolves
 *   undefined (`pg_try_advisory_lock`).
 *
 * The lock connection counts against the data source's pool.
 */
export async function acquireAdvisoryLock(
  dataSource: DataSource,
  key: AdvisoryLockKey,
  options: { waitMs?: number; pollMs?: number } = {},
): Promise<AdvisoryLock | undefined> {
  const client: pg.PoolClient = await pgPool(dataSource).connect();
  try {
    if (options.waitMs === undefined) {
      // Waiting is the point here: the pool's statement_timeout (30 s, data-source.ts) must
      // not cut the wait short, so it is lifted for this statement and restored after.
      const lock = lockSql('pg_advisory_lock', key);
      await client.query('SET statement_timeout = 0');
      await client.query(lock.text, lock.values);
      await client.query('RESET statement_timeout');
    } else {
      const lock = lockSql('pg_try_advisory_lock', key);
      const deadline = performance.now() + options.waitMs;
      for (;;) {
        const { rows } = await client.query<{ ok: boolean }>(lock.text, lock.values);
        if (rows[0].ok) break;
        if (performance.now() >= deadline) {
          client.release();
          return undefined;
        }
        await new Promise((r) => setTimeout(r, options.pollMs ?? 200));
      }
    }
  } catch (error) {
    // The lock may or may not be ours: closing the session settles it.
    client.release(true);
    throw error;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        const unlock = lockSql('pg_advisory_unlock', key);
        await client.query(unlock.text, unlock.values);
        client.release();
      } catch (error) {
        client.release(error instanceof Error ? error : true);
      }
    },
  };
}

/** Runs `task` while holding the lock (waiting for it as long as it takes), then releases it. */
export async function withAdvisoryLock<T>(
  dataSource: DataSource,
  key: AdvisoryLockKey,
  task: () => Promise<T>,
): Promise<T> {
  const lock = (await acquireAdvisoryLock(dataSource, key))!;
  try {
    return await task();
  } finally {
    await lock.release();
  }
}

/**
 * Takes the transaction advisory lock named `name` (`hashtext(name)`), waiting for it;
 * Postgres releases it when the transaction open on `db` ends. Serialises work on one key
 * (an address, a relay) across replicas for the length of a transaction.
 */
export async function lockForTransaction(db: Queryable, name: string): Promise<void> {
  await execute(db, 'SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
}

/** As lockForTransaction, without waiting: false when another transaction holds it. */
export async function tryLockForTransaction(db: Queryable, name: string): Promise<boolean> {
  const row = await queryOne<{ locked: boolean }>(
    db,
    'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
    [name],
  );
  return row!.locked;
}
