import { Injectable } from '@nestjs/common';

/** Counters of the messaging layer since start; the backlog is the outbox rows not yet published. */
export interface MessagingStats {
  published: number;
  publishFailures: number;
  outboxPublished: number;
  outboxFailures: number;
  /** Unpublished outbox rows at the relay's last look (-1 before the first look). */
  outboxPending: number;
  consumed: number;
  consumeFailures: number;
  deadLettered: number;
  duplicatesSkipped: number;
}

/**
 * Plain counters the platform's MetricsService turns into Prometheus series (it reads
 * `snapshot()` at scrape time), so messaging does not depend on the metrics module.
 */
@Injectable()
export class MessagingMetrics {
  private readonly stats: MessagingStats = {
    published: 0,
    publishFailures: 0,
    outboxPublished: 0,
    outboxFailures: 0,
    outboxPending: -1,
    consumed: 0,
    consumeFailures: 0,
    deadLettered: 0,
    duplicatesSkipped: 0,
  };

  increment(key: Exclude<keyof MessagingStats, 'outboxPending'>, by = 1): void {
    this.stats[key] += by;
  }

  setOutboxPending(n: number): void {
    this.stats.outboxPending = n;
  }

  snapshot(): Readonly<MessagingStats> {
    return { ...this.stats };
  }
}
