import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { rankedPageProblems, unreadyDeployments } from '../../scripts/smoke.mjs';

// The CI/CD workflow (.github/workflows/ci-cd.yml): GitHub's own workflow schema through
// @action-validator/cli, then what the release process depends on: stage order, the manual gate on
// production, and production deploying exactly the image tag staging tested.
const FILE = '.github/workflows/ci-cd.yml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  id?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  environment?: string | { name: string; url?: string };
  outputs?: Record<string, string>;
  env?: Record<string, string>;
  services?: Record<string, { image: string }>;
  strategy?: { matrix: Record<string, unknown[]> };
  steps: Step[];
}
const workflow = parse(readFileSync(FILE, 'utf8')) as {
  on: Record<string, unknown>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
};
const jobs = workflow.jobs;
const needs = (job: string) => [jobs[job].needs ?? []].flat();
const runs = (job: string) => jobs[job].steps.map((s) => s.run ?? '').join('\n');
const indexOfRun = (job: string, pattern: RegExp) =>
  jobs[job].steps.findIndex((s) => pattern.test(s.run ?? ''));
const environment = (job: string) => {
  const e = jobs[job].environment;
  return typeof e === 'string' ? e : e?.name;
};

describe('CI/CD workflow', () => {
  it('passes the workflow linter (@action-validator/cli)', () => {
    const r = spawnSync('node_modules/.bin/action-validator', [FILE], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('runs the stages in order: test → images → staging → production', () => {
    expect(Object.keys(jobs)).toEqual(['test', 'images', 'deploy-staging', 'deploy-prod']);
    expect(needs('test')).toEqual([]);
    expect(needs('images')).toEqual(['test']);
    expect(needs('deploy-staging')).toEqual(['images']);
    expect(needs('deploy-prod')).toEqual(['deploy-staging']);
    expect(jobs.images.if).toMatch(/github\.event_name == 'push'/);
    expect(jobs.images.if).toMatch(/refs\/heads\/main/);
    expect(workflow.on).toHaveProperty('push.branches', ['main']);
  });

  it('checks everything npm test does, on Node 24, with Postgres, Redis and NATS JetStream', () => {
    expect(workflow.env.NODE_VERSION).toBe('24');
    const order = [
      /npm ci/,
      /npm run typecheck/,
      /npm run lint/,
      /npm run format:check/,
      /npm run cpd/,
      /npm run test:unit/,
    ];
    const at = order.map((p) => indexOfRun('test', p));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(Object.keys(jobs.test.services ?? {}).sort()).toEqual(['postgres', 'redis']);
    expect(runs('test')).toMatch(/docker run .*nats:[\w.-]+ -js/);
    expect(runs('test')).toMatch(/apt-get install .*prometheus/);
  });

  it('builds and pushes an image of every app, tagged with the commit', () => {
    const apps = readdirSync('apps').sort();
    expect([...(jobs.images.strategy?.matrix.app ?? [])].sort()).toEqual(apps);
    const build = jobs.images.steps.find((s) => s.uses?.startsWith('docker/build-push-action'));
    expect(build?.with?.push).toBe(true);
    expect(build?.with?.tags).toBe('${{ env.REGISTRY }}/${{ matrix.app }}:${{ github.sha }}');
  });

  it('deploys staging atomically with the commit tag, then smoke-tests it with a purchase', () => {
    expect(environment('deploy-staging')).toBe('staging');
    const deploy = indexOfRun('deploy-staging', /helm upgrade --install/);
    const smoke = indexOfRun('deploy-staging', /scripts\/smoke\.mjs/);
    expect(deploy).toBeGreaterThanOrEqual(0);
    expect(smoke).toBeGreaterThan(deploy);
    const helm = jobs['deploy-staging'].steps[deploy].run ?? '';
    expect(helm).toMatch(/--namespace hamiltix-staging/);
    expect(helm).toMatch(/values-staging\.yaml/);
    expect(helm).toMatch(/--atomic/);
    expect(helm).toMatch(/image\.tag="\$GITHUB_SHA"/);
    expect(helm).toMatch(/image-tag=\$GITHUB_SHA" >> "\$GITHUB_OUTPUT"/);
    expect(jobs['deploy-staging'].outputs?.['image-tag']).toBe('${{ steps.deploy.outputs.image-tag }}');
    expect(jobs['deploy-staging'].steps[deploy].id).toBe('deploy');
    expect(jobs['deploy-staging'].steps[smoke].run).not.toMatch(/--no-purchase/);
  });

  it('gates production behind the protected environment and deploys the tag staging tested', () => {
    expect(environment('deploy-prod')).toBe('production');
    expect(jobs['deploy-prod'].env?.IMAGE_TAG).toBe('${{ needs.deploy-staging.outputs.image-tag }}');
    const deploy = indexOfRun('deploy-prod', /helm upgrade --install/);
    const helm = jobs['deploy-prod'].steps[deploy].run ?? '';
    expect(helm).toMatch(/--namespace hamiltix-prod/);
    expect(helm).toMatch(/values-prod\.yaml/);
    expect(helm).toMatch(/--atomic/);
    expect(helm).toMatch(/image\.tag="\$IMAGE_TAG"/);
    expect(helm).not.toMatch(/GITHUB_SHA/);
    // Nothing is built for production: the images job is the only one that pushes.
    expect(jobs['deploy-prod'].steps.some((s) => s.uses?.startsWith('docker/'))).toBe(false);
  });

  it('smoke-tests production without a purchase and rolls back when that fails', () => {
    const smoke = jobs['deploy-prod'].steps.findIndex((s) => /scripts\/smoke\.mjs/.test(s.run ?? ''));
    const rollback = jobs['deploy-prod'].steps.findIndex((s) => /helm rollback/.test(s.run ?? ''));
    expect(jobs['deploy-prod'].steps[smoke].run).toMatch(/--no-purchase/);
    expect(rollback).toBeGreaterThan(smoke);
    expect(jobs['deploy-prod'].steps[rollback].if).toMatch(/failure\(\)/);
    expect(jobs['deploy-prod'].steps[rollback].run).toMatch(/--namespace hamiltix-prod/);
  });

  it('takes secrets only from the secret store', () => {
    const text = readFileSync(FILE, 'utf8');
    const secrets = [...text.matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]);
    expect(new Set(secrets)).toEqual(new Set(['GITHUB_TOKEN', 'KUBECONFIG_STAGING', 'KUBECONFIG_PROD']));
    // Values reach the shell through env, never pasted into a command line.
    for (const job of Object.values(jobs))
      for (const step of job.steps) expect(step.run ?? '').not.toMatch(/\$\{\{\s*secrets\./);
    expect(text).not.toMatch(/--set(-string)? secrets\./);
  });
});

describe('duplicate-code check', () => {
  it('runs in npm test with a pinned jscpd, data files and generated dashboards excluded', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.scripts.test).toMatch(/npm run cpd && npm run test:unit/);
    expect(pkg.scripts.cpd).toBe('jscpd --config .jscpd.json .');
    expect(pkg.devDependencies.jscpd).toMatch(/^\d+\.\d+\.\d+$/);
    const config = JSON.parse(readFileSync('.jscpd.json', 'utf8')) as { ignore: string[]; threshold: number };
    expect(config.ignore).toEqual(
      expect.arrayContaining(['deploy/grafana/dashboards/**', 'libs/venues/src/data/**']),
    );
    expect(config.threshold).toBeLessThan(1);
  });
});

describe('smoke test checks', () => {
  const item = (dealScore: number) => ({ dealScore, allInPrice: { amount: 12_300, currency: 'USD' } });

  it('accepts a page ranked best deal first and names what is wrong otherwise', () => {
    expect(rankedPageProblems({ items: [item(90), item(80), item(80)], nextCursor: null })).toEqual([]);
    expect(rankedPageProblems({ items: [], nextCursor: null })).toEqual(['no listings yet']);
    expect(rankedPageProblems({ items: [item(10), item(80)] })).toEqual([
      'item 1: not ranked (dealScore 80 after 10)',
    ]);
    expect(rankedPageProblems('<html>')).toEqual(['no items array']);
  });

  it('counts a Deployment ready only with all its replicas ready', () => {
    const d = (name: string, replicas: number, readyReplicas?: number) => ({
      metadata: { name },
      spec: { replicas },
      status: { readyReplicas },
    });
    expect(unreadyDeployments({ items: [d('a', 2, 2), d('b', 2, 1), d('c', 1)] })).toEqual([
      'b 1/2',
      'c 0/1',
    ]);
  });
});
