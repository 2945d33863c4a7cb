import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { Registry, collectDefaultMetrics } from 'prom-client';

// Helpers for the ops specs: parse PromQL with Prometheus' own grammar (the one its UI
// uses) and find what the services really register, so an alert or a panel can never
// point at a series that does not exist.

export const PREFIX = 'hamiltix_';
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];

/** Series from outside the services that the rules may use. */
export const EXTERNAL_METRICS = [/^up$/, /^kube_[a-z_]+$/, /^ALERTS$/];

/** Labels a series gets besides its own: the platform's default labels and the scrape's. */
export const COMMON_LABELS = ['service', 'env', 'job', 'instance', 'namespace', 'pod', 'le', '__name__'];

export interface Matcher {
  label: string;
  op: string;
  /** The string literal's content, unescaped only for \\. */
  value: string;
}

export interface Selector {
  metric: string;
  labels: string[];
  matchers: Matcher[];
}

export interface ParsedQuery {
  errors: string[];
  selectors: Selector[];
}

/** Grafana's template variables, replaced by plausible values so the grammar sees PromQL. */
export function expandGrafanaVariables(expr: string): string {
  return expr
    .replace(/\$__(rate_interval|interval|range)/g, '5m')
    .replace(/\$\{?[a-zA-Z_][a-zA-Z0-9_]*(:[a-z]+)?\}?/g, 'x');
}

export function parsePromQL(expr: string): ParsedQuery {
  const tree = parser.parse(expr);
  const errors: string[] = [];
  const selectors: Selector[] = [];
  const text = (n: { from: number; to: number } | null) => (n ? expr.slice(n.from, n.to) : '');
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError)
      errors.push(`syntax error at ${cursor.from}: "${expr.slice(cursor.from, cursor.from + 30)}"`);
    if (cursor.name === 'VectorSelector') {
      const node = cursor.node;
      const matchers: Matcher[] = [];
      for (const m of node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? [])
        matchers.push({
          label: text(m.getChild('LabelName')),
          op: text(m.getChild('MatchOp')),
          value: text(m.getChild('StringLiteral')).slice(1, -1).replace(/\\\\/g, '\\'),
        });
      selectors.push({
        metric: text(node.getChild('Identifier')),
        labels: matchers.map((m) => m.label),
        matchers,
      });
    }
  } while (cursor.next());
  return { errors, selectors };
}

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'unknown';
export interface RegisteredMetric {
  type: MetricType;
  /** Label names when the source lists them literally; undefined when unknown. */
  labels?: string[];
  file: string;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.includes('/testing/'))
      out.push(path);
  }
  return out;
}

const STRING = String.raw`(?:'[^']*'|"[^"]*"|\x60[^\x60]*\x60)`;
const HELPER_CALL = new RegExp(
  String.raw`\.(counter|gauge|histogram)(?:<[^>(]*>)?\(\s*'([a-z][a-z0-9_]*)'\s*,\s*${STRING}(?:\s*,\s*(?:\[([^\]]*)\]|([A-Za-z_])))?`,
  'g',
);
const QUOTED_NAME = /'([a-z][a-z0-9]*(?:_[a-z0-9]+)+)'/g;

/** The non-test TypeScript sources of apps/<app>/src and libs/<lib>/src. */
export function serviceSources(root: string): string[] {
  return ['apps', 'libs'].flatMap((d) =>
    readdirSync(join(root, d)).flatMap((p) => {
      const src = join(root, d, p, 'src');
      try {
        return statSync(src).isDirectory() ? sourceFiles(src) : [];
      } catch {
        return [];
      }
    }),
  );
}

/** Labels whose values come from the request or the scrape, not from a literal in the code. */
const FREE_VALUE_LABELS = new Set([
  'env',
  'job',
  'instance',
  'namespace',
  'pod',
  'le',
  'status',
  'route',
  'method',
]);

/**
 * Label values a selector asks for that no service ever sets (e.g. outcome="held_back" when the
 * code says 'held-back'): each must appear as a string literal in the sources; service values
 * must be app names. Values from Grafana variables (expanded to "x") and negative matchers pass.
 */
export function valueProblems(selector: Selector, sources: string, apps: string[]): string[] {
  if (!selector.metric.startsWith(PREFIX)) return [];
  const problems: string[] = [];
  for (const m of selector.matchers) {
    if (FREE_VALUE_LABELS.has(m.label) || m.op.startsWith('!')) continue;
    const values = m.op === '=~' ? (/^[A-Za-z0-9_|-]+$/.test(m.value) ? m.value.split('|') : []) : [m.value];
    for (const v of values) {
      if (v === 'x') continue;
      const known = m.label === 'service' ? apps.includes(v) : sources.includes(`'${v}'`);
      if (!known) problems.push(`${selector.metric}{${m.label}="${v}"}: no service ever sets that value`);
    }
  }
  return problems;
}

/**
 * Every metric name (without the prefix) the sources register: through MetricsService's
 * counter/gauge/histogram helpers, or with `new Gauge({ name: METRIC_PREFIX + ... })`.
 */
export function registeredMetrics(root: string): Map<string, RegisteredMetric> {
  const found = new Map<string, RegisteredMetric>();
  const files = serviceSources(root);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('prom-client') && !text.includes('MetricsService')) continue;
    for (const m of text.matchAll(HELPER_CALL)) {
      // No label list: none; a variable instead of a literal list: unknown.
      const labels = m[4] ? undefined : (m[3]?.match(/'([^']+)'/g)?.map((s) => s.slice(1, -1)) ?? []);
      found.set(m[2], { type: m[1] as MetricType, labels, file });
    }
    // Direct construction: names built as METRIC_PREFIX + '<name>' or listed in a table.
    if (text.includes('METRIC_PREFIX') && /new (Gauge|Counter|Histogram)\b/.test(text)) {
      const kinds = new Set(
        [...text.matchAll(/new (Gauge|Counter|Histogram)\b/g)].map((m) => m[1].toLowerCase()),
      );
      const type: MetricType = kinds.size === 1 ? ([...kinds][0] as MetricType) : 'unknown';
      for (const m of text.matchAll(QUOTED_NAME))
        if (!found.has(m[1])) found.set(m[1], { type, labels: [], file });
    }
  }
  return found;
}

/** Names prom-client's default collectors export (process_*, nodejs_*), read from prom-client itself. */
export async function defaultMetricNames(): Promise<Set<string>> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const json = await registry.getMetricsAsJSON();
  const names = new Set<string>();
  for (const m of json) {
    names.add(m.name);
    if (m.type === ('histogram' as unknown)) for (const s of HISTOGRAM_SUFFIXES) names.add(m.name + s);
  }
  registry.clear();
  return names;
}

/** What a query is checked against: the services' metrics, prom-client's defaults, their sources, the apps. */
export interface ServiceMetrics {
  registered: Map<string, RegisteredMetric>;
  defaults: Set<string>;
  /** Every service source file, as one text (label values are looked up in it). */
  sources: string;
  apps: string[];
}

export async function serviceMetrics(root: string): Promise<ServiceMetrics> {
  return {
    registered: registeredMetrics(root),
    defaults: await defaultMetricNames(),
    sources: serviceSources(root)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n'),
    apps: readdirSync(join(root, 'apps')),
  };
}

/**
 * Why a selector does not match what the code exports, or undefined when it does.
 * `registered` holds names without the prefix; histogram series may add _bucket/_sum/_count.
 */
export function problemWith(
  selector: Selector,
  registered: Map<string, RegisteredMetric>,
  defaults: Set<string>,
): string | undefined {
  const { metric } = selector;
  if (!metric) return 'selector without a metric name';
  if (!metric.startsWith(PREFIX)) {
    if (defaults.has(metric) || EXTERNAL_METRICS.some((r) => r.test(metric))) return undefined;
    return `${metric} is neither a hamiltix_ metric, a prom-client default nor a known external series`;
  }
  const bare = metric.slice(PREFIX.length);
  let entry = registered.get(bare);
  if (!entry) {
    const suffix = HISTOGRAM_SUFFIXES.find((s) => bare.endsWith(s)) ?? '';
    const base = suffix ? registered.get(bare.slice(0, -suffix.length)) : undefined;
    if (!base) return `${metric} is not registered anywhere in apps/*/src or libs/*/src`;
    if (base.type !== 'histogram' && base.type !== 'unknown')
      return `${metric}: ${bare.slice(0, -suffix.length)} is a ${base.type}, it has no ${suffix} series`;
    entry = base;
  }
  if (!entry.labels) return undefined;
  const allowed = new Set([...COMMON_LABELS, ...entry.labels]);
  const unknown = selector.labels.filter((l) => !allowed.has(l));
  if (unknown.length)
    return `${metric} has no label ${unknown.join(', ')} (its own: ${entry.labels.join(', ') || 'none'})`;
  return undefined;
}
