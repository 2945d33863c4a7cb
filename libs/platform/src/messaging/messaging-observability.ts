import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { HealthRegistry } from '../health/health-registry.js';
import { METRIC_PREFIX, MetricsService } from '../metrics/metrics.service.js';
import { MessagingMetrics, type MessagingStats } from './messaging-metrics.js';
import { NatsConnectionService } from './nats-connection.service.js';

const SERIES: Array<[keyof MessagingStats, string, string]> = [
  ['published', 'messaging_published_total', 'Messages published to NATS since start'],
  ['publishFailures', 'messaging_publish_failures_total', 'Failed NATS publishes since start'],
  ['outboxPublished', 'outbox_published_total', 'Outbox rows relayed to JetStream since start'],
  ['outboxFailures', 'outbox_failures_total', 'Failed outbox relay attempts since start'],
  ['outboxPending', 'outbox_pending', 'Outbox rows not yet published (backlog)'],
  ['consumed', 'messaging_consumed_total', 'Messages handled successfully since start'],
  ['consumeFailures', 'messaging_consume_failures_total', 'Handler failures since start (each is retried)'],
  ['deadLettered', 'messaging_dead_lettered_total', 'Messages parked on deadletter.v1.* since start'],
  ['duplicatesSkipped', 'messaging_duplicates_skipped_total', 'Redeliveries skipped as already processed'],
];

/**
 * Plugs messaging into the platform when it is there: the "nats" readiness check and
 * Prometheus series read from MessagingMetrics at scrape time.
 */
@Injectable()
export class MessagingObservability implements OnModuleInit {
  constructor(
    private readonly connection: NatsConnectionService,
    private readonly stats: MessagingMetrics,
    @Optional() private readonly health?: HealthRegistry,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  onModuleInit(): void {
    this.health?.register('nats', () => this.connection.check());
    const metrics = this.metrics;
    if (!metrics) return;
    const registry = metrics.registry;
    const stats = this.stats;
    for (const [key, name, help] of SERIES) {
      if (registry.getSingleMetric(METRIC_PREFIX + name)) continue;
      new Gauge({
        name: METRIC_PREFIX + name,
        help,
        registers: [registry],
        collect() {
          this.set(stats.snapshot()[key]);
        },
      });
    }
    const lag = metrics.gauge(
      'messaging_consumer_pending',
      'Messages waiting for each durable consumer (JetStream num_pending at its last delivery)',
      ['consumer'],
    );
    stats.onConsumerPending((consumer, n) => lag.set({ consumer }, n));
    const connection = this.connection;
    if (!registry.getSingleMetric(METRIC_PREFIX + 'nats_connected')) {
      new Gauge({
        name: METRIC_PREFIX + 'nats_connected',
        help: '1 when connected to NATS with the JetStream streams ready',
        registers: [registry],
        collect() {
          this.set(connection.isHealthy() ? 1 : 0);
        },
      });
    }
  }
}
