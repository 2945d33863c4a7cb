import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  parsePromQL,
  problemWith,
  valueProblems,
  serviceMetrics,
  type ServiceMetrics,
} from './ops-metrics.js';

// deploy/prometheus/alerts.yml checked as data and as PromQL (Prometheus' own grammar; promtool
// is not installed here, see deploy/README.md), and against what the services really export.
interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const file = parse(readFileSync('deploy/prometheus/alerts.yml', 'utf8')) as {
  groups: { name: string; rules: Rule[] }[];
};
const rules = file.groups.flatMap((g) => g.rules);
const alerts = rules.filter((r) => r.alert);

let svc: ServiceMetrics;
beforeAll(async () => {
  svc = await serviceMetrics(process.cwd());
});

describe('deploy/prometheus/alerts.yml', () => {
  it('is a rule file of named groups with unique alert names', () => {
    expect(file.groups.length).toBeGreaterThan(3);
    expect(new Set(file.groups.map((g) => g.name)).size).toBe(file.groups.length);
    for (const g of file.groups) expect(g.rules.length).toBeGreaterThan(0);
    const names = alerts.map((a) => a.alert);
    expect(new Set(names).size).toBe(names.length);
    expect(alerts.length).toBe(rules.length);
  });

  it('gives every alert a duration, a severity and runbook annotations', () => {
    for (const a of alerts) {
      const where = `alert ${a.alert}`;
      expect([where, typeof a.expr]).toEqual([where, 'string']);
      expect([where, a.for]).toEqual([where, expect.stringMatching(/^\d+[smh]$/)]);
      expect([where, a.labels?.severity]).toEqual([
        where,
        expect.stringMatching(/^(critical|warning|info)$/),
      ]);
      expect([where, a.annotations?.summary?.length]).toEqual([where, expect.any(Number)]);
      expect([where, (a.annotations?.runbook ?? '').length > 40]).toEqual([where, true]);
    }
  });

  it('parses every expression as PromQL', () => {
    const broken = alerts.flatMap((a) => parsePromQL(a.expr).errors.map((e) => `${a.alert}: ${e}`));
    expect(broken).toEqual([]);
  });

  it('uses only metrics the services register, with their labels', () => {
    const problems = alerts.flatMap((a) =>
      parsePromQL(a.expr)
        .selectors.map((s) => problemWith(s, svc.registered, svc.defaults))
        .filter((p): p is string => p !== undefined)
        .map((p) => `${a.alert}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('asks only for label values the services set', () => {
    const problems = alerts.flatMap((a) =>
      parsePromQL(a.expr).selectors.flatMap((s) =>
        valueProblems(s, svc.sources, svc.apps).map((p) => `${a.alert}: ${p}`),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('uses only template variables Prometheus fills, and labels the expression keeps', () => {
    const problems: string[] = [];
    for (const a of alerts) {
      const kept = new Set(
        [...a.expr.matchAll(/\bby \(([^)]*)\)|(\w+)="[^"]*"/g)].flatMap((m) =>
          m[1] ? m[1].split(',').map((s) => s.trim()) : [m[2]],
        ),
      );
      const aggregated = /\b(sum|min|max|count|avg) by\b/.test(a.expr);
      for (const text of Object.values(a.annotations ?? {}))
        for (const [, inner] of text.matchAll(/\{\{(.*?)\}\}/g)) {
          const m =
            /^ \$(labels\.([a-z_]+)|value)( \| (humanize|humanize1024|humanizeDuration|humanizePercentage))? $/.exec(
              inner,
            );
          if (!m) problems.push(`${a.alert}: unexpected template {{${inner}}}`);
          else if (m[2] && aggregated && !kept.has(m[2]))
            problems.push(`${a.alert}: $labels.${m[2]} is aggregated away`);
        }
    }
    expect(problems).toEqual([]);
  });

  it('covers what the ops brief asks for', () => {
    const exprs = alerts.map((a) => a.expr).join('\n');
    for (const metric of [
      'up',
      'hamiltix_http_request_duration_seconds_count',
      'hamiltix_search_degraded_total',
      'hamiltix_ingestion_last_success_age_seconds',
      'hamiltix_ingestion_consecutive_failed_pulls',
      'hamiltix_broker_breaker_state',
      'hamiltix_ranking_index_failures_total',
      'hamiltix_outbox_pending',
      'hamiltix_messaging_dead_lettered_total',
      'hamiltix_messaging_duplicates_skipped_total',
      'hamiltix_checkout_order_requests_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
    ])
      expect([metric, exprs.includes(metric)]).toEqual([metric, true]);
    expect(exprs).toContain('outcome="held-back"');
  });

  it('is documented: deploy/README.md explains every alert', () => {
    const readme = readFileSync('deploy/README.md', 'utf8');
    const missing = alerts.map((a) => a.alert!).filter((name) => !readme.includes(name));
    expect(missing).toEqual([]);
  });

  it('is the file Prometheus loads in docker compose', () => {
    const prometheus = parse(readFileSync('deploy/prometheus/prometheus.yml', 'utf8')) as {
      rule_files: string[];
    };
    expect(prometheus.rule_files).toContain('/etc/prometheus/alerts.yml');
    expect(readFileSync('docker-compose.yml', 'utf8')).toContain(
      './deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml',
    );
  });
});

describe('ops metric check (the checker itself)', () => {
  it('finds the platform, messaging and app metrics with their types and labels', () => {
    expect(svc.registered.get('http_request_duration_seconds')).toMatchObject({
      type: 'histogram',
      labels: ['method', 'route', 'status'],
    });
    expect(svc.registered.get('outbox_pending')?.type).toBe('gauge');
    expect(svc.registered.get('ingestion_last_success_age_seconds')?.type).toBe('gauge');
    expect(svc.registered.get('ranking_duration_seconds')).toMatchObject({
      type: 'histogram',
      labels: ['show'],
    });
    expect(svc.registered.get('broker_breaker_state')).toMatchObject({ type: 'gauge', labels: [] });
  });

  it('rejects made-up names, suffixes a counter does not have, and unknown labels', () => {
    const check = (expr: string) =>
      parsePromQL(expr).selectors.map((s) => problemWith(s, svc.registered, svc.defaults) ?? 'ok');
    expect(check('hamiltix_http_request_duration_seconds_bucket{status="500", le="1"}')).toEqual(['ok']);
    expect(check('rate(process_cpu_seconds_total[5m])')).toEqual(['ok']);
    expect(check('hamiltix_no_such_metric')[0]).toMatch(/not registered/);
    expect(check('hamiltix_checkout_order_requests_total_bucket')[0]).toMatch(/is a counter/);
    expect(check('hamiltix_ranking_listings{showId="x"}')[0]).toMatch(/no label showId/);
    expect(check('nodejs_made_up_seconds')[0]).toMatch(/neither/);
    const values = (expr: string) =>
      parsePromQL(expr).selectors.flatMap((s) => valueProblems(s, svc.sources, svc.apps));
    expect(
      values('hamiltix_ingestion_pull_duration_seconds_count{outcome=~"ok|held-back", env="prod"}'),
    ).toEqual([]);
    expect(values('hamiltix_ingestion_pull_duration_seconds_count{outcome="held_back"}')).toHaveLength(1);
    expect(values('hamiltix_nats_connected{service="search-api"}')).toEqual([]);
    expect(values('hamiltix_nats_connected{service="search"}')).toHaveLength(1);
    expect(parsePromQL('sum(rate(x[5m])').errors.length).toBeGreaterThan(0);
  });
});
