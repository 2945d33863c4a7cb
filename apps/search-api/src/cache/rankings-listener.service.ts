import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { RankingsUpdatedV1, SUBJECT_PATTERNS, decodeRankedDelta } from '@hamiltix/contracts';
import { NatsConnectionService } from '@hamiltix/platform';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import type { RankedSnapshots } from '../ranked-index/ranked-snapshots.js';
import { SearchMetrics } from '../http/search-metrics.service.js';
import { RANKED_SNAPSHOTS, RESPONSE_CACHE } from '../search.tokens.js';
import type { ResponseCache } from './response-cache.js';

/**
 * Every replica drops its own caches on rankings.updated.v1.<showId>, so this is a
 * plain core-NATS subscription (no queue group, no durable: a missed message only
 * delays freshness until the pointer re-check, see RankedSnapshots). Likewise for
 * rankings.delta.v1.<showId> (core NATS only): the delta is applied to the snapshots
 * held at its base version, and their cached answers dropped, before ranking has
 * written the new version to Redis.
 */
@Injectable()
export class RankingsListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RankingsListener.name);
  private subscribed?: NatsConnection;
  private sub?: Subscription;
  private deltaSub?: Subscription;
  private off?: () => void;

  constructor(
    private readonly nats: NatsConnectionService,
    @Inject(RANKED_SNAPSHOTS) private readonly snapshots: RankedSnapshots,
    @Inject(RESPONSE_CACHE) private readonly cache: ResponseCache,
    private readonly metrics: SearchMetrics,
  ) {}

  onModuleInit(): void {
    this.off = this.nats.onReady((nc) => this.subscribe(nc));
    const nc = this.nats.connection();
    if (nc && this.nats.isHealthy()) this.subscribe(nc);
  }

  onModuleDestroy(): void {
    this.off?.();
    this.sub?.unsubscribe();
    this.deltaSub?.unsubscribe();
  }

  /** Applies a ranked delta (message bytes); returns the scopes it moved (none: left to Redis). */
  applyDelta(bytes: Uint8Array): string[] {
    const moved = this.snapshots.applyDelta(decodeRankedDelta(bytes));
    if (moved.length) this.cache.drop(moved);
    return moved;
  }

  /** Drops what a new ranking of `showId` made stale; returns the entries dropped. */
  invalidate(showId: string): number {
    const scopes = this.snapshots.invalidate(showId);
    const dropped = this.cache.drop(scopes);
    this.metrics.invalidations.inc({ scope: showId });
    return dropped;
  }

  private subscribe(nc: NatsConnection): void {
    if (this.subscribed === nc) return;
    this.subscribed = nc;
    this.sub = nc.subscribe(SUBJECT_PATTERNS.rankingsUpdated, {
      callback: (err, msg) => {
        if (err) return;
        const parsed = RankingsUpdatedV1.safeParse(safeJson(msg.string()));
        const showId = parsed.success ? parsed.data.showId : msg.subject.split('.').pop();
        if (!showId) return;
        const dropped = this.invalidate(showId);
        this.logger.log(`rankings of ${showId} updated; ${dropped} cached answer(s) dropped`);
      },
    });
    this.deltaSub = nc.subscribe(SUBJECT_PATTERNS.rankingsDelta, {
      callback: (err, msg) => {
        if (err) return;
        try {
          const started = performance.now();
          const cpu = process.cpuUsage();
          const moved = this.applyDelta(msg.data);
          const used = process.cpuUsage(cpu);
          const ms = `${(performance.now() - started).toFixed(0)} ms, cpu ${((used.user + used.system) / 1000).toFixed(0)} ms`;
          this.logger.log(
            `ranked delta ${msg.subject}: ${moved.join(', ') || 'no held base; left to Redis'} (${ms})`,
          );
        } catch (error) {
          this.logger.warn(`ranked delta ${msg.subject} unreadable: ${(error as Error).message}`);
        }
      },
    });
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
