import { execFileSync, spawnSync } from 'node:child_process';
import { helm, renderText as render } from './helm-render.js';

// Renders the chart for both environments and checks what the contract depends on
// (helm-cluster.spec.ts: what a cluster operator asks of it).
const fails = (...args: string[]) =>
  spawnSync(helm, ['template', 'hamiltix', 'helm/hamiltix', ...args], { encoding: 'utf8' });

describe('helm chart', () => {
  it('lints strictly for staging and production', () => {
    for (const values of ['values-staging.yaml', 'values-prod.yaml']) {
      execFileSync(helm, ['lint', '--strict', 'helm/hamiltix', '-f', `helm/hamiltix/${values}`], {
        encoding: 'utf8',
      });
    }
  });

  it('staging runs the broker sandbox; production does not', () => {
    expect(render('-f', 'helm/hamiltix/values-staging.yaml', '-n', 'hamiltix-staging')).toContain(
      'name: hamiltix-broker-sandbox',
    );
    expect(render('-f', 'helm/hamiltix/values-prod.yaml', '-n', 'hamiltix-prod')).not.toContain(
      'hamiltix-broker-sandbox',
    );
  });

  it('routes /api/v1/orders to checkout, /api to search-api, the rest to the website', () => {
    const out = render('-f', 'helm/hamiltix/values-staging.yaml');
    const ingress = out.slice(out.indexOf('kind: Ingress'));
    const order = [
      '/api/v1/orders',
      'hamiltix-checkout',
      'path: /api',
      'hamiltix-search-api',
      'path: /',
      'hamiltix-frontend',
    ];
    let at = 0;
    for (const part of order) {
      const found = ingress.indexOf(part, at);
      expect(found).toBeGreaterThanOrEqual(at);
      at = found;
    }
  });

  it('probes health endpoints, runs migrations as a hook and sets the contract ports', () => {
    const out = render('-f', 'helm/hamiltix/values-staging.yaml');
    expect(out).toContain('path: /health/ready');
    expect(out).toContain('path: /health/live');
    expect(out).toContain('helm.sh/hook: pre-install,pre-upgrade');
    for (const port of ['3001', '3002', '3003', '3004', '4010'])
      expect(out).toContain(`containerPort: ${port}`);
  });

  it('refuses to render production with a sandbox broker or chart-made secrets', () => {
    const sandbox = fails(
      '-f',
      'helm/hamiltix/values-prod.yaml',
      '--set',
      'config.brokerBaseUrl=https://api.sandbox.ticketevolution.com',
    );
    expect(sandbox.status).not.toBe(0);
    expect(sandbox.stderr).toMatch(/sandbox broker URL/);
    const secrets = fails('-f', 'helm/hamiltix/values-prod.yaml', '--set', 'secrets.existingSecret=');
    expect(secrets.status).not.toBe(0);
    expect(secrets.stderr).toMatch(/existingSecret/);
  });

  it('trusts one proxy hop (the ingress) for the client address in every environment', () => {
    for (const values of ['values-staging.yaml', 'values-prod.yaml'])
      expect(render('-f', `helm/hamiltix/${values}`)).toContain('TRUSTED_PROXY_HOPS: "1"');
  });

  it('production pays with Stripe: the sandbox payment provider is refused, the keys reach checkout and the site', () => {
    const sandbox = fails('-f', 'helm/hamiltix/values-prod.yaml', '--set', 'config.paymentProvider=sandbox');
    expect(sandbox.status).not.toBe(0);
    expect(sandbox.stderr).toMatch(/sandbox payment provider.*PAYMENT_PROVIDER/);
    const prod = render('-f', 'helm/hamiltix/values-prod.yaml');
    expect(prod).toContain('PAYMENT_PROVIDER: "stripe"');
    expect(prod).toMatch(/STRIPE_PUBLISHABLE_KEY, value: "pk_live_/);
    // From the existing Secret, never a value in the chart.
    expect(prod).toContain(
      'secretKeyRef: { name: hamiltix-prod-secrets, key: STRIPE_SECRET_KEY, optional: true }',
    );
    expect(prod).not.toMatch(/STRIPE_SECRET_KEY: "/);
    const staging = render(
      '-f',
      'helm/hamiltix/values-staging.yaml',
      '--set',
      'secrets.values.STRIPE_SECRET_KEY=sk_test_abc,secrets.values.STRIPE_WEBHOOK_SECRET=whsec_abc',
    );
    expect(staging).toContain('PAYMENT_PROVIDER: "sandbox"');
    // Staging's broker sandbox keeps its sales across a redeploy, in its own database.
    expect(staging).toContain('SANDBOX_STORE: "postgres"');
    expect(staging).toContain(
      'SANDBOX_DATABASE_URL: "postgres://postgres@postgres:5432/hamiltix_broker_sandbox"',
    );
    expect(staging).toContain('STRIPE_SECRET_KEY: "sk_test_abc"');
    expect(staging).toContain('STRIPE_WEBHOOK_SECRET: "whsec_abc"');
    // The webhook reaches checkout through the ingress.
    expect(staging).toMatch(/path: \/api\/v1\/payments[\s\S]*?name: hamiltix-checkout/);
  });

  it("sets ingestion's changed-events pull and its broker budget, within the config's bounds", () => {
    const out = render('-f', 'helm/hamiltix/values-staging.yaml');
    expect(out).toContain('INGESTION_CHANGES_INTERVAL_SECONDS: "15"');
    expect(out).toContain('INGESTION_BROKER_BUDGET_PER_MINUTE: "2000"');
    const set = render(
      '--set',
      'config.ingestionChangesIntervalSeconds=0,config.ingestionBrokerBudgetPerMinute=600',
    );
    expect(set).toContain('INGESTION_CHANGES_INTERVAL_SECONDS: "0"');
    expect(set).toContain('INGESTION_BROKER_BUDGET_PER_MINUTE: "600"');
    // The same bounds as the service's config schema: refused at render, not at start-up.
    for (const bad of [
      'config.ingestionChangesIntervalSeconds=3601',
      'config.ingestionBrokerBudgetPerMinute=5',
    ])
      expect(fails('--set', bad).status).not.toBe(0);
  });

  it('rejects values that break the schema', () => {
    const bad = fails('--set', 'appEnv=prod');
    expect(bad.status).not.toBe(0);
    // A misspelt key of a service is an error, not a silently ignored setting.
    const typo = fails('--set', 'services.search-api.secretkeys[0]=DATABASE_URL');
    expect(typo.status).not.toBe(0);
    expect(typo.stderr).toMatch(/secretkeys/);
  });
});
