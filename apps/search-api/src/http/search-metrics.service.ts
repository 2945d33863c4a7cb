import { Injectable } from '@nestjs/common';
import { MetricsService } from '@hamiltix/platform';
import type { Counter, Histogram } from 'prom-client';

/** search-api's own metrics: answers served degraded from Postgres, cache hits, drops. */
@Injectable()
export class SearchMetrics {
  /** `hamiltix_search_degraded_total`: answered from Postgres because Redis was down or empty. */
  readonly degraded: Counter<'endpoint' | 'reason'>;
  readonly cache: Counter<'endpoint' | 'result'>;
  readonly invalidations: Counter<'scope'>;
  /** `hamiltix_search_snapshot_load_seconds`: loading a new ranked version (requests never wait on it). */
  readonly snapshotLoad: Histogram<'scope'>;

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
    this.snapshotLoad = metrics.histogram(
      'search_snapshot_load_seconds',
      'Loading a ranked-index version into memory',
      ['scope'],
      [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    );
  }
}
