import { Injectable } from '@nestjs/common';
import { acquireAdvisoryLock } from '@hamiltix/persistence';
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
    const lock = await acquireAdvisoryLock(this.dataSource, PULL_LOCK_KEY, { waitMs });
    return lock && (() => lock.release());
  }
}
