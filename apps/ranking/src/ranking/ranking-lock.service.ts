import { Injectable } from '@nestjs/common';
import { Semaphore } from '@hamiltix/platform';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * The first key of every ranking advisory lock ("RANK"); the second is hashtext(scope).
 * Other advisory locks in this database must pick another first key.
 */
export const RANKING_LOCK_CLASS = 0x52414e4b;

/**
 * Rankings of one scope (a show, or the all-shows index) run one at a time across every
 * replica: a Postgres session advisory lock, held on a connection of its own for the
 * whole run. Postgres releases it when that connection ends, so a crashed replica never
 * leaves a show locked, and no lease can expire under a slow but live holder.
 *
 * A run holds two pooled connections (the lock's and its work's), so at most
 * SHOW_RUNS_PER_PROCESS shows are run or awaited at once per process: with every pool
 * connection holding a lock, no run could load its listings. The all-shows lock is taken
 * inside a show's run and is not counted (the coalescer keeps it to one per process).
 * Budget of the pool (10): the consumer's handler transactions (concurrency 4) + 3 show
 * locks + 1 all-shows lock leave 2 connections for the work, so a run always progresses.
 */
const SHOW_RUNS_PER_PROCESS = 3;

@Injectable()
export class RankingLock {
  private readonly slots = new Semaphore(SHOW_RUNS_PER_PROCESS);

  constructor(private readonly dataSource: DataSource) {}

  /** Runs `task` while this process holds the show's lock (waiting for another replica's run to end). */
  async show<T>(showId: string, task: () => Promise<T>): Promise<T> {
    await this.slots.acquire();
    try {
      return await this.hold(`show:${showId}`, task);
    } finally {
      this.slots.release();
    }
  }

  /** Runs `task` while this process holds the all-shows index's lock. */
  allShows<T>(task: () => Promise<T>): Promise<T> {
    return this.hold('all-shows', task);
  }

  protected async hold<T>(scope: string, task: () => Promise<T>): Promise<T> {
    const [client, release] = (await (this.dataSource.driver as PostgresDriver).obtainMasterConnection()) as [
      PoolClient,
      (error?: Error) => void,
    ];
    let broken: Error | undefined;
    const remember = (error: Error) => {
      broken = error;
      throw error;
    };
    try {
      await client
        .query('SELECT pg_advisory_lock($1, hashtext($2))', [RANKING_LOCK_CLASS, scope])
        .catch(remember);
      try {
        return await task();
      } finally {
        await client
          .query('SELECT pg_advisory_unlock($1, hashtext($2))', [RANKING_LOCK_CLASS, scope])
          .catch((error: Error) => (broken = error));
      }
    } finally {
      // A connection that may still hold the lock is closed, never pooled: closing it is
      // what releases the lock for the other replicas.
      release(broken);
    }
  }
}
