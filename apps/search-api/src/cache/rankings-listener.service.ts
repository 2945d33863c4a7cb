import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { RankingsUpdatedV1, SUBJECT_PATTERNS } from '@hamiltix/contracts';
import { NatsConnectionService } from '@hamiltix/platform';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import type { RankedSnapshots } from '../ranked-index/ranked-snapshots.js';
import { SearchMetrics } from '../http/search-metrics.service.js';
import { RANKED_SNAPSHOTS, RESPONSE_CACHE } from '../search.tokens.js';
import type { ResponseCache } from './response-cache.js';

/**
 * Every replica drops its own caches on rankings.updated.v1.<showId>, so this is a
 * plain core-NATS subscription (no queue group, no durable: a missed message only
 * delays freshness until the pointer re-check, see RankedSnapshots).
 */
@Injectable()
export class RankingsListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RankingsListener.name);
  private subscribed?: NatsConnection;
  private sub?: Subscription;
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
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
