import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { createTestDatabase, type TestDatabase } from '@hamiltix/persistence/testing';
import {
  expandGrafanaVariables,
  parsePromQL,
  problemWith,
  valueProblems,
  serviceMetrics,
  type ServiceMetrics,
} from './ops-metrics.js';

// deploy/grafana/dashboards/*.json: structure Grafana needs, every PromQL query parsed and
// checked against the registered metrics, every SQL query run against a migrated database,
// and the JSON in step with its source (deploy/grafana/build-dashboards.mjs).
interface Target {
  refId: string;
  datasource?: { type: string; uid: string };
  expr?: string;
  rawSql?: string;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type: string; uid: string };
  targets?: Target[];
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  tags: string[];
  templating: { list: { name: string; multi?: boolean; includeAll?: boolean; query: unknown }[] };
  annotations: { list: { expr?: string }[] };
  panels: Panel[];
}

const DIR = 'deploy/grafana/dashboards';
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const dashboards = Object.fromEntries(
  files.map((f) => [f, JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as Dashboard]),
);
const provisioned = parse(readFileSync('deploy/grafana/provisioning/datasources/prometheus.yml', 'utf8')) as {
  datasources: { uid: string; type: string }[];
};
const DATASOURCES = new Map(provisioned.datasources.map((d) => [d.uid, d.type]));

const queryPanels = (d: Dashboard) => d.panels.filter((p) => p.type !== 'row' && p.type !== 'text');
const targetsOf = (d: Dashboard) =>
  queryPanels(d).flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p, target: t })));
const promQueries = (d: Dashboard) => [
  ...targetsOf(d)
    .filter(({ target }) => target.expr !== undefined)
    .map(({ panel, target }) => ({ where: `${d.uid} "${panel.title}" ${target.refId}`, expr: target.expr! })),
  ...d.annotations.list.filter((a) => a.expr).map((a) => ({ where: `${d.uid} annotation`, expr: a.expr! })),
];

let svc: ServiceMetrics;
beforeAll(async () => {
  svc = await serviceMetrics(process.cwd());
});

describe('deploy/grafana/dashboards', () => {
  it('holds the overview, pipeline and sales dashboards with unique uids', () => {
    expect(files.sort()).toEqual(['hamiltix-overview.json', 'hamiltix-pipeline.json', 'hamiltix-sales.json']);
    const uids = Object.values(dashboards).map((d) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it.each(files)('%s: schema 39, env and service variables, tagged', (file) => {
    const d = dashboards[file];
    expect(d.schemaVersion).toBe(39);
    expect(d.title).toMatch(/^Hamiltix \/ /);
    expect(d.tags).toContain('hamiltix');
    const vars = Object.fromEntries(d.templating.list.map((v) => [v.name, v]));
    expect(vars.env).toBeDefined();
    expect(vars.service).toMatchObject({ multi: true, includeAll: true });
  });

  it.each(files)('%s: panels have unique ids and tile the 24-column grid without overlapping', (file) => {
    const panels = dashboards[file].panels;
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    const taken = new Map<string, string>();
    const problems: string[] = [];
    for (const p of panels) {
      const { x, y, w, h } = p.gridPos;
      if (!(x >= 0 && w > 0 && x + w <= 24 && h > 0)) problems.push(`${p.title}: outside the grid`);
      for (let i = x; i < x + w; i++)
        for (let j = y; j < y + h; j++) {
          const other = taken.get(`${i},${j}`);
          if (other) problems.push(`${p.title} overlaps ${other}`);
          taken.set(`${i},${j}`, p.title);
        }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it.each(files)('%s: every query has a refId and a provisioned datasource', (file) => {
    for (const p of queryPanels(dashboards[file])) {
      expect([p.title, (p.targets ?? []).length > 0]).toEqual([p.title, true]);
      const refIds = p.targets!.map((t) => t.refId);
      expect(new Set(refIds).size).toBe(refIds.length);
      for (const t of p.targets!) {
        const ds = t.datasource ?? p.datasource;
        expect([p.title, ds && DATASOURCES.get(ds.uid)]).toEqual([p.title, ds?.type]);
        expect([p.title, Boolean(t.expr) !== Boolean(t.rawSql)]).toEqual([p.title, true]);
      }
    }
    expect(DATASOURCES.get('prometheus')).toBe('prometheus');
  });

  it.each(files)('%s: every PromQL query parses', (file) => {
    const broken = promQueries(dashboards[file]).flatMap(({ where, expr }) =>
      parsePromQL(expandGrafanaVariables(expr)).errors.map((e) => `${where}: ${e}`),
    );
    expect(broken).toEqual([]);
  });

  it.each(files)('%s: every series is one the services register, with its labels', (file) => {
    const problems = promQueries(dashboards[file]).flatMap(({ where, expr }) =>
      parsePromQL(expandGrafanaVariables(expr))
        .selectors.map((s) => problemWith(s, svc.registered, svc.defaults))
        .filter((p): p is string => p !== undefined)
        .map((p) => `${where}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it.each(files)('%s: asks only for label values the services set', (file) => {
    const problems = promQueries(dashboards[file]).flatMap(({ where, expr }) =>
      parsePromQL(expandGrafanaVariables(expr)).selectors.flatMap((s) =>
        valueProblems(s, svc.sources, svc.apps).map((p) => `${where}: ${p}`),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('shows what operators asked for', () => {
    const all = (uid: string) =>
      promQueries(Object.values(dashboards).find((d) => d.uid === uid)!)
        .map((q) => q.expr)
        .join('\n');
    const overview = all('hamiltix-overview');
    for (const q of ['0.5', '0.95', '0.99'])
      expect(overview).toContain(`histogram_quantile(${q}, sum by (service, route, le)`);
    for (const m of [
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'hamiltix_nats_connected',
      'up{',
    ])
      expect(overview).toContain(m);
    const pipeline = all('hamiltix-pipeline');
    for (const m of [
      'hamiltix_ingestion_pull_duration_seconds_bucket',
      'hamiltix_broker_errors_total',
      'hamiltix_broker_breaker_state',
      'hamiltix_ingestion_last_success_age_seconds',
      'hamiltix_ranking_listings_ranked_total',
      'hamiltix_ranking_fit_median_abs_log_residual',
      'hamiltix_outbox_pending',
      'hamiltix_messaging_consumed_total',
      'hamiltix_messaging_dead_lettered_total',
    ])
      expect(pipeline).toContain(m);
    const sales = all('hamiltix-sales');
    for (const s of ['status=~"402"', 'status=~"409"', 'hamiltix_checkout_broker_request_seconds_bucket'])
      expect(sales).toContain(s);
  });

  it('matches its source: regenerate with node deploy/grafana/build-dashboards.mjs', async () => {
    // Their content; their formatting is `npm run format:check`'s (Prettier stays out of jest).
    // @ts-expect-error plain ESM JavaScript without type declarations
    const { DASHBOARDS } = (await import('../grafana/build-dashboards.mjs')) as {
      DASHBOARDS: Record<string, unknown>;
    };
    for (const [file, dashboard] of Object.entries(DASHBOARDS))
      expect({ file, json: JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as unknown }).toEqual({
        file,
        json: JSON.parse(JSON.stringify(dashboard)) as unknown,
      });
  });

  it('is what docker compose provisions into Grafana', () => {
    const providers = parse(readFileSync('deploy/grafana/provisioning/dashboards/hamiltix.yml', 'utf8')) as {
      providers: { options: { path: string } }[];
    };
    expect(providers.providers[0].options.path).toBe('/var/lib/grafana/dashboards');
    const compose = readFileSync('docker-compose.yml', 'utf8');
    expect(compose).toContain('./deploy/grafana/dashboards:/var/lib/grafana/dashboards');
    expect(compose).toContain('./deploy/grafana/provisioning:/etc/grafana/provisioning');
  });
});

describe('deploy/grafana dashboards: SQL panels', () => {
  let db: TestDatabase;
  /** Whether this file created the cluster-wide role grafana_ro (then it drops it, leaving nothing behind). */
  let createdRole = false;
  beforeAll(async () => {
    db = await createTestDatabase('ops_dashboards');
  });
  afterAll(async () => {
    // Its grants live in this database only, so DROP OWNED here frees the role to go.
    if (createdRole) await db?.dataSource.query('DROP OWNED BY grafana_ro; DROP ROLE grafana_ro');
    await db?.drop();
  });

  // Grafana's Postgres macros, expanded as Grafana would for a 6-hour range.
  const expandMacros = (sql: string) =>
    sql
      .replace(/\$__timeGroupAlias\((\w+),\s*'[^']*'\)/g, `date_trunc('minute', $1) AS "time"`)
      .replace(/\$__timeFilter\((\w+)\)/g, `$1 BETWEEN now() - interval '6 hours' AND now()`);

  it('runs every SQL query against the migrated schema', async () => {
    const queries = Object.values(dashboards).flatMap((d) =>
      targetsOf(d)
        .filter(({ target }) => target.rawSql)
        .map(({ panel, target }) => ({
          where: `${d.uid} "${panel.title}"`,
          sql: expandMacros(target.rawSql!),
        })),
    );
    expect(queries.length).toBeGreaterThan(3);
    const failures: string[] = [];
    for (const q of queries) {
      expect(q.sql).not.toContain('$__');
      await db.dataSource.query(q.sql).catch((e: Error) => failures.push(`${q.where}: ${e.message}`));
    }
    expect(failures).toEqual([]);
  });

  it("runs every SQL query as compose's read-only role, which can read nothing else and write nothing", async () => {
    createdRole =
      Number(
        (await db.dataSource.query(`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = 'grafana_ro'`))[0]
          .n,
      ) === 0;
    const grants = readFileSync('deploy/compose/grafana-readonly.sql', 'utf8');
    await db.dataSource.query(grants);
    await db.dataSource.query(grants); // idempotent: compose runs it after every migration
    const session = db.dataSource.createQueryRunner();
    await session.connect();
    try {
      await session.query('SET ROLE grafana_ro');
      const failures: string[] = [];
      for (const d of Object.values(dashboards))
        for (const { panel, target } of targetsOf(d).filter(({ target }) => target.rawSql))
          await session
            .query(expandMacros(target.rawSql!))
            .catch((e: Error) => failures.push(`${d.uid} "${panel.title}": ${e.message}`));
      expect(failures).toEqual([]);
      for (const sql of [
        'SELECT buyer_email FROM orders',
        'SELECT buyer_name FROM orders',
        'SELECT access_token_hash FROM orders',
        'SELECT * FROM payments',
        'SELECT * FROM listings',
        "UPDATE orders SET status = 'failed'",
        'DELETE FROM outbox',
      ])
        await expect(session.query(sql)).rejects.toThrow(/permission denied/);
    } finally {
      await session.query('RESET ROLE').catch(() => undefined);
      await session.release();
    }
    const datasources = parse(
      readFileSync('deploy/grafana/provisioning/datasources/prometheus.yml', 'utf8'),
    ) as { datasources: { uid: string; user?: string }[] };
    expect(datasources.datasources.find((s) => s.uid === 'hamiltix-postgres')?.user).toBe('grafana_ro');
  });

  it('never shows buyer names or e-mail addresses', () => {
    const sql = Object.values(dashboards)
      .flatMap((d) => targetsOf(d).map(({ target }) => target.rawSql ?? ''))
      .join('\n');
    expect(sql).not.toMatch(/buyer_|access_token|select \*|\.\*/i);
  });
});
