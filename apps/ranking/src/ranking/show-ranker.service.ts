import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ALL_SHOWS, SUBJECTS, type RankedListingDoc } from '@hamiltix/contracts';
import { onSaleStartsAfter, type Clock } from '@hamiltix/domain';
import { APP_CONFIG, CLOCK, OutboxService, type AppConfig } from '@hamiltix/platform';
import { rankShow, toRankable } from '@hamiltix/ranking';
import { DataSource } from 'typeorm';
import { Coalescer } from './coalescer.js';
import { buildDocs } from './ranked-docs.js';
import { RankedIndexWriter } from './ranked-index.writer.js';
import { RankingMetrics } from './ranking.metrics.js';
import { ShowListingsRepository, type StoredListing } from './show-listings.repository.js';

/**
 * Ranks one show end to end: loads its active listings, scores them (libs/ranking with
 * seat quality from libs/venues), rebuilds the show's and the all-shows Redis indexes,
 * then stores the scores and enqueues rankings.updated in one transaction. Requests for a
 * show are coalesced (a burst ranks once more after the run in flight, not N times).
 */
@Injectable()
export class ShowRanker {
  private readonly logger = new Logger(ShowRanker.name);
  private readonly coalescer = new Coalescer();
  /** The docs of each show's last published version, so the all-shows rebuild need not re-read them. */
  private readonly published = new Map<string, { version: string; docs: readonly RankedListingDoc[] }>();

  constructor(
    private readonly repository: ShowListingsRepository,
    private readonly index: RankedIndexWriter,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly metrics: RankingMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Ranks the show now, or once after the run in flight (shared by every request meanwhile). */
  request(showId: string): Promise<void> {
    return this.coalescer.run(showId, () => this.rankNow(showId));
  }

  idle(): Promise<void> {
    return this.coalescer.idle();
  }

  private async rankNow(showId: string): Promise<void> {
    const started = performance.now();
    // Scores carry the time the ranking started, so an index built after it is never "older".
    const rankedAt = this.clock.now();
    // Never rank what can no longer be sold: search also filters at read time, so a
    // performance crossing its cut-off between two rankings is hidden at once.
    const stored = await this.repository.activeListings(
      showId,
      onSaleStartsAfter(rankedAt, this.config.sales),
    );
    const loaded = performance.now();
    const result = rankShow(stored.map(toSeatInput).map(toRankable), rankedAt);
    const docs = buildDocs(showId, stored, result.ranked);
    const scored = performance.now();
    let indexed = scored;

    // Redis first (derived data; search reads it), then the scores and the event, so the
    // event never announces an index that is not live yet. If Redis is down the scores are
    // still stored: search falls back to Postgres, and the next run or restart rebuilds.
    let version = `pg-${rankedAt.getTime().toString(36)}`;
    try {
      version = await this.index.publish(showId, docs, [showId]);
      this.published.set(showId, { version, docs });
      indexed = performance.now();
      await this.coalescer.run(ALL_SHOWS, () => this.rebuildAllShows());
    } catch (error) {
      this.metrics.indexFailures.inc({ show: showId });
      this.logger.warn(`Redis index for ${showId} not rebuilt: ${(error as Error).message}`);
    }
    const allShowsDone = performance.now();
    await this.dataSource.transaction(async (manager) => {
      await this.repository.replaceScores(manager, showId, result.ranked, rankedAt, docs);
      await this.outbox.enqueue(manager, SUBJECTS.rankingsUpdated(showId), {
        showId,
        version,
        listings: result.ranked.length,
        at: this.clock.now().toISOString(),
      });
    });

    const stored_ = performance.now();
    const seconds = (stored_ - started) / 1000;
    this.metrics.duration.observe({ show: showId }, seconds);
    this.metrics.listingsRanked.inc({ show: showId }, result.ranked.length);
    this.metrics.listings.set({ show: showId }, result.ranked.length);
    this.metrics.residual.set({ show: showId }, result.fit.medianAbsLogResidual);
    this.logger.log(
      `ranked ${showId}: ${result.ranked.length} listings in ${(seconds * 1000).toFixed(0)} ms ` +
        `(median |log residual| ${result.fit.medianAbsLogResidual.toFixed(3)}, index ${version}; ms: ` +
        `load ${(loaded - started).toFixed(0)}, rank ${(scored - loaded).toFixed(0)}, ` +
        `redis ${(indexed - scored).toFixed(0)}, all-shows ${(allShowsDone - indexed).toFixed(0)}, ` +
        `postgres ${(stored_ - allShowsDone).toFixed(0)})`,
    );
  }

  /** The all-shows index is the union of every show's live index (serialised by the coalescer). */
  async rebuildAllShows(): Promise<void> {
    const perShow: (readonly RankedListingDoc[])[] = [];
    const included: string[] = [];
    for (const showId of await this.repository.showIds()) {
      // The docs this process published, while that version is still the live one; else Redis.
      const mine = this.published.get(showId);
      const live =
        mine && mine.version === (await this.index.currentVersion(showId))
          ? mine.docs
          : await this.index.currentDocs(showId);
      if (!live) continue;
      included.push(showId);
      perShow.push(live);
    }
    // One show: the very same docs array, so the writer reuses that show's encoded snapshot.
    const docs = perShow.length === 1 ? perShow[0] : perShow.flat();
    await this.index.publish(ALL_SHOWS, docs, included);
  }

  requestAllShows(): Promise<void> {
    return this.coalescer.run(ALL_SHOWS, () => this.rebuildAllShows());
  }
}

function toSeatInput(l: StoredListing) {
  return {
    id: l.id,
    venueId: l.venueId,
    performanceId: l.performanceId,
    startsAtMs: l.startsAt.getTime(),
    timeZone: l.timeZone,
    allInCents: l.allInCents,
    quantity: l.quantity,
    section: l.section,
    sectionId: l.sectionId,
    row: l.row,
    seats: l.seats,
    viewNotes: l.viewNotes,
  };
}
