import { Logger } from '@nestjs/common';
import { showIds } from '@hamiltix/persistence';
import type { DataSource } from 'typeorm';

/** A show not in the set is looked up again at most this often (a new show appears within it). */
export const KNOWN_SHOWS_RECHECK_MS = 5_000;
/** The longest a request waits for that look-up; search must not hang on a slow Postgres. */
const READ_WAIT_MS = 500;
/** After a failed read, the next one is tried this soon. */
const RETRY_MS = 250;

/**
 * The show ids that exist (ingestion's `shows` table), so a `show` parameter naming no show
 * is answered without touching a cache, a snapshot pointer or any other per-scope map: a
 * client sending endless made-up slugs costs no memory. The set is as small as the catalogue.
 *
 * An id not in the set is re-read from Postgres at most every KNOWN_SHOWS_RECHECK_MS (shared by all
 * requests, waited for at most READ_WAIT_MS), so a show added by ingestion is known within
 * seconds. Until a first read succeeds (Postgres away at start) every id counts as known and
 * no request waits for Postgres: search answers from Redis alone, as before, and the caches
 * are bounded by bytes anyway.
 */
export class KnownShows {
  private readonly logger = new Logger(KnownShows.name);
  private ids?: ReadonlySet<string>;
  private readAt = -Infinity;
  private reading?: Promise<void>;

  constructor(
    private readonly db: DataSource,
    private readonly recheckMs = KNOWN_SHOWS_RECHECK_MS,
  ) {}

  async has(showId: string): Promise<boolean> {
    if (this.ids?.has(showId)) return true;
    if (performance.now() - this.readAt >= this.recheckMs) {
      const read = this.refresh();
      if (!this.ids) return true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([read, new Promise((r) => (timer = setTimeout(r, READ_WAIT_MS)))]);
      clearTimeout(timer);
    }
    return this.ids ? this.ids.has(showId) : true;
  }

  /** Reads the show ids now (one read at a time). */
  refresh(): Promise<void> {
    this.reading ??= (async () => {
      try {
        this.ids = new Set(await showIds(this.db));
        this.readAt = performance.now();
      } catch (error) {
        // Retried soon, not at the next re-check: until then every show counts as known.
        this.readAt = performance.now() - this.recheckMs + RETRY_MS;
        this.logger.warn(`show ids not read: ${(error as Error).message}`);
      } finally {
        this.reading = undefined;
      }
    })();
    return this.reading;
  }
}
