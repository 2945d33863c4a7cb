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
 * A show's lock is shared by every task of this process for that show: one hold, taken by
 * the first and released when the last ends. A ranking's score store (ShowRanker) joins the
 * hold before the ranking leaves it, so the lock covers the stores still draining while the
 * next ranking of the show runs, and no other replica ranks the show before they are written.
 *
 * A run holds two pooled connections (the lock's and its work's), so at most
 * SHOW_RUNS_PER_PROCESS shows are run or awaited at once per process: with every pool
 * connection holding a lock, no run could load its listings. The all-shows lock is taken
 * inside a show's run and is not counted (the coalescer keeps it to one per process).
 * Budget of the pool (10): the consumer's handler transactions (concurrency 4) + 3 show
 * locks + 1 all-shows lock leave 2 connections for the work, so a run always progresses
 * (a show's ranking and its store may each want one: the one waiting for it waits a moment).
 */
const SHOW_RUNS_PER_PROCESS = 3;

/** One hold of a show's lock by this process: the tasks in it, and what ends it. */
interface SharedHold {
  tasks: number;
  /** Resolves once the lock is held; rejects when it could not be taken. */
  held: Promise<void>;
  release: () => void;
}

@Injectable()
export class RankingLock {
  private readonly slots = new Semaphore(SHOW_RUNS_PER_PROCESS);
  private readonly shows = new Map<string, SharedHold>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `task` while this process holds the show's lock (waiting for another replica's
   * hold to end), sharing the hold with this process's other tasks for the show. The task
   * counts from this call, synchronously: one started inside another keeps the lock held.
   */
  show<T>(showId: string, task: () => Promise<T>): Promise<T> {
    const hold = this.shows.get(showId) ?? this.take(showId);
    hold.tasks++;
    return hold.held.then(task).finally(() => {
      if (--hold.tasks > 0) return;
      if (this.shows.get(showId) === hold) this.shows.delete(showId);
      hold.release();
    });
  }

  /** Runs `task` while this process holds the all-shows index's lock. */
  allShows<T>(task: () => Promise<T>): Promise<T> {
    return this.hold('all-shows', task);
  }

  protected hold<T>(scope: string, task: () => Promise<T>): Promise<T> {
    return withAdvisoryLock(this.dataSource, rankingLockKey(scope), task);
  }

  private take(showId: string): SharedHold {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = new Promise<void>((resolve, reject) => {
      void (async () => {
        await this.slots.acquire();
        try {
          await this.hold(`show:${showId}`, () => {
            resolve();
            return released;
          });
        } finally {
          this.slots.release();
        }
      })().catch(reject);
    });
    const hold: SharedHold = { tasks: 0, held, release };
    this.shows.set(showId, hold);
    // A hold that could not be taken is not joined by later tasks: they take a fresh one.
    held.catch(() => {
      if (this.shows.get(showId) === hold) this.shows.delete(showId);
    });
    return hold;
  }
}
