import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ALL_SHOWS } from '@hamiltix/contracts';
import { ShutdownService } from '@hamiltix/platform';
import { RankedIndexWriter } from './ranked-index.writer.js';
import { ShowRanker } from './show-ranker.service.js';
import { ShowListingsRepository } from './show-listings.repository.js';

/**
 * Redis is derived data and may have been flushed or have missed changes while ranking
 * was down. On start, every show whose index is missing, or older than its newest
 * listing or score change in Postgres, is ranked again (in the background: the service
 * is ready meanwhile, search falls back to Postgres).
 */
const RETRY_MAX_MS = 5_000;

@Injectable()
export class StartupRebuild implements OnApplicationBootstrap {
  private readonly logger = new Logger(StartupRebuild.name);
  /** Settles when the start-up check has finished (tests wait for it). */
  done: Promise<void> = Promise.resolve();

  constructor(
    private readonly repository: ShowListingsRepository,
    private readonly index: RankedIndexWriter,
    private readonly ranker: ShowRanker,
    private readonly shutdown: ShutdownService,
  ) {}

  onApplicationBootstrap(): void {
    this.done = this.shutdown.track(this.untilDone());
  }

  /** Postgres or Redis may still be starting: retry with capped backoff until the check succeeds. */
  private async untilDone(): Promise<void> {
    for (let attempt = 1; !this.shutdown.isShuttingDown; attempt++) {
      try {
        await this.rebuildStale();
        return;
      } catch (error) {
        const delay = Math.min(500 * attempt, RETRY_MAX_MS);
        this.logger.warn(`start-up rebuild failed (${(error as Error).message}); retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  }

  async rebuildStale(): Promise<string[]> {
    const stale: string[] = [];
    for (const showId of await this.repository.showIds()) {
      const meta = await this.index.meta(showId);
      if (!meta || Date.parse(meta.builtAt) < (await this.repository.lastChangeMs(showId)))
        stale.push(showId);
    }
    if (stale.length) this.logger.log(`rebuilding stale or missing indexes: ${stale.join(', ')}`);
    await Promise.all(stale.map((showId) => this.ranker.request(showId)));
    if (!stale.length && !(await this.index.currentVersion(ALL_SHOWS))) await this.ranker.requestAllShows();
    return stale;
  }
}
