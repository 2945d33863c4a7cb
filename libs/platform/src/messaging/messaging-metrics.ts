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

  /** Per durable consumer: messages still waiting in its stream (JetStream's num_pending at the last delivery). */
  private readonly pending = new Map<string, number>();
  private pendingSink?: (consumer: string, n: number) => void;

  increment(key: Exclude<keyof MessagingStats, 'outboxPending'>, by = 1): void {
    this.stats[key] += by;
  }

  setOutboxPending(n: number): void {
    this.stats.outboxPending = n;
  }

  setConsumerPending(consumer: string, n: number): void {
    this.pending.set(consumer, n);
    this.pendingSink?.(consumer, n);
  }

  /** Hands every consumer's backlog, now and on each change, to `sink` (the Prometheus gauge). */
  onConsumerPending(sink: (consumer: string, n: number) => void): void {
    this.pendingSink = sink;
    for (const [consumer, n] of this.pending) sink(consumer, n);
  }

  snapshot(): Readonly<MessagingStats> {
    return { ...this.stats };
  }
}
