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
import { RankingLock } from './ranking-lock.service.js';
import { RankingMetrics } from './ranking.metrics.js';
import { ShowListingsRepository, type StoredListing } from './show-listings.repository.js';

/**
 * Ranks one show end to end: loads its active listings, scores them (libs/ranking with
 * seat quality from libs/venues), rebuilds the show's and the all-shows Redis indexes,
 * then stores the scores and enqueues rankings.updated in one transaction. Requests for a
 * show are coalesced (a burst ranks once more after the run in flight, not N times), and
 * a show is ranked by one replica at a time (RankingLock), as is the all-shows index.
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
    private readonly lock: RankingLock,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Ranks the show now, or once after the run in flight (shared by every request meanwhile). */
  request(showId: string): Promise<void> {
    return this.coalescer.run(showId, () => this.lock.show(showId, () => this.rankNow(showId)));
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
      await this.requestAllShows();
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

  /**
   * The all-shows index is the union of every show's live index. Rebuilds are serialised
   * across replicas (lock) and each reads the live versions once it holds the lock, after
   * the show swap that asked for it: so the last rebuild sees every show's latest ranking,
   * whichever replica made it. One that finds the live index built from exactly those
   * versions (another replica got there first) has nothing to do.
   */
  async rebuildAllShows(): Promise<void> {
    const versions: Record<string, string> = {};
    for (const showId of await this.repository.showIds()) {
      const version = await this.index.currentVersion(showId);
      if (version) versions[showId] = version;
    }
    const live = await this.index.meta(ALL_SHOWS);
    if (live?.versions && sameVersions(live.versions, versions)) return;
    const perShow: (readonly RankedListingDoc[])[] = [];
    for (const [showId, version] of Object.entries(versions)) {
      // The docs this process published, when that is the live version; else Redis.
      const mine = this.published.get(showId);
      perShow.push(mine?.version === version ? mine.docs : await this.index.docsOf(showId, version));
    }
    // One show: the very same docs array, so the writer reuses that show's encoded snapshot.
    const docs = perShow.length === 1 ? perShow[0] : perShow.flat();
    await this.index.publish(ALL_SHOWS, docs, Object.keys(versions), versions);
  }

  requestAllShows(): Promise<void> {
    return this.coalescer.run(ALL_SHOWS, () => this.lock.allShows(() => this.rebuildAllShows()));
  }
}

function sameVersions(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(b);
  return Object.keys(a).length === keys.length && keys.every((k) => a[k] === b[k]);
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
