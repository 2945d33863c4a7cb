import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

// No Docker engine runs here, so the compose file is checked as data: the services,
// ports, variables and health gates the contract (docs/architecture.md) depends on.
type Service = {
  build?: { args?: Record<string, string> };
  image?: string;
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
      expect(services[name]?.ports).toContain(`${port}:${port}`);
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
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    expect(env.NATS_URL).toBe('nats://nats:4222');
    expect(env.BROKER_BASE_URL).toBe('http://broker-sandbox:4010');
    const deps = services['search-api'].depends_on as Record<string, { condition: string }>;
    expect(deps.postgres.condition).toBe('service_healthy');
    expect(deps.nats.condition).toBe('service_healthy');
    expect(deps.migrate.condition).toBe('service_completed_successfully');
    for (const s of ['postgres', 'redis', 'nats']) expect(services[s].healthcheck).toBeDefined();
  });

  it('routes like the ingress', () => {
    const conf = readFileSync('deploy/compose/gateway.conf', 'utf8');
    expect(conf).toMatch(/location \/api\/v1\/orders \{ proxy_pass http:\/\/checkout:3002; \}/);
    expect(conf).toMatch(/location \/api\/ \{ proxy_pass http:\/\/search-api:3001; \}/);
  });
});
