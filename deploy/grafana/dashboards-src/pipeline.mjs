import { SEL, dashboard, prom, sql, stat, table, timeseries } from '../dashboard-kit.mjs';

const ENV = 'env="$env"';
const rate = (selector) => `rate(${selector}[$__rate_interval])`;
const inc = (selector) => `increase(${selector}[$__rate_interval])`;
const q = (quantile, metric, by, filter = ENV) =>
  `histogram_quantile(${quantile}, sum by (${by ? `${by}, ` : ''}le) (${rate(`${metric}_bucket{${filter}}`)}))`;

/** Broker → ingestion → outbox → ranking → Redis, and how fresh the result is. */
export const pipeline = dashboard({
  uid: 'hamiltix-pipeline',
  title: 'Hamiltix / Pipeline',
  description: 'Ingestion pulls, broker health, ranking runs, the outbox and the NATS consumers.',
  tags: ['pipeline'],
  rows: [
    [
      'Freshness',
      [
        [
          stat(
            'Age of the newest successful pull',
            [prom(`min(hamiltix_ingestion_last_success_age_seconds{${ENV}} >= 0)`)],
            {
              unit: 's',
              steps: [
                [300, 'orange'],
                [600, 'red'],
              ],
              description: 'Pulls run every 2 minutes. Alerts at 10 min (warning) and 30 min (critical).',
            },
          ),
          5,
          5,
        ],
        [
          stat('Failed pulls in a row', [prom(`max(hamiltix_ingestion_consecutive_failed_pulls{${ENV}})`)], {
            steps: [
              [1, 'orange'],
              [3, 'red'],
            ],
          }),
          4,
          5,
        ],
        [
          stat('Broker breaker', [prom(`max(hamiltix_broker_breaker_state{${ENV}})`)], {
            mappings: [
              {
                type: 'value',
                options: {
                  0: { text: 'closed', color: 'green' },
                  1: { text: 'half-open', color: 'orange' },
                  2: { text: 'OPEN', color: 'red' },
                },
              },
            ],
            steps: [
              [1, 'orange'],
              [2, 'red'],
            ],
          }),
          4,
          5,
        ],
        [
          stat('Outbox backlog', [prom(`max(hamiltix_outbox_pending{${ENV}})`)], {
            steps: [
              [100, 'orange'],
              [1000, 'red'],
            ],
            description:
              'Unpublished outbox rows (every service reports the same table, so max). -1: not looked yet.',
          }),
          4,
          5,
        ],
        [
          stat(
            'Oldest pending outbox row',
            [
              sql(
                `SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) AS "age" FROM outbox WHERE published_at IS NULL`,
              ),
            ],
            {
              unit: 's',
              steps: [
                [60, 'orange'],
                [600, 'red'],
              ],
              description: 'Read from Postgres (the hamiltix-postgres datasource).',
            },
          ),
          4,
          5,
        ],
        [
          stat(
            'Dead letters (range)',
            [prom(`sum(increase(hamiltix_messaging_dead_lettered_total{${ENV}}[$__range])) or vector(0)`)],
            {
              steps: [[1, 'red']],
            },
          ),
          3,
          5,
        ],
      ],
    ],
    [
      'Ingestion',
      [
        [
          timeseries(
            'Pull duration',
            [
              prom(q(0.5, 'hamiltix_ingestion_pull_duration_seconds'), 'p50'),
              prom(q(0.95, 'hamiltix_ingestion_pull_duration_seconds'), 'p95'),
              prom(
                `sum(rate(hamiltix_ingestion_pull_duration_seconds_sum{${ENV}}[$__rate_interval])) / sum(rate(hamiltix_ingestion_pull_duration_seconds_count{${ENV}}[$__rate_interval]))`,
                'mean',
              ),
            ],
            { unit: 's', description: 'Close to 120 s means pulls overlap the schedule and get skipped.' },
          ),
          8,
        ],
        [
          timeseries(
            'Pulls by outcome',
            [
              prom(
                `sum by (outcome) (${inc(`hamiltix_ingestion_pull_duration_seconds_count{${ENV}}`)})`,
                '{{outcome}}',
              ),
            ],
            {
              stack: true,
              description:
                'ok, partial (some events failed), failed, held-back (empty broker answer refused).',
            },
          ),
          8,
        ],
        [
          timeseries(
            'Listings per pull',
            [prom(`sum by (kind) (${inc(`hamiltix_ingestion_listings_total{${ENV}}`)})`, '{{kind}}')],
            {
              description:
                'fetched from the broker; upserted/added/changed/removed in Postgres; skipped as malformed.',
            },
          ),
          8,
        ],
        [
          timeseries(
            'Broker requests by outcome',
            [
              prom(
                `sum by (resource, outcome) (${rate(`hamiltix_broker_requests_total{${ENV}}`)})`,
                '{{resource}} {{outcome}}',
              ),
            ],
            {
              unit: 'reqps',
              stack: true,
            },
          ),
          8,
        ],
        [
          timeseries(
            'Broker errors by status',
            [prom(`sum by (status) (${rate(`hamiltix_broker_errors_total{${ENV}}`)})`, '{{status}}')],
            {
              unit: 'reqps',
              description:
                '429 rate limited, 401/403 credentials, 5xx/timeout/network the broker, open = refused by our breaker.',
            },
          ),
          8,
        ],
        [
          timeseries(
            'Broker latency by resource',
            [
              prom(q(0.5, 'hamiltix_broker_request_duration_seconds', 'resource'), 'p50 {{resource}}'),
              prom(q(0.95, 'hamiltix_broker_request_duration_seconds', 'resource'), 'p95 {{resource}}'),
            ],
            { unit: 's' },
          ),
          8,
        ],
        [
          timeseries('Newest pull age and breaker', [
            prom(`min(hamiltix_ingestion_last_success_age_seconds{${ENV}} >= 0)`, 'age of newest pull (s)'),
            prom(`max(hamiltix_broker_breaker_state{${ENV}})`, 'breaker (0 closed, 1 half-open, 2 open)'),
            prom(`max(hamiltix_ingestion_consecutive_failed_pulls{${ENV}})`, 'failed pulls in a row'),
          ]),
          24,
        ],
      ],
    ],
    [
      'Ranking',
      [
        [
          timeseries(
            'Ranking duration by show',
            [
              prom(q(0.5, 'hamiltix_ranking_duration_seconds', 'show'), 'p50 {{show}}'),
              prom(q(0.95, 'hamiltix_ranking_duration_seconds', 'show'), 'p95 {{show}}'),
            ],
            { unit: 's', description: 'The top bucket is 10 s: a p95 stuck at 10 means "10 s or more".' },
          ),
          8,
        ],
        [
          timeseries('Listings ranked', [
            prom(
              `sum by (show) (${rate(`hamiltix_ranking_listings_ranked_total{${ENV}}`)})`,
              'scored/s {{show}}',
            ),
            prom(`max by (show) (hamiltix_ranking_listings{${ENV}})`, 'in latest ranking {{show}}'),
          ]),
          8,
        ],
        [
          timeseries(
            'Price-model fit (median |log residual|)',
            [prom(`max by (show) (hamiltix_ranking_fit_median_abs_log_residual{${ENV}})`, '{{show}}')],
            {
              thresholds: {
                mode: 'absolute',
                steps: [
                  { color: 'green', value: null },
                  { color: 'orange', value: 0.5 },
                ],
              },
              description:
                'How well seat quality and date explain prices; 0.5 ≈ prices typically 65% off the model.',
            },
          ),
          8,
        ],
        [
          timeseries(
            'Ranking runs vs inventory changes',
            [
              prom(
                `sum by (show) (${inc(`hamiltix_ranking_duration_seconds_count{${ENV}}`)})`,
                'ranking runs {{show}}',
              ),
              prom(
                `sum (${inc(`hamiltix_ingestion_listings_total{${ENV}, kind=~"added|changed|removed"}`)})`,
                'listings changed by ingestion',
              ),
            ],
            { description: 'Changes without runs for 30 minutes: RankingStale.' },
          ),
          12,
        ],
        [
          timeseries('Redis index failures', [
            prom(`sum by (show) (${inc(`hamiltix_ranking_index_failures_total{${ENV}}`)})`, '{{show}}'),
          ]),
          12,
        ],
      ],
    ],
    [
      'Search picks up new rankings',
      [
        [
          timeseries(
            'Ranked snapshot load time',
            [
              prom(q(0.5, 'hamiltix_search_snapshot_load_seconds', 'scope'), 'p50 {{scope}}'),
              prom(q(0.95, 'hamiltix_search_snapshot_load_seconds', 'scope'), 'p95 {{scope}}'),
            ],
            {
              unit: 's',
              description:
                'search-api loading a new ranked version into memory; requests keep the old one meanwhile.',
            },
          ),
          12,
        ],
        [
          timeseries(
            'Cache invalidations (rankings.updated)',
            [
              prom(
                `sum by (scope) (${inc(`hamiltix_search_cache_invalidations_total{${ENV}}`)})`,
                '{{scope}}',
              ),
            ],
            {
              description:
                'One per rankings.updated message per replica; none while ranking runs means search serves an old ranking.',
            },
          ),
          12,
        ],
      ],
    ],
    [
      'Broker sandbox (development and staging)',
      [
        [
          timeseries(
            'Faults injected by kind',
            [prom(`sum by (kind) (${inc(`hamiltix_sandbox_faults_injected_total{${ENV}}`)})`, '{{kind}}')],
            {
              description:
                'Set with POST /sandbox/faults, cleared with POST /sandbox/reset. Empty in production (no sandbox).',
            },
          ),
          12,
        ],
        [
          timeseries('Sandbox orders by outcome', [
            prom(`sum by (outcome) (${inc(`hamiltix_sandbox_orders_total{${ENV}}`)})`, '{{outcome}}'),
          ]),
          12,
        ],
      ],
    ],
    [
      'Messaging (outbox and consumers)',
      [
        [
          timeseries('Outbox backlog and relay', [
            prom(`max(hamiltix_outbox_pending{${ENV}})`, 'pending rows'),
            prom(
              `sum by (service) (${rate(`hamiltix_outbox_published_total{${SEL}}`)})`,
              'relayed/s {{service}}',
            ),
            prom(
              `sum by (service) (${rate(`hamiltix_outbox_failures_total{${SEL}}`)})`,
              'relay failures/s {{service}}',
            ),
          ]),
          8,
        ],
        [
          timeseries(
            'Consumer throughput',
            [
              prom(
                `sum by (service) (${rate(`hamiltix_messaging_consumed_total{${SEL}}`)})`,
                'handled {{service}}',
              ),
              prom(
                `sum by (service) (${rate(`hamiltix_messaging_consume_failures_total{${SEL}}`)})`,
                'failed {{service}}',
              ),
              prom(
                `sum by (service) (${rate(`hamiltix_messaging_duplicates_skipped_total{${SEL}}`)})`,
                'redelivered duplicates {{service}}',
              ),
            ],
            { unit: 'ops' },
          ),
          8,
        ],
        [
          timeseries('Publishes and dead letters', [
            prom(
              `sum by (service) (${rate(`hamiltix_messaging_published_total{${SEL}}`)})`,
              'published/s {{service}}',
            ),
            prom(
              `sum by (service) (${rate(`hamiltix_messaging_publish_failures_total{${SEL}}`)})`,
              'publish failures/s {{service}}',
            ),
            prom(
              `sum by (service) (${inc(`hamiltix_messaging_dead_lettered_total{${SEL}}`)})`,
              'dead-lettered {{service}}',
            ),
          ]),
          8,
        ],
        [
          timeseries(
            'Consumer backlog',
            [
              prom(
                `max by (service, consumer) (hamiltix_messaging_consumer_pending{${SEL}})`,
                '{{service}} {{consumer}}',
              ),
            ],
            {
              description:
                "Messages still waiting for each durable consumer (JetStream's num_pending at its last delivery; HamiltixConsumerLag above 500).",
            },
          ),
          24,
        ],
        [
          table(
            'Pending outbox rows by subject',
            [
              sql(
                `SELECT subject, count(*) AS pending, min(created_at) AS oldest, max(attempts) AS max_attempts, max(last_error) AS last_error
FROM outbox WHERE published_at IS NULL GROUP BY subject ORDER BY oldest LIMIT 50`,
              ),
            ],
            {
              description:
                'From Postgres. Rows stay until relayed to JetStream; nothing is lost while NATS is down.',
            },
          ),
          24,
          7,
        ],
      ],
    ],
  ],
});
