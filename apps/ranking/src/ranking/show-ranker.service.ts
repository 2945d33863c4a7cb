import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ALL_SHOWS,
  RANKED_DELTA_MAX_BYTES,
  SUBJECTS,
  applyRankedDelta,
  composeRankedSnapshot,
  decodeRankedSnapshot,
  encodeRankedColumns,
  encodeRankedDelta,
  encodeRankedSnapshot,
  type RankedDelta,
  type RankedDeltaHeader,
  type RankedSnapshotColumns,
} from '@hamiltix/contracts';
import { onSaleStartsAfter, type Clock } from '@hamiltix/domain';
import {
  APP_CONFIG,
  CLOCK,
  collectGarbageSoon,
  NatsConnectionService,
  OutboxService,
  type AppConfig,
} from '@hamiltix/platform';
import { rankWithFit, toRankable, type FitSummary, type RankResult, type ShowFit } from '@hamiltix/ranking';
import { DataSource } from 'typeorm';
import { Coalescer } from './coalescer.js';
import type { FullRanking } from './full-ranking.js';
import { buildDocs } from './ranked-docs.js';
import { RankedIndexWriter } from './ranked-index.writer.js';
import { RankingLock } from './ranking-lock.service.js';
import { RankingMetrics } from './ranking.metrics.js';
import { ShowListingsRepository } from './show-listings.repository.js';

/**
 * An incremental ranking re-scores only the changed performances' listings against the
 * fit held from the last full ranking; a full one (reload, refit, rewrite) runs instead when
 * more than REFIT_FRACTION of the show's listings changed since that fit, when the fit is
 * older than REFIT_AFTER_MS, or when anything else may have moved (see ShowRanker.rankNow).
 */
export const REFIT_FRACTION = 0.1;
export const REFIT_AFTER_MS = 10 * 60_000;
/**
 * After Redis refused a show's index, the show is ranked again (in full) this long after,
 * doubling up to INDEX_RETRY_MAX_MS until an index lands: search would otherwise keep the
 * previous version until the next inventory change.
 */
export const INDEX_RETRY_MS = 5_000;
/** How long an incremental ranking waits after sending its delta before its own splice and Redis write. */
export const DELTA_GRACE_MS = 250;
const INDEX_RETRY_MAX_MS = 60_000;
/** inventory.changed carries at most this many performance ids; a full list means "maybe more". */
const MAX_PERFORMANCE_IDS = 10_000;

/** What this process holds of the last ranking it published for a show. */
interface HeldRanking {
  /** The version it published: reused only while it is still the live one. */
  version: string;
  /** The published snapshot, decoded (views over its bytes). */
  columns: RankedSnapshotColumns;
  model: ShowFit;
  fittedAtMs: number;
  /** Listings in the fitted inventory, and listings re-scored against the fit since. */
  fitted: number;
  rescored: number;
}

/**
 * What a ranking leaves to write to Postgres once its snapshot is published: its scores,
 * the stats and rankings.updated, in one transaction (see ShowRanker.queueStore).
 */
interface PendingStore {
  kind: string;
  version: string;
  /** A full ranking's store rewrites every score and the stats: the stores queued before it are skipped. */
  full: boolean;
  write: () => Promise<void>;
  /** Set when a full store queued after this one made it redundant: this store's callers wait for that one. */
  supersededBy?: Promise<void>;
}

/**
 * The all-shows version a ranked delta announced, and what it is made from: the live
 * all-shows version `base` (built from `versions`) with the delta applied, once the show's
 * `showVersion` is live. rebuildAllShows writes it under exactly `version`, or (something
 * else moved meanwhile) rebuilds as usual under a fresh one.
 */
interface AllShowsDelta extends Pick<RankedDelta, 'showId' | 'performances' | 'rows'> {
  showVersion: string;
  base: string;
  version: string;
  versions: Record<string, string>;
}

/**
 * Ranks one show end to end: loads its active listings, scores them (libs/ranking with
 * seat quality from libs/venues), publishes the show's and the all-shows Redis snapshots,
 * then stores the scores and enqueues rankings.updated in one transaction. Requests for a
 * show are coalesced (a burst ranks once more after the run in flight, not N times), and
 * a show is ranked by one replica at a time (RankingLock), as is the all-shows index.
 *
 * The store is off the path to the buyer: the show's next ranking starts once a ranking's
 * snapshot is published, while its store runs. Stores of a show run one at a time in the
 * order their rankings published (a later ranking's scores are never overwritten by an
 * earlier one's), under the show's lock still (RankingLock shares one hold between a
 * process's rankings and stores of a show: no other replica ranks it until they are written).
 */
@Injectable()
export class ShowRanker implements OnModuleDestroy {
  private readonly logger = new Logger(ShowRanker.name);
  private readonly coalescer = new Coalescer();
  private readonly held = new Map<string, HeldRanking>();
  /** REFIT_FRACTION and REFIT_AFTER_MS of this process (tests lower or raise them). */
  refitFraction = REFIT_FRACTION;
  refitAfterMs = REFIT_AFTER_MS;
  /** DELTA_GRACE_MS of this process. */
  deltaGraceMs = DELTA_GRACE_MS;
  /** INDEX_RETRY_MS of this process (tests lower it). */
  indexRetryMs = INDEX_RETRY_MS;
  /**
   * Shows to rank again after Redis refused their index or Postgres their scores: the pending
   * retry and the failures in a row (reset once an index lands).
   */
  private readonly retries = new Map<string, { timer?: NodeJS.Timeout; failures: number }>();
  private closed = false;
  /** Performances changed since the show's last run began; 'all' when unknown. */
  private readonly pending = new Map<string, Set<string> | 'all'>();
  /** The all-shows version the last delta announced (see AllShowsDelta). */
  private allShowsDelta?: AllShowsDelta;
  /** Per show: the last store queued (settles when it is done) and the stores not started. */
  private readonly stores = new Map<string, { last: Promise<void>; waiting: PendingStore[] }>();

  constructor(
    private readonly repository: ShowListingsRepository,
    private readonly index: RankedIndexWriter,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly metrics: RankingMetrics,
    private readonly lock: RankingLock,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly nats: NatsConnectionService,
  ) {}

  /**
   * Ranks the show now, or once after the run in flight (shared by every request meanwhile).
   * `performanceIds`: the performances whose listings changed (inventory.changed); without
   * them the whole show is reloaded and refitted. Settles once that ranking's scores are
   * stored (the ranking itself is live in Redis before).
   */
  request(showId: string, performanceIds?: readonly string[]): Promise<void> {
    const pending = this.pending.get(showId);
    if (!performanceIds?.length || performanceIds.length >= MAX_PERFORMANCE_IDS) {
      this.pending.set(showId, 'all');
    } else if (pending !== 'all') {
      const set = pending ?? new Set<string>();
      for (const id of performanceIds) set.add(id);
      this.pending.set(showId, set);
    }
    const ranked = this.coalescer.run(showId, () =>
      this.lock.show(showId, async () => {
        const store = await this.rankNow(showId);
        // Queued (joining the show's lock hold) before this ranking leaves the lock.
        return { stored: this.queueStore(showId, store) };
      }),
    );
    return ranked.then(({ stored }) => stored);
  }

  /** Resolves when no ranking or store is running or queued (for shutdown and tests). */
  async idle(): Promise<void> {
    await this.coalescer.idle();
    while (this.stores.size) {
      await Promise.allSettled([...this.stores.values()].map((s) => s.last));
      await this.coalescer.idle();
    }
  }

  /**
   * Queues the show's store after those of its earlier rankings. A full ranking's store
   * replaces every score and the stats, so the stores still waiting before it are skipped
   * (their callers settle with it). The store counts as a task of the show's lock hold from
   * here. A failed store is logged and counted, and the show ranked again in full.
   */
  private queueStore(showId: string, store: PendingStore): Promise<void> {
    const chain = this.stores.get(showId) ?? { last: Promise.resolve(), waiting: [] };
    this.stores.set(showId, chain);
    const previous = chain.last;
    const queuedAt = performance.now();
    const done = this.lock.show(showId, async () => {
      await previous;
      chain.waiting.splice(chain.waiting.indexOf(store), 1);
      if (store.supersededBy) return;
      const started = performance.now();
      try {
        await store.write();
      } catch (error) {
        this.metrics.storeFailures.inc({ show: showId });
        const delay = this.rankAgainLater(showId, 'a failed store');
        this.logger.warn(
          `scores of ${showId} (${store.kind}, index ${store.version}) not stored: ${(error as Error).message}; ranking it again in full in ${delay} ms`,
        );
        throw error;
      }
      const ms = performance.now() - started;
      this.metrics.storeDuration.observe({ show: showId }, ms / 1000);
      this.logger.log(
        `stored ${showId} (${store.kind}, index ${store.version}) in ${ms.toFixed(0)} ms ` +
          `(queued ${(started - queuedAt).toFixed(0)} ms behind earlier stores)`,
      );
    });
    if (store.full) for (const earlier of chain.waiting) earlier.supersededBy = done;
    chain.waiting.push(store);
    const last = done.catch(() => undefined);
    chain.last = last;
    void last.then(() => {
      if (this.stores.get(showId)?.last === last) this.stores.delete(showId);
    });
    return done.then(() => store.supersededBy);
  }

  /**
   * Incremental when this process holds the show's fit, that fit's version is still the
   * live index (no other replica ranked the show since), it is younger than REFIT_AFTER_MS,
   * the changed performances are known and few enough, and every changed listing's venue is
   * in the fit. Otherwise full.
   */
  private async rankNow(showId: string): Promise<PendingStore> {
    const changed = this.pending.get(showId) ?? 'all';
    this.pending.delete(showId);
    let held = this.held.get(showId);
    this.held.delete(showId);
    const rankedAt = this.clock.now();
    let live: string | null = null;
    if (held && changed !== 'all') live = await this.index.currentVersion(showId).catch(() => null);
    const usable =
      held !== undefined &&
      changed !== 'all' &&
      live === held.version &&
      rankedAt.getTime() - held.fittedAtMs < this.refitAfterMs;
    try {
      const store = usable ? await this.rankChanged(showId, held!, [...changed], rankedAt) : undefined;
      if (store) return store;
      // A full ranking reads nothing held: the previous snapshot (~32 MB at 57,800 listings)
      // is let go now and collected while the listings load, not kept beside the one built,
      // with the pages V8 pooled during the last store (collectGarbageSoon's releasePages).
      held = undefined;
      collectGarbageSoon(0, { releasePages: true });
      return await this.rankAll(showId, rankedAt);
    } catch (error) {
      // The next run starts from Postgres.
      this.held.delete(showId);
      throw error;
    }
  }

  /**
   * A full ranking: every listing reloaded, the fit re-estimated, every score rewritten. In
   * bounded memory (full-ranking.ts): columns for the fit, then docs a batch at a time into
   * the snapshot; the scores are written from the snapshot after it is published (the store returned).
   */
  private async rankAll(showId: string, rankedAt: Date): Promise<PendingStore> {
    const t = new StageTimer();
    // Never rank what can no longer be sold: search also filters at read time, so a
    // performance crossing its cut-off between two rankings is hidden at once.
    const full = await this.repository.rankFull(
      showId,
      onSaleStartsAfter(rankedAt, this.config.sales),
      rankedAt,
      (stage) => t.mark(stage),
    );
    const version = await this.publish(showId, full.snapshot, rankedAt, t, {
      model: full.model,
      fittedAtMs: rankedAt.getTime(),
      fitted: full.count,
      rescored: 0,
    });
    this.report(showId, 'full', { fit: full.fit, count: full.count }, version, t);
    return {
      kind: 'full',
      version,
      full: true,
      write: () => this.storeAll(showId, full, rankedAt, version),
    };
  }

  /** store() of a full ranking: listing_scores and the stats from its snapshot, with the event. */
  private async storeAll(showId: string, full: FullRanking, rankedAt: Date, version: string): Promise<void> {
    const columns = decodeRankedSnapshot(full.snapshot);
    await this.dataSource.transaction(async (manager) => {
      await this.repository.replaceAllScores(manager, showId, columns, full, rankedAt);
      await this.outbox.enqueue(manager, SUBJECTS.rankingsUpdated(showId), {
        showId,
        version,
        listings: full.count,
        at: this.clock.now().toISOString(),
      });
    });
  }

  /**
   * Re-scores the listings of the changed performances against the held fit and splices
   * them into the held snapshot; returns its store. Undefined (nothing written) when a full
   * ranking is due instead.
   */
  private async rankChanged(
    showId: string,
    held: HeldRanking,
    performanceIds: string[],
    rankedAt: Date,
  ): Promise<PendingStore | undefined> {
    const t = new StageTimer();
    const replaced = new Set(performanceIds);
    const { columns } = held;
    const dropPerformance = columns.performances.map((id) => replaced.has(id));
    // What the held index has of those performances: too many, and a refit is due anyway.
    let before = 0;
    for (let i = 0; i < columns.count; i++) if (dropPerformance[columns.performance[i]]) before++;
    if (held.rescored + before > this.refitFraction * held.fitted) return undefined;
    const stored = await this.repository.activeListings(
      showId,
      onSaleStartsAfter(rankedAt, this.config.sales),
      performanceIds,
    );
    t.mark('load');
    const rescored = held.rescored + Math.max(before, stored.listings.length);
    if (rescored > this.refitFraction * held.fitted) return undefined;
    const rankables = stored.listings.map(toRankable);
    if (rankables.some((l) => !held.model.curves.has(l.venueId))) return undefined;
    const result = rankWithFit(rankables, held.model, rankedAt);
    const docs = buildDocs(showId, stored, result.ranked);
    const rowBytes = encodeRankedSnapshot(docs);
    const delta = { showId, performances: performanceIds, rows: decodeRankedSnapshot(rowBytes) };
    t.mark('rank');
    // Announced before anything is written: search-api applies it to the version it holds
    // (the 26 MB splice and Redis round trips below are off the freshness path).
    const next = this.index.newVersion();
    if (await this.announce(held.version, next, delta, rowBytes))
      // The splice and the Redis write are CPU this process would take from search-api
      // applying the delta on a shared node (on 2 cores they doubled the apply's time):
      // they wait a moment, the version is already live for readers that applied it.
      await new Promise((resolve) => setTimeout(resolve, this.deltaGraceMs));
    t.mark('delta');
    const snapshot = encodeRankedColumns(applyRankedDelta(columns, delta));
    t.mark('splice');
    const version = await this.publish(showId, snapshot, rankedAt, t, { ...held, rescored }, next);
    const kind = `${stored.listings.length} re-scored`;
    this.report(showId, kind, result, version, t);
    const listings = this.held.get(showId)?.columns.count ?? result.ranked.length;
    return {
      kind,
      version,
      full: false,
      write: () => this.store(showId, result, rankedAt, docs, version, listings, performanceIds),
    };
  }

  /**
   * Sends the delta from `base` to `version` of the show (core NATS, best effort: a reader
   * that misses it loads the version from Redis on rankings.updated or its pointer re-check),
   * with the all-shows scope's when the live all-shows index was built on `base`: that one's
   * new version is drawn here and kept for rebuildAllShows, which writes exactly it. True when it was sent.
   */
  private async announce(
    base: string,
    version: string,
    delta: Pick<RankedDelta, 'showId' | 'performances' | 'rows'>,
    rowBytes: Uint8Array,
  ): Promise<boolean> {
    const { showId } = delta;
    this.allShowsDelta = undefined;
    try {
      const scopes: RankedDeltaHeader['scopes'] = [{ scope: showId, base, version }];
      const allBase = await this.index.currentVersion(ALL_SHOWS);
      const versions = allBase ? (await this.index.meta(ALL_SHOWS, allBase))?.versions : undefined;
      if (allBase && versions?.[showId] === base) {
        const all = {
          ...delta,
          showVersion: version,
          base: allBase,
          version: this.index.newVersion(),
          versions,
        };
        this.allShowsDelta = all;
        // One show: the all-shows index is a copy of the show's (see applyAllShowsDelta).
        const copyOf = Object.keys(versions).length === 1 ? showId : undefined;
        scopes.push({ scope: ALL_SHOWS, base: allBase, version: all.version, copyOf });
      }
      const nc = this.nats.connection();
      if (!nc) return false;
      const bytes = encodeRankedDelta({ showId, performances: delta.performances, scopes }, rowBytes);
      if (bytes.length > RANKED_DELTA_MAX_BYTES) return false;
      nc.publish(SUBJECTS.rankingsDelta(showId), bytes);
      return true;
    } catch (error) {
      this.logger.warn(`delta of ${showId} not sent: ${(error as Error).message}`);
      return false;
    }
  }

  /**
   * Redis first (derived data; search reads it), then the scores and the event, so the
   * event never announces an index that is not live yet. If Redis is down the scores are
   * still stored: search falls back to Postgres, and the next run (a full one) rebuilds.
   */
  private async publish(
    showId: string,
    snapshot: Uint8Array,
    rankedAt: Date,
    t: StageTimer,
    fit: Omit<HeldRanking, 'version' | 'columns'>,
    version?: string,
  ): Promise<string> {
    const columns = decodeRankedSnapshot(snapshot);
    try {
      version = await this.index.publish(
        showId,
        snapshot,
        { showIds: [showId], listings: columns.count },
        version,
      );
      this.held.set(showId, { ...fit, version, columns });
      this.retries.delete(showId);
      t.mark('redis');
      await this.requestAllShows();
      t.mark('all-shows');
      return version;
    } catch (error) {
      this.metrics.indexFailures.inc({ show: showId });
      const delay = this.rankAgainLater(showId, 'a Redis failure');
      this.logger.warn(
        `Redis index for ${showId} not rebuilt: ${(error as Error).message}; ranking it again in ${delay} ms`,
      );
      return `pg-${rankedAt.getTime().toString(36)}`;
    }
  }

  /**
   * Ranks the show again in full (listing_scores and the index are derived) after a pause
   * that doubles with each failure in a row, up to INDEX_RETRY_MAX_MS; returns the pause.
   * One retry per show is pending at a time.
   */
  private rankAgainLater(showId: string, after: string): number {
    const retry = this.retries.get(showId) ?? { failures: 0 };
    this.retries.set(showId, retry);
    const delay = Math.min(this.indexRetryMs * 2 ** retry.failures, INDEX_RETRY_MAX_MS);
    retry.failures++;
    if (retry.timer || this.closed) return delay;
    retry.timer = setTimeout(() => {
      retry.timer = undefined;
      this.request(showId).catch((error: Error) =>
        this.logger.warn(`ranking ${showId} again after ${after} failed: ${error.message}`),
      );
    }, delay);
    retry.timer.unref();
    return delay;
  }

  onModuleDestroy(): void {
    this.closed = true;
    for (const { timer } of this.retries.values()) if (timer) clearTimeout(timer);
  }

  private async store(
    showId: string,
    result: RankResult,
    rankedAt: Date,
    docs: Parameters<ShowListingsRepository['replaceScores']>[4],
    version: string,
    listings: number,
    performanceIds?: string[],
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.repository.replaceScores(manager, showId, result.ranked, rankedAt, docs, performanceIds);
      await this.outbox.enqueue(manager, SUBJECTS.rankingsUpdated(showId), {
        showId,
        version,
        listings,
        at: this.clock.now().toISOString(),
      });
    });
  }

  private report(
    showId: string,
    kind: string,
    result: RankResult | { fit: FitSummary; count: number },
    version: string,
    t: StageTimer,
  ): void {
    const ranked = 'ranked' in result ? result.ranked.length : result.count;
    const listings = this.held.get(showId)?.columns.count ?? ranked;
    const seconds = t.totalMs() / 1000;
    this.metrics.duration.observe({ show: showId }, seconds);
    this.metrics.listingsRanked.inc({ show: showId }, ranked);
    this.metrics.listings.set({ show: showId }, listings);
    if (kind === 'full') this.metrics.residual.set({ show: showId }, result.fit.medianAbsLogResidual);
    this.logger.log(
      `ranked ${showId} (${kind}): ${listings} listings in ${(seconds * 1000).toFixed(0)} ms ` +
        `(median |log residual| ${result.fit.medianAbsLogResidual.toFixed(3)}, index ${version}; ms: ${t.summary()}; ` +
        `MiB: ${memory()})`,
    );
  }

  /**
   * The all-shows index is the union of every show's live snapshot. Rebuilds are serialised
   * across replicas (lock) and each reads the live versions once it holds the lock, after
   * the show swap that asked for it: so the last rebuild sees every show's latest ranking,
   * whichever replica made it. One that finds the live index built from exactly those
   * versions (another replica got there first) has nothing to do.
   */
  async rebuildAllShows(): Promise<void> {
    const versions: Record<string, string> = {};
    for (const showId of await this.repository.knownShowIds()) {
      const version = await this.index.currentVersion(showId);
      if (version) versions[showId] = version;
    }
    const liveVersion = await this.index.currentVersion(ALL_SHOWS);
    const live = liveVersion ? await this.index.meta(ALL_SHOWS, liveVersion) : null;
    if (live?.versions && sameVersions(live.versions, versions)) return;
    const entries = Object.entries(versions);
    const showIds = Object.keys(versions);
    const delta = this.allShowsDelta;
    if (
      delta &&
      liveVersion === delta.base &&
      sameVersions({ ...delta.versions, [delta.showId]: delta.showVersion }, versions)
    ) {
      this.allShowsDelta = undefined;
      await this.applyAllShowsDelta(delta, versions);
      return;
    }
    if (entries.length === 1) {
      // One show: the all-shows snapshot is that show's, copied inside Redis.
      const [[showId, version]] = entries;
      const listings = (await this.index.meta(showId, version))?.listings ?? 0;
      await this.index.publish(ALL_SHOWS, { scope: showId, version }, { showIds, listings, versions });
      return;
    }
    // Several: composed column by column, no docs materialised.
    const columns: RankedSnapshotColumns[] = [];
    for (const [showId, version] of entries) {
      // The snapshot this process published, when that is the live version; else Redis.
      const mine = this.held.get(showId);
      if (mine?.version === version) {
        columns.push(mine.columns);
        continue;
      }
      const bytes = await this.index.snapshot(showId, version);
      if (!bytes) throw new Error(`snapshot of ${showId} version ${version} is gone`);
      columns.push(decodeRankedSnapshot(bytes));
    }
    const snapshot = composeRankedSnapshot(columns.map((c) => ({ columns: c })));
    const listings = columns.reduce((n, c) => n + c.count, 0);
    await this.index.publish(ALL_SHOWS, snapshot, { showIds, listings, versions });
  }

  /**
   * The all-shows version a delta announced: the live one (built on the show's base) with
   * the delta applied. Of a single show that is the show's new snapshot, copied in Redis
   * (the live all-shows index is then a copy of the base: same bytes in, same bytes out).
   */
  private async applyAllShowsDelta(delta: AllShowsDelta, versions: Record<string, string>): Promise<void> {
    const showIds = Object.keys(versions);
    if (showIds.length === 1) {
      const listings = (await this.index.meta(delta.showId, delta.showVersion))?.listings ?? 0;
      const copy = { scope: delta.showId, version: delta.showVersion };
      await this.index.publish(ALL_SHOWS, copy, { showIds, listings, versions }, delta.version);
      return;
    }
    const bytes = await this.index.snapshot(ALL_SHOWS, delta.base);
    if (!bytes) throw new Error(`all-shows snapshot version ${delta.base} is gone`);
    const columns = applyRankedDelta(decodeRankedSnapshot(bytes), delta);
    const meta = { showIds, listings: columns.count, versions };
    await this.index.publish(ALL_SHOWS, encodeRankedColumns(columns), meta, delta.version);
  }

  requestAllShows(): Promise<void> {
    return this.coalescer.run(ALL_SHOWS, () => this.lock.allShows(() => this.rebuildAllShows()));
  }
}

/** Resident, V8 heap used and off-heap (ArrayBuffers: snapshots) memory, MiB. */
function memory(): string {
  const m = process.memoryUsage();
  const mib = (bytes: number) => (bytes / 1048576).toFixed(0);
  return `rss ${mib(m.rss)}, heap ${mib(m.heapUsed)} of ${mib(m.heapTotal)}, buffers ${mib(m.arrayBuffers)}`;
}

/** Milliseconds of each stage of a run, for its log line. */
class StageTimer {
  private readonly started = performance.now();
  private last = this.started;
  private readonly stages: string[] = [];

  mark(stage: string): void {
    const now = performance.now();
    this.stages.push(`${stage} ${(now - this.last).toFixed(0)}`);
    this.last = now;
  }

  summary(): string {
    return this.stages.join(', ');
  }

  totalMs(): number {
    return this.last - this.started;
  }
}

function sameVersions(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(b);
  return Object.keys(a).length === keys.length && keys.every((k) => a[k] === b[k]);
}
