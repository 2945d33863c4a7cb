import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/** A show not in the set is looked up again at most this often (a new show appears within it). */
export const KNOWN_SHOWS_RECHECK_MS = 5_000;

/**
 * The show ids that exist (ingestion's `shows` table), so a `show` parameter naming no show
 * is answered without touching a cache, a snapshot pointer or any other per-scope map: a
 * client sending endless made-up slugs costs no memory. The set is as small as the catalogue.
 *
 * An id not in the set is re-read from Postgres at most every KNOWN_SHOWS_RECHECK_MS (shared by all
 * requests), so a show added by ingestion is known within seconds. Until a first read
 * succeeds (Postgres away at start) every id counts as known: answers stay right, and the
 * caches are bounded by bytes anyway.
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
    if (performance.now() - this.readAt >= this.recheckMs) await this.read();
    return this.ids ? this.ids.has(showId) : true;
  }

  private read(): Promise<void> {
    this.reading ??= (async () => {
      try {
        const rows = (await this.db.query('SELECT id FROM shows')) as { id: string }[];
        this.ids = new Set(rows.map((r) => r.id));
      } catch (error) {
        this.logger.warn(`show ids not read: ${(error as Error).message}`);
      } finally {
        this.readAt = performance.now();
        this.reading = undefined;
      }
    })();
    return this.reading;
  }
}
