import { Inject, Injectable } from '@nestjs/common';
import type { BreakerState, BrokerClientHooks } from '@hamiltix/broker-client';
import type { Clock } from '@hamiltix/domain';
import { CLOCK, METRIC_PREFIX, MetricsService } from '@hamiltix/platform';
import { Gauge, type Counter, type Histogram } from 'prom-client';
import { BrokerBudget } from '../broker/broker-budget.js';

const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, halfOpen: 1, open: 2 };

/** Every ingestion metric in one place (names get the `hamiltix_` prefix). */
@Injectable()
export class IngestionMetrics {
  readonly pullDuration: Histogram<'outcome'>;
  readonly listings: Counter<'kind'>;
  readonly brokerRequests: Counter<'resource' | 'outcome'>;
  readonly brokerDuration: Histogram<'resource'>;
  readonly brokerErrors: Counter<'status'>;
  readonly breakerState: Gauge;
  readonly consecutiveFailures: Gauge;
  private lastSuccessAt?: number;

  constructor(
    metrics: MetricsService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly budget: BrokerBudget,
  ) {
    this.pullDuration = metrics.histogram(
      'ingestion_pull_duration_seconds',
      'Duration of a pull by outcome',
      ['outcome'],
      [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
    );
    this.listings = metrics.counter(
      'ingestion_listings_total',
      'Listings per pull: fetched, upserted, added, changed, removed, skipped',
      ['kind'],
    );
    this.brokerRequests = metrics.counter(
      'broker_requests_total',
      'Broker HTTP attempts by resource and outcome (status, timeout, network, open)',
      ['resource', 'outcome'],
    );
    this.brokerDuration = metrics.histogram(
      'broker_request_duration_seconds',
      'Broker HTTP attempt duration',
      ['resource'],
      [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
    this.brokerErrors = metrics.counter(
      'broker_errors_total',
      'Broker failures by status (or timeout/network/open)',
      ['status'],
    );
    this.breakerState = metrics.gauge(
      'broker_breaker_state',
      'Broker circuit breaker: 0 closed, 1 half-open, 2 open',
    );
    this.consecutiveFailures = metrics.gauge(
      'ingestion_consecutive_failed_pulls',
      'Failed pulls in a row (alert at 3)',
    );
    const spent = () => this.budget.spent();
    const lastMinute = METRIC_PREFIX + 'broker_requests_last_minute';
    if (!metrics.registry.getSingleMetric(lastMinute)) {
      new Gauge({
        name: lastMinute,
        help: 'Broker HTTP requests this process made in the last minute (INGESTION_BROKER_BUDGET_PER_MINUTE)',
        registers: [metrics.registry],
        collect() {
          this.set(spent());
        },
      });
    }
    const lastSuccessAt = () => this.lastSuccessAt;
    const now = () => this.clock.now().getTime();
    const name = METRIC_PREFIX + 'ingestion_last_success_age_seconds';
    if (!metrics.registry.getSingleMetric(name)) {
      new Gauge({
        name,
        help: 'Seconds since the newest successful pull (-1 before the first)',
        registers: [metrics.registry],
        collect() {
          const at = lastSuccessAt();
          this.set(at === undefined ? -1 : (now() - at) / 1000);
        },
      });
    }
  }

  markSuccess(at: number = this.clock.now().getTime()): void {
    this.lastSuccessAt = at;
  }

  get lastSuccess(): Date | undefined {
    return this.lastSuccessAt === undefined ? undefined : new Date(this.lastSuccessAt);
  }

  /** Hooks for the broker client: the lib stays free of prom-client. */
  brokerHooks(): BrokerClientHooks {
    return {
      onRequest: (i) => {
        // An open circuit sends nothing to the broker.
        if (i.outcome !== 'open') this.budget.record();
        this.brokerRequests.inc({ resource: i.resource, outcome: String(i.outcome) });
        if (i.outcome !== 'open') this.brokerDuration.observe({ resource: i.resource }, i.durationMs / 1000);
        if (typeof i.outcome !== 'number' || i.outcome >= 400)
          this.brokerErrors.inc({ status: String(i.outcome) });
      },
      onBreakerStateChange: (s) => this.breakerState.set(BREAKER_VALUE[s]),
    };
  }
}
