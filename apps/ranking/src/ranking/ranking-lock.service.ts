import { Injectable } from '@nestjs/common';
import { rankingLockKey, withAdvisoryLock } from '@hamiltix/persistence';
import { Semaphore } from '@hamiltix/platform';
import { DataSource } from 'typeorm';

/**
 * Rankings of one scope (a show, or the all-shows index) run one at a time across every
 * replica: a Postgres session advisory lock (libs/persistence `rankingLockKey`), held on a
 * connection of its own for the whole run. Postgres releases it when that connection ends,
 * so a crashed replica never leaves a show locked, and no lease can expire under a slow but
 * live holder; a connection whose unlock failed is closed, never pooled.
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

  protected hold<T>(scope: string, task: () => Promise<T>): Promise<T> {
    return withAdvisoryLock(this.dataSource, rankingLockKey(scope), task);
  }
}
