import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

// No Docker engine runs here, so the compose file is checked as data: the services,
// ports, variables and health gates the contract (docs/architecture.md) depends on.
type Service = {
  build?: { args?: Record<string, string> };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: unknown;
};
const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;

describe('docker-compose.yml', () => {
  it('runs every service on its contract port', () => {
    const ports: Record<string, string> = {
      'search-api': '3001',
      checkout: '3002',
      ingestion: '3003',
      ranking: '3004',
      'broker-sandbox': '4010',
      gateway: '8080',
    };
    for (const [name, port] of Object.entries(ports)) {
      expect(services[name]?.ports).toContain(`127.0.0.1:${port}:${port}`);
    }
  });

  it('builds each Node service from the one Dockerfile with its APP', () => {
    for (const name of ['search-api', 'checkout', 'ingestion', 'ranking', 'broker-sandbox']) {
      expect(services[name].build?.args?.APP).toBe(name);
      expect(services[name].environment?.PORT).toBeDefined();
    }
  });

  it('points services at the containers, and waits for healthy servers and the migration', () => {
    const env = services['search-api'].environment!;
    expect(env.DATABASE_URL).toMatch(/@postgres:5432\/hamiltix$/);
    expect(env.REDIS_URL).toMatch(/^redis:\/\/:[^@]+@redis:6379$/);
    expect(env.NATS_URL).toMatch(/^nats:\/\/[^:@]+:[^@]+@nats:4222$/);
    expect(env.BROKER_BASE_URL).toBe('http://broker-sandbox:4010');
    const deps = services['search-api'].depends_on as Record<string, { condition: string }>;
    expect(deps.postgres.condition).toBe('service_healthy');
    expect(deps.nats.condition).toBe('service_healthy');
    expect(deps.migrate.condition).toBe('service_completed_successfully');
    for (const s of ['postgres', 'redis', 'nats']) expect(services[s].healthcheck).toBeDefined();
  });

  it("sets ingestion's changed-events pull and its broker budget", () => {
    const env = services.ingestion.environment!;
    expect(env.INGESTION_CHANGES_INTERVAL_SECONDS).toBe('15');
    expect(env.INGESTION_BROKER_BUDGET_PER_MINUTE).toBe('2000');
  });

  it('publishes every port on 127.0.0.1 only', () => {
    const published = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p) => [name, p]));
    expect(published.length).toBeGreaterThanOrEqual(11);
    for (const [name, port] of published)
      expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:\d+:\d+$/) });
  });

  it('Redis and NATS ask for passwords, and every service URL carries them', () => {
    const flag = (s: Service, f: string) => s.command?.[s.command.indexOf(f) + 1];
    const redisPassword = flag(services.redis, '--requirepass');
    const natsUser = flag(services.nats, '--user');
    const natsPassword = flag(services.nats, '--pass');
    for (const secret of [redisPassword, natsUser, natsPassword]) expect(secret).toMatch(/^\S{8,}$/);
    expect(services.redis.healthcheck).toMatchObject({ test: expect.arrayContaining([redisPassword]) });
    const users = Object.entries(services).filter(
      ([, s]) => s.environment?.REDIS_URL || s.environment?.NATS_URL,
    );
    expect(users.map(([name]) => name).sort()).toEqual(
      ['broker-sandbox', 'checkout', 'ingestion', 'notifier', 'ranking', 'search-api'].sort(),
    );
    for (const [, s] of users) {
      expect(new URL(s.environment!.REDIS_URL).password).toBe(redisPassword);
      const nats = new URL(s.environment!.NATS_URL);
      expect([nats.username, nats.password]).toEqual([natsUser, natsPassword]);
    }
  });

  it('trusts one proxy hop, the gateway, which appends the client to X-Forwarded-For', () => {
    for (const name of ['search-api', 'checkout'])
      expect(services[name].environment?.TRUSTED_PROXY_HOPS).toBe('1');
    const conf = readFileSync('deploy/compose/gateway.conf', 'utf8');
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
  });

  it('Grafana reads Postgres as a read-only role and is anonymous only in this development stack', () => {
    const grafana = services.grafana;
    expect(grafana.environment?.GF_AUTH_ANONYMOUS_ENABLED).toBe('true');
    expect(grafana.environment?.GF_AUTH_ANONYMOUS_ORG_ROLE).toBe('Viewer');
    for (const name of ['search-api', 'checkout', 'ingestion', 'ranking', 'broker-sandbox'])
      expect(services[name].environment?.APP_ENV).toBe('development');
    const role = services['grafana-db-role'];
    expect(role.command).toEqual(expect.arrayContaining(['/init/grafana-readonly.sql']));
    expect((role.depends_on as Record<string, { condition: string }>).migrate.condition).toBe(
      'service_completed_successfully',
    );
    expect((grafana.depends_on as Record<string, { condition: string }>)['grafana-db-role'].condition).toBe(
      'service_completed_successfully',
    );
    const datasources = parse(
      readFileSync('deploy/grafana/provisioning/datasources/prometheus.yml', 'utf8'),
    ) as {
      datasources: { uid: string; user?: string; secureJsonData?: { password?: string } }[];
    };
    const pg = datasources.datasources.find((d) => d.uid === 'hamiltix-postgres')!;
    expect(pg.user).toBe('grafana_ro');
    expect(readFileSync('deploy/compose/grafana-readonly.sql', 'utf8')).toContain(
      `PASSWORD '${pg.secureJsonData?.password}'`,
    );
  });

  it('routes like the ingress: every path of its rules goes to the same service', () => {
    const conf = readFileSync('deploy/compose/gateway.conf', 'utf8');
    const gateway = new Map(
      [...conf.matchAll(/location (\S+) \{ proxy_pass http:\/\/([a-z-]+):\d+; \}/g)].map((m) => [m[1], m[2]]),
    );
    const ingress = readFileSync('helm/hamiltix/templates/ingress.yaml', 'utf8');
    const paths = [...ingress.matchAll(/- path: (\S+)[\s\S]*?name: hamiltix-([a-z-]+)/g)];
    expect(paths.length).toBeGreaterThanOrEqual(4);
    for (const [, path, service] of paths) {
      const key = path === '/api' ? '/api/' : path;
      expect([key, gateway.get(key)]).toEqual([key, service]);
    }
  });
});
