import { Injectable } from '@nestjs/common';
import { MetricsService } from '@hamiltix/platform';
import type { Counter, Gauge, Histogram } from 'prom-client';

/** The notifier's metrics. Labels never carry an address, a token or a search id. */
@Injectable()
export class NotifierMetrics {
  readonly searches: Gauge<'status'>;
  readonly signups: Counter<'outcome'>;
  readonly matches: Counter;
  readonly mailsSent: Counter<'kind'>;
  readonly mailsFailed: Counter<'kind'>;
  readonly matchDuration: Histogram;

  constructor(metrics: MetricsService) {
    this.searches = metrics.gauge('notifier_saved_searches', 'Saved searches by status (pending, active)', [
      'status',
    ]);
    this.signups = metrics.counter('notifier_signups_total', 'Alert sign-ups by outcome', ['outcome']);
    this.matches = metrics.counter(
      'notifier_matches_total',
      'Listings newly matched to a saved search (mailed or about to be)',
    );
    this.mailsSent = metrics.counter('notifier_mails_sent_total', 'Mails handed to the SMTP server', [
      'kind',
    ]);
    this.mailsFailed = metrics.counter('notifier_mails_failed_total', 'Mails the SMTP server did not take', [
      'kind',
    ]);
    this.matchDuration = metrics.histogram(
      'notifier_match_duration_seconds',
      "One ranking matched against the show's active saved searches (load, match, mail)",
      [],
      [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    );
  }
}
