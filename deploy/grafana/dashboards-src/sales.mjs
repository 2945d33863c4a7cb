import { dashboard, prom, sql, stat, table, timeseries } from '../dashboard-kit.mjs';

const ENV = 'env="$env"';
const ORDERS = 'hamiltix_checkout_order_requests_total';
const PLACE = `${ENV}, operation="place"`;
const POST_ORDERS = `${ENV}, service="checkout", method="POST", route="/api/v1/orders"`;
const rate = (selector) => `rate(${selector}[$__rate_interval])`;
const inc = (selector) => `increase(${selector}[$__rate_interval])`;
const ratio = (status, window = '$__rate_interval') =>
  `sum(rate(${ORDERS}{${PLACE}, status=~"${status}"}[${window}])) / sum(rate(${ORDERS}{${PLACE}}[${window}]))`;
/** Orders a purchase left half-way: the reconciler should settle them within minutes. */
const STUCK = `status IN ('created', 'authorised', 'broker_pending') AND updated_at < now() - interval '10 minutes'`;

/** Purchases: outcomes, latency, declines, conflicts, and orders stuck half-way. No buyer data. */
export const sales = dashboard({
  uid: 'hamiltix-sales',
  title: 'Hamiltix / Sales',
  description:
    'Checkout: purchase outcomes, latency, declines, 409s, payment and broker errors, stuck orders.',
  tags: ['sales'],
  rows: [
    [
      'Now',
      [
        [
          stat(
            'Purchases confirmed (range)',
            [prom(`sum(increase(${ORDERS}{${PLACE}, status="201"}[$__range])) or vector(0)`)],
            { decimals: 0 },
          ),
          4,
          5,
        ],
        [
          stat(
            'Sales (range, Postgres)',
            [
              sql(
                `SELECT coalesce(sum(total_cents), 0) / 100.0 AS "sales" FROM orders WHERE status = 'confirmed' AND $__timeFilter(created_at)`,
              ),
            ],
            {
              unit: 'currencyUSD',
              description: 'All-in totals of confirmed orders (cents in the table, dollars here).',
            },
          ),
          4,
          5,
        ],
        [
          stat('Declined (402)', [prom(ratio('402', '$__range'))], {
            unit: 'percentunit',
            steps: [
              [0.15, 'orange'],
              [0.3, 'red'],
            ],
          }),
          4,
          5,
        ],
        [
          stat('Sold out / price moved (409)', [prom(ratio('409', '$__range'))], {
            unit: 'percentunit',
            steps: [
              [0.25, 'orange'],
              [0.5, 'red'],
            ],
          }),
          4,
          5,
        ],
        [
          stat('Failed on our side (5xx)', [prom(ratio('5..', '$__range'))], {
            unit: 'percentunit',
            decimals: 1,
            steps: [
              [0.01, 'orange'],
              [0.1, 'red'],
            ],
          }),
          4,
          5,
        ],
        [
          stat('Orders stuck > 10 min', [sql(`SELECT count(*) AS "stuck" FROM orders WHERE ${STUCK}`)], {
            steps: [[1, 'red']],
            description: 'Orders in created, authorised or broker_pending for over 10 minutes (Postgres).',
          }),
          4,
          5,
        ],
      ],
    ],
    [
      'Purchases',
      [
        [
          timeseries(
            'Purchase answers by status',
            [prom(`sum by (status) (${inc(`${ORDERS}{${PLACE}}`)})`, '{{status}}')],
            {
              stack: true,
              description:
                '201 confirmed, 402 declined, 409 sold out or price moved, 400/422 bad input or key reuse, 429 rate limited, 502 payment provider, 503 broker.',
            },
          ),
          12,
        ],
        [
          timeseries(
            'Orders by status (Postgres)',
            [
              sql(
                `SELECT $__timeGroupAlias(created_at, '5m'), status AS metric, count(*) AS value
FROM orders WHERE $__timeFilter(created_at) GROUP BY 1, 2 ORDER BY 1`,
                'time_series',
              ),
            ],
            {
              stack: true,
              description: 'Order status as stored: confirmed, failed, refunded, or still in progress.',
            },
          ),
          12,
        ],
        [
          timeseries(
            'Checkout latency (POST /api/v1/orders)',
            [
              prom(
                `histogram_quantile(0.5, sum by (le) (${rate(`hamiltix_http_request_duration_seconds_bucket{${POST_ORDERS}}`)}))`,
                'p50',
              ),
              prom(
                `histogram_quantile(0.95, sum by (le) (${rate(`hamiltix_http_request_duration_seconds_bucket{${POST_ORDERS}}`)}))`,
                'p95',
              ),
              prom(
                `histogram_quantile(0.99, sum by (le) (${rate(`hamiltix_http_request_duration_seconds_bucket{${POST_ORDERS}}`)}))`,
                'p99',
              ),
            ],
            {
              unit: 's',
              description:
                'A purchase is a re-quote, a payment authorisation, the broker order and a capture.',
            },
          ),
          8,
        ],
        [
          timeseries(
            'Declines and 409s',
            [prom(ratio('402'), 'declined (402)'), prom(ratio('409'), 'sold out / price moved (409)')],
            {
              unit: 'percentunit',
              min: 0,
              description: 'Many 409s mean stale inventory: check the pipeline dashboard.',
            },
          ),
          8,
        ],
        [
          timeseries('Failures by cause', [
            prom(`sum (${inc(`${ORDERS}{${PLACE}, status="502"}`)})`, 'payment provider (502)'),
            prom(`sum (${inc(`${ORDERS}{${PLACE}, status="503"}`)})`, 'broker not answering (503)'),
            prom(`sum (${inc(`${ORDERS}{${PLACE}, status="500"}`)})`, 'bug (500)'),
            prom(`sum (${inc(`${ORDERS}{${PLACE}, status="429"}`)})`, 'rate limited (429)'),
          ]),
          8,
        ],
        [
          timeseries(
            'Order reads by status',
            [prom(`sum by (status) (${inc(`${ORDERS}{${ENV}, operation="get"}`)})`, '{{status}}')],
            {
              description: 'GET /api/v1/orders/:id. Many 401/404 may be someone guessing order ids.',
            },
          ),
          12,
        ],
        [
          timeseries(
            'Idempotent replays and key reuse',
            [prom(`sum by (status) (${inc(`${ORDERS}{${PLACE}, status=~"400|422"}`)})`, '{{status}}')],
            { description: '422: the same Idempotency-Key with another body; 400: bad input.' },
          ),
          12,
        ],
      ],
    ],
    [
      'Broker and payment calls from checkout',
      [
        [
          timeseries(
            'Broker call latency by resource',
            [
              prom(
                `histogram_quantile(0.95, sum by (resource, le) (${rate(`hamiltix_checkout_broker_request_seconds_bucket{${ENV}}`)}))`,
                'p95 {{resource}}',
              ),
            ],
            { unit: 's' },
          ),
          12,
        ],
        [
          timeseries(
            'Broker calls by outcome',
            [
              prom(
                `sum by (resource, outcome) (${rate(`hamiltix_checkout_broker_request_seconds_count{${ENV}}`)})`,
                '{{resource}} {{outcome}}',
              ),
            ],
            {
              unit: 'reqps',
              stack: true,
            },
          ),
          12,
        ],
        [
          timeseries(
            'Payment provider errors by operation',
            [
              prom(
                `sum by (operation) (${inc(`hamiltix_checkout_payment_provider_errors_total{${ENV}}`)})`,
                '{{operation}}',
              ),
            ],
            {
              description:
                'Failed provider calls from purchases and the reconciler. capture: the broker accepted and the buyer is not charged yet (CheckoutCaptureFailures).',
            },
          ),
          12,
        ],
        [
          timeseries(
            'Open orders older than 10 minutes',
            [prom(`max(hamiltix_checkout_orders_stuck_open{${ENV}})`, 'stuck open')],
            { description: "Counted by checkout's reconciler every 15 s (CheckoutOrdersStuckOpen)." },
          ),
          12,
        ],
      ],
    ],
    [
      'Stuck orders',
      [
        [
          table(
            'Orders left half-way for over 10 minutes',
            [
              sql(
                `SELECT id, status, quantity, total_cents / 100.0 AS total_usd, broker_reference, failure_reason, created_at, updated_at,
  round(extract(epoch FROM now() - updated_at) / 60) AS minutes_stuck
FROM orders WHERE ${STUCK} ORDER BY updated_at LIMIT 100`,
              ),
            ],
            {
              description:
                'The reconciler retries these (broker lookup by our reference, then capture or void). One that stays: look the reference up at the broker and with the payment provider before touching it.',
            },
          ),
          24,
          8,
        ],
      ],
    ],
  ],
});
