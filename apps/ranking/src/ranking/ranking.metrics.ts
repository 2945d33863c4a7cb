import { Injectable } from '@nestjs/common';
import { MetricsService } from '@hamiltix/platform';
import type { Counter, Gauge, Histogram } from 'prom-client';

/** Prometheus metrics of the ranking service (names get the hamiltix_ prefix). */
@Injectable()
export class RankingMetrics {
  readonly duration: Histogram<'show'>;
  readonly listingsRanked: Counter<'show'>;
  readonly listings: Gauge<'show'>;
  readonly residual: Gauge<'show'>;
  readonly indexFailures: Counter<'show'>;
  readonly storeDuration: Histogram<'show'>;
  readonly storeFailures: Counter<'show'>;

  constructor(metrics: MetricsService) {
    this.duration = metrics.histogram(
      'ranking_duration_seconds',
      'Time to rank one show until its index is live: load, fit, score, index (the store follows)',
      ['show'],
      [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    );
    this.listingsRanked = metrics.counter(
      'ranking_listings_ranked_total',
      'Listings scored, summed over runs',
      ['show'],
    );
    this.listings = metrics.gauge('ranking_listings', "Listings in the show's latest ranking", ['show']);
    this.residual = metrics.gauge(
      'ranking_fit_median_abs_log_residual',
      'Median |log(actual / expected price)| of the latest fit: how well seat quality and date explain prices',
      ['show'],
    );
    this.indexFailures = metrics.counter(
      'ranking_index_failures_total',
      'Redis index rebuilds that failed (scores still stored)',
      ['show'],
    );
    this.storeDuration = metrics.histogram(
      'ranking_store_duration_seconds',
      "Time to write one ranking's scores, stats and event to Postgres (after its index is live)",
      ['show'],
      [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    );
    this.storeFailures = metrics.counter(
      'ranking_store_failures_total',
      'Score stores that failed (the index was live; the show is ranked again in full)',
      ['show'],
    );
  }
}
