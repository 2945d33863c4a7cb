import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { DataSource } from 'typeorm';

/** Cluster-wide key for "a pull is running" (any constant; only ingestion uses it). */
export const PULL_LOCK_KEY = 4_207_300_301;

export type ReleaseLock = () => Promise<void>;

/**
 * A Postgres session advisory lock so that two replicas never pull at once. It lives on
 * its own pooled connection for the length of the pull; if the process dies, Postgres
 * drops the session and the lock with it.
 */
@Injectable()
export class PullLock {
  constructor(private readonly dataSource: DataSource) {}

  /** Takes the lock, polling for up to `waitMs`; undefined when another holder kept it. */
  async acquire(waitMs: number): Promise<ReleaseLock | undefined> {
    const pool = (this.dataSource.driver as unknown as { master: pg.Pool }).master;
    const client = await pool.connect();
    const deadline = performance.now() + waitMs;
    try {
      for (;;) {
        const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
          PULL_LOCK_KEY,
        ]);
        if (rows[0].ok) break;
        if (performance.now() >= deadline) {
          client.release();
          return undefined;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    } catch (error) {
      client.release(true);
      throw error;
    }
    return async () => {
      try {
        await client.query('SELECT pg_advisory_unlock($1)', [PULL_LOCK_KEY]);
        client.release();
      } catch {
        // Destroying the connection ends the session, which releases the lock for sure.
        client.release(true);
      }
    };
  }
}
