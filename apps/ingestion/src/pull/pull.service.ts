import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SUBJECTS, type InventoryChangedV1 } from '@hamiltix/contracts';
import type { Clock } from '@hamiltix/domain';
import {
  AlertService,
  APP_CONFIG,
  CLOCK,
  ConflictError,
  OutboxService,
  ShutdownService,
  type AppConfig,
} from '@hamiltix/platform';
import {
  countActiveUpcomingListings,
  countUnpublished,
  setLocalStatementTimeout,
  type MergePipeline,
} from '@hamiltix/persistence';
import { DataSource } from 'typeorm';
import { BrokerBudget } from '../broker/broker-budget.js';
import { IngestionMetrics } from '../metrics/ingestion-metrics.js';
import { CatalogueStore } from '../store/catalogue-store.js';
import { ListingStore } from '../store/listing-store.js';
import { FetchInventory, type ShowCatalogue, type ShowListings } from './fetch-inventory.js';
import { PullLock } from './pull-lock.js';
import { FULL_REREAD_MS, isUnchangedSinceRead } from './unchanged-event.js';
import type { PullSummary, PullTrigger } from './pull.types.js';

/** Failed pulls in a row before an error alert (ISSUE 3 §4). */
export const FAILED_PULLS_BEFORE_ALERT = 3;
/** How long a refresh waits for another replica's pull before answering 409. */
export const REFRESH_LOCK_WAIT_MS = 30_000;

/**
 * One pull: broker → normalise → one transaction per show (catalogue, listings, price
 * history, outbox). Never two at once: in this process pulls are serialised (a refresh
 * that arrives during a pull waits for it and then runs its own, so it sees everything
 * the broker had when it was asked); across replicas a Postgres advisory lock decides.
 */
@Injectable()
export class PullService {
  private readonly logger = new Logger(PullService.name);
  private running?: Promise<PullSummary>;
  private queued?: Promise<PullSummary>;
  private failuresInARow = 0;
  /**
   * The event updated_at each performance had when this process last read it, clean or
   * not. A read with garbled rows is not stored as clean (so the full pull reads it again),
   * but a changes pull need not re-read it every few seconds until updated_at moves.
   */
  private readonly seen = new Map<string, { updatedAt: Date; readAt: Date }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly fetcher: FetchInventory,
    private readonly catalogue: CatalogueStore,
    private readonly listings: ListingStore,
    private readonly outbox: OutboxService,
    private readonly lock: PullLock,
    private readonly metrics: IngestionMetrics,
    private readonly alerts: AlertService,
    private readonly shutdown: ShutdownService,
    private readonly budget: BrokerBudget,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  get inProgress(): boolean {
    return this.running !== undefined;
  }

  /** Settles once no pull runs or waits here (a queued refresh included). */
  async idle(): Promise<void> {
    while (this.running || this.queued) await (this.queued ?? this.running)!.catch(() => undefined);
  }

  /**
   * A refresh always gets a pull that started after it was asked for; concurrent refreshes
   * share one. A scheduled or changes pull is skipped while another runs.
   */
  pull(trigger: PullTrigger, options: { lockWaitMs?: number } = {}): Promise<PullSummary> {
    const lockWaitMs = options.lockWaitMs ?? (trigger === 'refresh' ? REFRESH_LOCK_WAIT_MS : 0);
    if (!this.running) return this.start(trigger, lockWaitMs);
    if (trigger !== 'refresh')
      return Promise.resolve(this.skipped(trigger, 'a pull is already running here'));
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.start(trigger, lockWaitMs);
      });
    return this.queued;
  }

  private start(trigger: PullTrigger, lockWaitMs: number): Promise<PullSummary> {
    const run = this.execute(trigger, lockWaitMs).finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    this.shutdown.track(run.catch(() => undefined));
    return run;
  }

  private async execute(trigger: PullTrigger, lockWaitMs: number): Promise<PullSummary> {
    const release = await this.lock.acquire(lockWaitMs);
    if (!release) {
      if (trigger === 'refresh')
        throw new ConflictError('a pull is running on another replica; try again in a few seconds');
      return this.skipped(trigger, 'another replica holds the pull lock');
    }
    const t0 = performance.now();
    // One "now" for the whole pull: the window, what counts as over, every stored timestamp.
    const now = this.clock.now();
    const summary = emptySummary(trigger, 'ok', now);
    try {
      for (const showId of this.config.shows)
        await this.pullShow(showId, summary, now, trigger === 'changes');
      if (summary.outcome === 'ok' && summary.eventsFailed > 0) {
        summary.outcome = summary.eventsFailed >= summary.events ? 'failed' : 'partial';
        if (summary.outcome === 'failed')
          summary.reason = `every event failed (${summary.failures[0]?.error ?? 'unknown'})`;
      }
    } catch (error) {
      summary.outcome = 'failed';
      summary.reason = (error as Error).message;
      this.logger.error({ message: 'pull failed', pullId: summary.pullId, reason: summary.reason });
    } finally {
      await release();
    }
    if (trigger === 'refresh' && summary.messages.length)
      summary.published = await this.waitPublished(summary.messages, 3_000);
    else summary.published = summary.messages.length === 0;
    summary.durationMs = Math.round(performance.now() - t0);
    this.record(summary);
    return summary;
  }

  /**
   * One show in one transaction. The listing merge is opened before the listings are read
   * and fed as each event answers, so Postgres merges batches while the broker is still
   * talking; the removals, the catalogue and the outbox message then commit together with
   * those batches, or nothing does.
   */
  private async pullShow(
    showId: string,
    summary: PullSummary,
    now: Date,
    changesOnly: boolean,
  ): Promise<void> {
    const t0 = performance.now();
    const knownPerformer = await this.catalogue.findShowPerformer(this.dataSource.manager, showId);
    const cat = await this.fetcher.fetchCatalogue(showId, knownPerformer, now);
    summary.events += cat.performances.length;
    summary.skipped += cat.skippedRows + cat.skippedEvents;
    const unchanged = await this.unchangedEvents(cat, now, changesOnly ? Infinity : FULL_REREAD_MS);
    const deferred = changesOnly ? this.overBudget(cat, unchanged) : new Set<string>();
    summary.eventsDeferred += deferred.size;
    if (changesOnly && unchanged.size + deferred.size === cat.events.length) {
      // Nothing to read: no transaction, no write. Catalogue changes and the curtain's
      // retirements wait for the full pull (search hides started performances by itself).
      summary.eventsUnchanged += unchanged.size;
      summary.timings.brokerMs += Math.round(performance.now() - t0);
      return;
    }
    for (const id of deferred) unchanged.add(id);

    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    let merge: MergePipeline | undefined;
    try {
      // The merge runs while the broker is read, which can outlast the pool's 30 s
      // statement_timeout on a slow broker: allow a long pull, still bounded.
      await setLocalStatementTimeout(qr, 15 * 60_000);
      // Performances first: a batch may be merged before the broker read ends.
      await this.catalogue.upsertPerformances(qr.manager, cat.performances, now);
      // Only performances that will be read can lose listings (or need their active set).
      const pipeline = (merge = await this.listings.open(
        qr,
        now,
        cat.performances.filter((p) => !unchanged.has(p.id)).map((p) => p.id),
      ));
      const got: ShowListings = await this.fetcher.fetchListings(
        cat,
        (rows) => {
          pipeline.write(rows);
          return pipeline.room();
        },
        unchanged,
      );
      const t2 = performance.now();
      summary.timings.brokerMs += Math.round(t2 - t0);
      summary.eventsFailed += got.failures.length;
      summary.eventsUnchanged += got.unchanged - deferred.size;
      summary.failures.push(...got.failures.slice(0, 50));
      summary.fetched += got.fetched;
      summary.skipped += got.skippedRows;

      const held = await this.emptyPullGuard(cat, got, now);
      if (held) {
        await pipeline.abort();
        await qr.rollbackTransaction();
        summary.outcome = 'held-back';
        summary.reason = held;
        this.alerts.alert({
          kind: 'warning',
          title: `ingestion held back an empty pull of ${showId}`,
          message: held,
          dedupeKey: `ingestion:empty:${showId}`,
        });
        return;
      }

      const merged = await pipeline.finish({
        replacedPerformanceIds: got.replacedPerformanceIds,
        keepIds: got.keepIds,
      });
      // Curtain up: a performance that has started sells nothing more; its listings go.
      const retired = await this.listings.retireStarted(qr.manager, showId, now);
      merged.removed += retired.removed;
      for (const id of retired.performanceIds)
        if (!merged.performanceIds.includes(id)) merged.performanceIds.push(id);
      await this.catalogue.upsertShow(qr.manager, {
        id: showId,
        title: cat.performerName,
        brokerPerformerId: cat.performerId,
      });
      await this.catalogue.upsertVenues(
        qr.manager,
        cat.venues.map(({ venue, brokerVenueId }) => ({
          id: venue.id,
          brokerVenueId,
          name: venue.name,
          city: venue.city,
          timeZone: venue.timeZone,
        })),
      );
      await this.catalogue.markPulled(qr.manager, got.read);
      if (merged.added + merged.changed + merged.removed > 0) {
        const payload: InventoryChangedV1 = {
          showId,
          pullId: summary.pullId,
          performanceIds: merged.performanceIds.slice(0, 10_000),
          added: merged.added,
          changed: merged.changed,
          removed: merged.removed,
          at: now.toISOString(),
        };
        summary.messages.push(
          await this.outbox.enqueue(qr.manager, SUBJECTS.inventoryChanged(showId), payload),
        );
      }
      await qr.commitTransaction();
      for (const r of got.read)
        if (r.seenUpdatedAt) this.seen.set(r.id, { updatedAt: r.seenUpdatedAt, readAt: r.readAt });
        else this.seen.delete(r.id);
      summary.added += merged.added;
      summary.changed += merged.changed;
      summary.upserted += merged.added + merged.changed;
      summary.removed += merged.removed;
      summary.priceChanges += merged.priceChanges;
      summary.timings.mergeMs += merged.timings.mergeMs;
      summary.timings.stageMs += merged.timings.stageMs;
      summary.timings.batches = (summary.timings.batches ?? 0) + merged.timings.batches;
      summary.timings.probeMs = (summary.timings.probeMs ?? 0) + merged.timings.probeMs;
      summary.timings.newMs = (summary.timings.newMs ?? 0) + merged.timings.newMs;
      summary.timings.storeMs += Math.round(performance.now() - t2);
    } catch (error) {
      // Let an in-flight batch end first: nothing may run on this connection after the rollback.
      await merge?.abort();
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw error;
    } finally {
      await qr.release();
    }
  }

  /**
   * Performances whose broker event is unchanged since our last clean read (within
   * `maxAgeMs`); a changes pull (no age limit) also trusts this process's last read, clean or not.
   */
  private async unchangedEvents(cat: ShowCatalogue, now: Date, maxAgeMs: number): Promise<Set<string>> {
    const state = await this.catalogue.pullState(this.dataSource.manager, cat.showId);
    const out = new Set<string>();
    for (const { event, perf } of cat.events) {
      const updatedAt = event.updatedAt ?? null;
      const seen = maxAgeMs === Infinity ? this.seen.get(perf.id) : undefined;
      if (
        isUnchangedSinceRead(state.get(perf.id), updatedAt, now, maxAgeMs) ||
        (seen &&
          isUnchangedSinceRead(
            { brokerUpdatedAt: seen.updatedAt, lastPulledAt: seen.readAt },
            updatedAt,
            now,
            maxAgeMs,
          ))
      )
        out.add(perf.id);
    }
    return out;
  }

  /**
   * The changed events a changes pull leaves for the next one because the broker budget
   * (requests in the last minute, the event pages just read included) is spent: the
   * soonest performances are read first, as buyers of those have the least time.
   */
  private overBudget(cat: ShowCatalogue, unchanged: ReadonlySet<string>): Set<string> {
    const changed = cat.events.map((e) => e.perf).filter((p) => !unchanged.has(p.id));
    const allowed = this.budget.left();
    if (changed.length <= allowed) return new Set();
    changed.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    return new Set(changed.slice(allowed).map((p) => p.id));
  }

  /**
   * A broker that suddenly lists nothing at all (no events, or events with no listings and
   * no garbled rows) while we hold active listings is far likelier broken than sold out.
   */
  private async emptyPullGuard(
    cat: ShowCatalogue,
    got: ShowListings,
    now: Date,
  ): Promise<string | undefined> {
    if (got.fetched > 0 || got.skippedRows > 0 || got.unchanged > 0) return undefined;
    // Every event failed: nothing would be applied anyway (no performance is replaced).
    if (cat.performances.length > 0 && got.answeredPerformanceIds.length === 0) return undefined;
    const active = await countActiveUpcomingListings(this.dataSource, cat.showId, now);
    if (active === 0) return undefined;
    return `the broker returned no listings for ${cat.performances.length} events of ${cat.showId} while ${active} are active; nothing was applied`;
  }

  private async waitPublished(messageIds: string[], timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if ((await countUnpublished(this.dataSource, messageIds)) === 0) return true;
      if (performance.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private record(s: PullSummary): void {
    this.metrics.pullDuration.observe({ outcome: s.outcome }, s.durationMs / 1000);
    for (const kind of ['fetched', 'upserted', 'added', 'changed', 'removed', 'skipped'] as const)
      this.metrics.listings.inc({ kind }, s[kind]);
    const failed = s.outcome === 'failed' || s.outcome === 'held-back';
    if (s.trigger === 'changes') {
      // Every few seconds: the full pulls alone count towards the failure alerts, and a
      // changes pull that found nothing to read is not worth a log line.
      if (failed) this.logger.warn({ message: 'changes pull failed', pullId: s.pullId, reason: s.reason });
      else if (s.fetched + s.removed > 0 || s.eventsDeferred > 0)
        this.logger.log({ message: 'changes pulled', ...s });
      return;
    }
    if (failed) {
      this.failuresInARow++;
      this.logger.warn({
        message: 'pull changed nothing',
        pullId: s.pullId,
        outcome: s.outcome,
        reason: s.reason,
        failuresInARow: this.failuresInARow,
      });
      if (s.outcome === 'failed') {
        this.alerts.alert({
          kind: 'warning',
          title: 'ingestion pull failed',
          message: s.reason ?? 'unknown',
          dedupeKey: 'ingestion:pull-failed',
        });
      }
      if (this.failuresInARow >= FAILED_PULLS_BEFORE_ALERT) {
        this.alerts.alert({
          kind: 'error',
          title: `ingestion: ${this.failuresInARow} failed pulls in a row`,
          message: `last: ${s.reason ?? s.outcome}. Listings are ${this.metrics.lastSuccess ? `as of ${this.metrics.lastSuccess.toISOString()}` : 'not yet loaded'}.`,
          dedupeKey: 'ingestion:failed-in-a-row',
        });
      }
    } else {
      this.failuresInARow = 0;
      this.metrics.markSuccess();
      this.logger.log({ message: 'pull done', ...s, failures: s.failures.length });
    }
    this.metrics.consecutiveFailures.set(this.failuresInARow);
  }

  private skipped(trigger: PullTrigger, reason: string): PullSummary {
    return { ...emptySummary(trigger, 'skipped', this.clock.now()), reason };
  }
}

/** A summary with nothing counted yet. */
function emptySummary(trigger: PullTrigger, outcome: PullSummary['outcome'], startedAt: Date): PullSummary {
  return {
    pullId: randomUUID(),
    trigger,
    outcome,
    startedAt: startedAt.toISOString(),
    durationMs: 0,
    fetched: 0,
    upserted: 0,
    added: 0,
    changed: 0,
    removed: 0,
    skipped: 0,
    priceChanges: 0,
    events: 0,
    eventsFailed: 0,
    eventsUnchanged: 0,
    eventsDeferred: 0,
    failures: [],
    messages: [],
    published: true,
    timings: { brokerMs: 0, storeMs: 0, stageMs: 0, mergeMs: 0 },
  };
}
