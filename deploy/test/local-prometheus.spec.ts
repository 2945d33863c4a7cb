import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { APPS } from '../../scripts/apps.mjs';
import { findPrometheus, prometheusConfig, startPrometheus } from '../../scripts/prometheus-local.mjs';

// `npm start`'s Prometheus (scripts/prometheus-local.mjs): a config promtool accepts, scraping every
// service and loading the alert rules; a clear skip when Prometheus is not installed.
const PROMTOOL = process.env.PROMTOOL_BIN || 'promtool';

describe('local Prometheus for npm start', () => {
  it('scrapes every service (not the website) and loads the alert rules; promtool accepts it', () => {
    const root = resolve('.');
    const config = prometheusConfig({ root, apps: APPS });
    for (const app of APPS.filter((a) => !a.health)) expect(config).toContain(`'127.0.0.1:${app.port}'`);
    expect(config).not.toContain(':8080');
    expect(config).toContain('job_name: hamiltix');
    const dir = mkdtempSync(join(tmpdir(), 'hamiltix-prometheus-'));
    try {
      writeFileSync(join(dir, 'prometheus.yml'), config);
      const r = spawnSync(PROMTOOL, ['check', 'config', join(dir, 'prometheus.yml')], { encoding: 'utf8' });
      expect(r.stdout + r.stderr).toMatch(/SUCCESS: 1 rule files found/);
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skips with a note naming the package when Prometheus is not installed', () => {
    expect(findPrometheus({ PROMETHEUS_BIN: '/nonexistent/prometheus' })).toBeUndefined();
    expect(findPrometheus({ PATH: '/nonexistent' })).toBeUndefined();
    const r = startPrometheus({ root: resolve('.'), apps: APPS, env: { PATH: '/nonexistent' } });
    expect(r.child).toBeUndefined();
    expect(r.skipped).toMatch(/apt-get install -y prometheus/);
  });
});
