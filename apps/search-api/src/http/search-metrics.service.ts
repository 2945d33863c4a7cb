import { Injectable } from '@nestjs/common';
import { MetricsService } from '@hamiltix/platform';
import type { Counter } from 'prom-client';

/** search-api's own metrics: answers served degraded from Postgres, cache hits, drops. */
@Injectable()
export class SearchMetrics {
  /** `hamiltix_search_degraded_total`: answered from Postgres because Redis was down or empty. */
  readonly degraded: Counter<'endpoint' | 'reason'>;
  readonly cache: Counter<'endpoint' | 'result'>;
  readonly invalidations: Counter<'scope'>;

  constructor(metrics: MetricsService) {
    this.degraded = metrics.counter(
      'search_degraded_total',
      'Answers served from Postgres (Redis down or empty)',
      ['endpoint', 'reason'],
    );
    this.cache = metrics.counter('search_cache_total', 'Response cache lookups', ['endpoint', 'result']);
    this.invalidations = metrics.counter(
      'search_cache_invalidations_total',
      'Cache drops on rankings.updated',
      ['scope'],
    );
  }
}
