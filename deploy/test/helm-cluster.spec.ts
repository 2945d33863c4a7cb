import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ENVIRONMENTS, type Environment, type K8sObject, named, render } from './helm-render.js';

// What a cluster operator asks of the chart, on both environments' rendered objects: Kubernetes'
// own schemas, autoscaling, network isolation, least privilege and Node's heap inside its limit.
const rendered = Object.fromEntries(
  (Object.keys(ENVIRONMENTS) as Environment[]).map((env) => [env, render(env)]),
) as Record<Environment, K8sObject[]>;
const values = parse(readFileSync('helm/hamiltix/values.yaml', 'utf8')) as {
  nodeHeapPercent: number;
  nodeOptions: string;
  services: Record<string, { secretKeys: string[] }>;
};

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface Container {
  name: string;
  env?: EnvVar[];
  envFrom?: { secretRef?: unknown; configMapRef?: unknown }[];
  resources: { requests: { cpu: string; memory: string }; limits: { memory: string } };
}
const workloads = (objects: K8sObject[]) =>
  objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job');
const podSpec = (o: K8sObject) =>
  o.spec.template.spec as Record<string, unknown> & { containers: Container[] };
const envOf = (objects: K8sObject[], deployment: string) =>
  podSpec(named(objects, 'Deployment', `hamiltix-${deployment}`)).containers[0].env ?? [];

/** Mebibytes in a Kubernetes quantity written in Mi or Gi. */
const mib = (q: string) => (q.endsWith('Gi') ? Number(q.slice(0, -2)) * 1024 : Number(q.replace(/Mi$/, '')));
/** Millicores in a CPU quantity (`100m` or `1`). */
const millicores = (q: string) => (q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000);

describe.each(Object.keys(ENVIRONMENTS) as Environment[])('helm chart, %s', (env) => {
  const objects = rendered[env];

  it('renders only objects that validate against the Kubernetes schemas', async () => {
    for (const o of objects) {
      const group = o.apiVersion.includes('/') ? o.apiVersion : `v1`;
      const mod = (await import(`kubernetes-models/${group}/${o.kind}`)) as Record<
        string,
        new (data: unknown) => { validate(): void }
      >;
      const Model = mod[o.kind];
      expect(() => new Model(o).validate()).not.toThrow();
    }
    // The validator is live: a Deployment with a port of the wrong type fails it.
    const { Deployment } = await import('kubernetes-models/apps/v1/Deployment');
    const broken = structuredClone(named(objects, 'Deployment', 'hamiltix-checkout'));
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    expect(() => new Deployment(broken as never).validate()).toThrow(/containerPort/);
  });

  it('gives every pod no service-account token, the runtime seccomp profile and no privilege', () => {
    for (const w of workloads(objects)) {
      const pod = podSpec(w);
      expect([w.metadata.name, pod.automountServiceAccountToken]).toEqual([w.metadata.name, false]);
      expect([w.metadata.name, pod.securityContext]).toEqual([
        w.metadata.name,
        expect.objectContaining({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }),
      ]);
      for (const c of pod.containers)
        expect(c).toHaveProperty(
          'securityContext',
          expect.objectContaining({ allowPrivilegeEscalation: false }),
        );
    }
  });

  it("sets Node's heap limit from each container's memory limit", () => {
    for (const w of workloads(objects).filter((o) => o.metadata.name !== 'hamiltix-frontend')) {
      for (const c of podSpec(w).containers) {
        const heap = (c.env ?? []).find((e) => e.name === 'NODE_OPTIONS')?.value;
        const expected = Math.floor((mib(c.resources.limits.memory) * values.nodeHeapPercent) / 100);
        expect([w.metadata.name, heap?.split(' ')[0]]).toEqual([
          w.metadata.name,
          `--max-old-space-size=${expected}`,
        ]);
      }
    }
    const ranking = podSpec(named(objects, 'Deployment', 'hamiltix-ranking')).containers[0];
    expect(ranking.resources.limits.memory).toBe('640Mi');
    expect(ranking.env).toContainEqual({
      name: 'NODE_OPTIONS',
      value: `--max-old-space-size=480 ${values.nodeOptions}`,
    });
  });

  it('gives each Deployment only its own secrets, and the DDL-capable URL only to the migration Job', () => {
    for (const w of workloads(objects))
      for (const c of podSpec(w).containers) expect((c.envFrom ?? []).filter((e) => e.secretRef)).toEqual([]);
    const secretEnv = (name: string) =>
      envOf(objects, name)
        .filter((e) => e.valueFrom?.secretKeyRef)
        .map((e) => e.name);
    const search = secretEnv('search-api');
    expect(search).toEqual(expect.arrayContaining(['DATABASE_URL', 'SEARCH_CURSOR_KEY']));
    expect(search).not.toContain('BROKER_TOKEN');
    expect(search).not.toContain('BROKER_SECRET');
    expect(secretEnv('ranking')).not.toContain('BROKER_SECRET');
    expect(secretEnv('checkout')).toEqual(expect.arrayContaining(['BROKER_TOKEN', 'BROKER_SECRET']));
    for (const name of ['search-api', 'checkout', 'ingestion', 'ranking'])
      expect(envOf(objects, name).map((e) => e.valueFrom?.secretKeyRef?.key)).not.toContain(
        'MIGRATION_DATABASE_URL',
      );
    const job = objects.find((o) => o.kind === 'Job')!;
    expect(podSpec(job).containers[0].env).toContainEqual(
      expect.objectContaining({
        name: 'DATABASE_URL',
        valueFrom: { secretKeyRef: expect.objectContaining({ key: 'MIGRATION_DATABASE_URL' }) },
      }),
    );
  });

  it('denies by default and lets in only the ingress controller, Prometheus and named neighbours', () => {
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
    const deny = named(objects, 'NetworkPolicy', 'hamiltix-default-deny');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const namespaces = (p: K8sObject) =>
      (p.spec.ingress ?? []).flatMap(
        (rule: { from: { namespaceSelector?: { matchLabels: Record<string, string> } }[] }) =>
          rule.from.map(
            (peer) =>
              peer.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] ?? '(this namespace)',
          ),
      );
    for (const p of policies.filter((p) => p !== deny)) {
      expect(p.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      for (const ns of namespaces(p))
        expect(['ingress-nginx', 'monitoring', '(this namespace)']).toContain(ns);
    }
    for (const name of ['search-api', 'checkout', 'frontend'])
      expect(namespaces(named(objects, 'NetworkPolicy', `hamiltix-${name}`))).toContain('ingress-nginx');
    // /admin/* (ingestion) and /sandbox/* (broker sandbox): nothing outside the namespace but Prometheus.
    for (const name of ['ingestion', 'ranking'])
      expect(namespaces(named(objects, 'NetworkPolicy', `hamiltix-${name}`))).toEqual(['monitoring']);
    const monitoring = named(objects, 'NetworkPolicy', 'hamiltix-ingestion').spec.ingress[0].from[0];
    expect(monitoring.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'prometheus' } });
    if (env === 'staging')
      expect(namespaces(named(objects, 'NetworkPolicy', 'hamiltix-broker-sandbox'))).toEqual([
        'monitoring',
        '(this namespace)',
        '(this namespace)',
      ]);
  });

  it('lets out only DNS, Postgres, Redis, NATS, the broker, the payment provider and the alert webhook', () => {
    const ports = (name: string) =>
      named(objects, 'NetworkPolicy', `hamiltix-${name}`).spec.egress.map(
        (rule: { ports: { port: number; protocol: string }[] }) => rule.ports.map((p) => p.port).join('+'),
      );
    const broker = env === 'staging' ? '4010' : '443';
    expect(ports('search-api')).toEqual(['53+53', '5432', '6379', '4222', '443']);
    expect(ports('checkout')).toEqual(['53+53', '5432', '6379', '4222', broker, '443', '443']);
    expect(ports('ingestion')).toEqual(['53+53', '5432', '4222', broker, '443']);
    expect(ports('ranking')).toEqual(['53+53', '5432', '6379', '4222', '443']);
    expect(ports('frontend')).toEqual(['53+53']);
    expect(ports('migrate')).toEqual(['53+53', '5432']);
  });
});

describe('helm chart, per environment', () => {
  it('autoscales search-api, checkout and the website on CPU in production, from 2 replicas', () => {
    const hpas = rendered.production.filter((o) => o.kind === 'HorizontalPodAutoscaler');
    expect(hpas.map((h) => h.metadata.name).sort()).toEqual([
      'hamiltix-checkout',
      'hamiltix-frontend',
      'hamiltix-search-api',
    ]);
    for (const h of hpas) {
      expect(h.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(h.spec.metrics).toEqual([
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ]);
      expect(h.spec.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: h.metadata.name,
      });
      // The HPA owns the replica count; the Deployment leaves it out so upgrades do not reset it.
      expect(named(rendered.production, 'Deployment', h.metadata.name).spec.replicas).toBeUndefined();
      expect(named(rendered.production, 'PodDisruptionBudget', h.metadata.name).spec.minAvailable).toBe(1);
    }
    expect(rendered.staging.filter((o) => o.kind === 'HorizontalPodAutoscaler')).toEqual([]);
  });

  it('makes one Secret per Deployment with only its keys where the chart makes them (staging)', () => {
    const secrets = rendered.staging.filter((o) => o.kind === 'Secret');
    for (const [name, svc] of Object.entries(values.services)) {
      const secret = named(rendered.staging, 'Secret', `hamiltix-${name}`);
      expect(Object.keys(secret.stringData ?? {}).every((k) => svc.secretKeys.includes(k))).toBe(true);
    }
    const migrate = named(rendered.staging, 'Secret', 'hamiltix-migrate');
    expect(Object.keys(migrate.stringData ?? {})).toEqual(['MIGRATION_DATABASE_URL']);
    // Made before the migration Job runs (both are pre-install hooks; the Secret's weight is lower).
    expect(migrate.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(Number(migrate.metadata.annotations?.['helm.sh/hook-weight'])).toBeLessThan(0);
    expect(
      secrets.every(
        (s) => !Object.keys(s.stringData ?? {}).includes('MIGRATION_DATABASE_URL') || s === migrate,
      ),
    ).toBe(true);
    expect(rendered.production.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it('requests no more than one 2 vCPU / 4 GiB node for staging and production together', () => {
    const requests = (env: Environment) => {
      let cpu = 0;
      let memory = 0;
      for (const d of rendered[env].filter((o) => o.kind === 'Deployment')) {
        const hpa = rendered[env].find(
          (o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === d.metadata.name,
        );
        const replicas: number = hpa ? hpa.spec.minReplicas : d.spec.replicas;
        for (const c of podSpec(d).containers) {
          cpu += replicas * millicores(c.resources.requests.cpu);
          memory += replicas * mib(c.resources.requests.memory);
        }
      }
      return { cpu, memory };
    };
    const staging = requests('staging');
    const production = requests('production');
    // docs/operations.md "Resources" shows these sums.
    expect(staging).toEqual({ cpu: 520, memory: 1472 });
    expect(production).toEqual({ cpu: 640, memory: 1728 });
    expect(staging.cpu + production.cpu).toBeLessThanOrEqual(2000);
    expect(staging.memory + production.memory).toBeLessThanOrEqual(4096);
  });
});
