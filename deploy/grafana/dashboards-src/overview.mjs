import { SEL, TRAFFIC, dashboard, prom, stat, table, timeseries } from '../dashboard-kit.mjs';

const HTTP = 'hamiltix_http_request_duration_seconds';
const rate = (selector) => `rate(${selector}[$__rate_interval])`;
const quantile = (q, by) =>
  `histogram_quantile(${q}, sum by (${by}, le) (${rate(`${HTTP}_bucket{${TRAFFIC}}`)}))`;

/** Every service at a glance: traffic, errors, latency, readiness, memory, event loop. */
export const overview = dashboard({
  uid: 'hamiltix-overview',
  title: 'Hamiltix / Overview',
  description: 'Traffic, errors, latency, readiness and runtime of every Hamiltix service.',
  tags: ['overview'],
  rows: [
    [
      'Now',
      [
        [
          stat(
            'Processes reporting',
            [prom(`count by (service) (process_start_time_seconds{${SEL}})`, '{{service}}')],
            {
              description:
                'Replicas Prometheus scrapes, per service. Fewer than the chart asks for: see HamiltixTargetDown.',
            },
          ),
          6,
          5,
        ],
        [stat('Requests / s', [prom(`sum(${rate(`${HTTP}_count{${TRAFFIC}}`)})`)], { unit: 'reqps' }), 4, 5],
        [
          stat(
            '5xx ratio',
            [
              prom(
                `sum(${rate(`${HTTP}_count{${TRAFFIC}, status=~"5.."}`)}) / sum(${rate(`${HTTP}_count{${TRAFFIC}}`)})`,
              ),
            ],
            {
              unit: 'percentunit',
              decimals: 2,
              steps: [
                [0.01, 'orange'],
                [0.05, 'red'],
              ],
            },
          ),
          4,
          5,
        ],
        [
          stat(
            'Search p99',
            [
              prom(
                `histogram_quantile(0.99, sum by (le) (${rate(`${HTTP}_bucket{env="$env", service="search-api", route=~"/api/v1/.*"}`)}))`,
              ),
            ],
            {
              unit: 's',
              steps: [
                [0.5, 'orange'],
                [2, 'red'],
              ],
            },
          ),
          4,
          5,
        ],
        [
          stat('NATS connected', [prom(`min(hamiltix_nats_connected{${SEL}})`)], {
            mappings: [
              {
                type: 'value',
                options: { 0: { text: 'DOWN', color: 'red' }, 1: { text: 'up', color: 'green' } },
              },
            ],
            steps: [
              [0, 'red'],
              [1, 'green'],
            ],
          }),
          3,
          5,
        ],
        [
          stat('Firing alerts', [prom('count(ALERTS{alertstate="firing", team="hamiltix"}) or vector(0)')], {
            steps: [[1, 'red']],
            description: 'Hamiltix alert rules firing now (deploy/prometheus/alerts.yml).',
          }),
          3,
          5,
        ],
      ],
    ],
    [
      'Traffic and errors',
      [
        [
          timeseries(
            'Requests by service',
            [prom(`sum by (service) (${rate(`${HTTP}_count{${TRAFFIC}}`)})`, '{{service}}')],
            { unit: 'reqps' },
          ),
          8,
        ],
        [
          timeseries(
            '5xx ratio by service',
            [
              prom(
                `sum by (service) (${rate(`${HTTP}_count{${TRAFFIC}, status=~"5.."}`)}) / sum by (service) (${rate(`${HTTP}_count{${TRAFFIC}}`)})`,
                '{{service}}',
              ),
            ],
            {
              unit: 'percentunit',
              min: 0,
              thresholds: {
                mode: 'absolute',
                steps: [
                  { color: 'green', value: null },
                  { color: 'red', value: 0.05 },
                ],
              },
            },
          ),
          8,
        ],
        [
          timeseries(
            '4xx and 5xx answers by route',
            [
              prom(
                `sum by (service, route, status) (${rate(`${HTTP}_count{${TRAFFIC}, status=~"[45].."}`)})`,
                '{{service}} {{route}} {{status}}',
              ),
            ],
            {
              unit: 'reqps',
              description:
                '409 and 402 from checkout are buyers being told "sold out" or "declined", not faults.',
            },
          ),
          8,
        ],
        [
          timeseries(
            'Requests by route',
            [
              prom(
                `sum by (service, method, route) (${rate(`${HTTP}_count{${TRAFFIC}}`)})`,
                '{{service}} {{method}} {{route}}',
              ),
            ],
            { unit: 'reqps', stack: true },
          ),
          24,
        ],
      ],
    ],
    [
      'Latency',
      [
        [
          timeseries(
            'p50 / p95 / p99 by service',
            [
              prom(quantile(0.5, 'service'), 'p50 {{service}}'),
              prom(quantile(0.95, 'service'), 'p95 {{service}}'),
              prom(quantile(0.99, 'service'), 'p99 {{service}}'),
            ],
            { unit: 's' },
          ),
          12,
          9,
        ],
        [
          timeseries('p95 by route', [prom(quantile(0.95, 'service, route'), '{{service}} {{route}}')], {
            unit: 's',
          }),
          12,
          9,
        ],
        [
          timeseries('p99 by route', [prom(quantile(0.99, 'service, route'), '{{service}} {{route}}')], {
            unit: 's',
          }),
          12,
          9,
        ],
        [
          timeseries('p50 by route', [prom(quantile(0.5, 'service, route'), '{{service}} {{route}}')], {
            unit: 's',
          }),
          12,
          9,
        ],
      ],
    ],
    [
      'Readiness and dependencies',
      [
        [
          table(
            'Scrape targets',
            [
              prom(
                'up{job=~"hamiltix|hamiltix-.+"} or up{job="kubernetes-pods", namespace=~"hamiltix-.+"}',
                '',
                { format: 'table', instant: true, range: false },
              ),
            ],
            {
              description: 'up = 0: Prometheus cannot scrape the process (down, or /metrics hangs).',
            },
          ),
          8,
        ],
        [
          timeseries(
            'Ready replicas (Kubernetes, kube-state-metrics)',
            [
              prom(
                'kube_deployment_status_replicas_available{namespace=~"hamiltix-.+", deployment=~"hamiltix-.+"}',
                'ready {{deployment}}',
              ),
              prom(
                'kube_deployment_spec_replicas{namespace=~"hamiltix-.+", deployment=~"hamiltix-.+"}',
                'wanted {{deployment}}',
              ),
            ],
            { description: 'Empty outside Kubernetes. /health/ready of a pod names the failing dependency.' },
          ),
          8,
        ],
        [
          timeseries(
            'NATS connected',
            [prom(`hamiltix_nats_connected{${SEL}}`, '{{service}} {{instance}}')],
            { min: 0, max: 1 },
          ),
          8,
        ],
        [
          timeseries(
            'Search answered from Postgres',
            [
              prom(
                `sum by (endpoint, reason) (${rate(`hamiltix_search_degraded_total{env="$env"}`)})`,
                '{{endpoint}} {{reason}}',
              ),
            ],
            {
              unit: 'reqps',
              description:
                'Non-zero while Redis is down (redis-down) or the ranked index is missing (redis-empty).',
            },
          ),
          12,
        ],
        [
          timeseries(
            'Search cache hit ratio',
            [
              prom(
                `sum by (endpoint) (${rate('hamiltix_search_cache_total{env="$env", result="hit"}')}) / sum by (endpoint) (${rate('hamiltix_search_cache_total{env="$env"}')})`,
                '{{endpoint}}',
              ),
            ],
            { unit: 'percentunit', min: 0, max: 1 },
          ),
          12,
        ],
      ],
    ],
    [
      'Runtime',
      [
        [
          timeseries(
            'Resident memory',
            [prom(`process_resident_memory_bytes{${SEL}}`, '{{service}} {{instance}}')],
            {
              unit: 'bytes',
              description:
                "Against each container's memory limit (helm/hamiltix/values.yaml; HamiltixMemoryHigh fires at ~85% of it).",
            },
          ),
          8,
        ],
        [
          timeseries(
            'Heap used / total',
            [
              prom(`nodejs_heap_size_used_bytes{${SEL}}`, 'used {{service}} {{instance}}'),
              prom(`nodejs_heap_size_total_bytes{${SEL}}`, 'total {{service}} {{instance}}'),
            ],
            { unit: 'bytes' },
          ),
          8,
        ],
        [
          timeseries(
            'Event-loop lag p99',
            [prom(`nodejs_eventloop_lag_p99_seconds{${SEL}}`, '{{service}} {{instance}}')],
            {
              unit: 's',
              thresholds: {
                mode: 'absolute',
                steps: [
                  { color: 'green', value: null },
                  { color: 'red', value: 0.5 },
                ],
              },
            },
          ),
          8,
        ],
        [
          timeseries(
            'CPU',
            [prom(`${rate(`process_cpu_seconds_total{${SEL}}`)}`, '{{service}} {{instance}}')],
            { unit: 'percentunit' },
          ),
          8,
        ],
        [
          timeseries(
            'GC time',
            [
              prom(
                `sum by (service, kind) (${rate(`nodejs_gc_duration_seconds_sum{${SEL}}`)})`,
                '{{service}} {{kind}}',
              ),
            ],
            { unit: 'percentunit' },
          ),
          8,
        ],
        [
          timeseries(
            'Restarts (1h)',
            [prom(`changes(process_start_time_seconds{${SEL}}[1h])`, '{{service}} {{instance}}')],
            { min: 0 },
          ),
          8,
        ],
      ],
    ],
  ],
});
