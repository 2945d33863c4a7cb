// `npm test` on a machine that lacks something the suite needs: it must stop at once, with one
// line per missing thing saying how to get it — not 25 identical browser stack traces.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function runNpmTest(env: Record<string, string>) {
  const started = performance.now();
  const result = spawnSync('npm', ['test', '--silent'], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { ...result, ms: performance.now() - started };
}

describe('npm test preflight', () => {
  it('without Chromium: fails in under 10 s with one line saying how to install it', () => {
    const r = runNpmTest({ CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(r.status).not.toBe(0);
    expect(r.ms).toBeLessThan(10_000);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('npm test: missing:'));
    expect(lines).toEqual([expect.stringMatching(/Chromium not found .*apt-get install -y chromium/)]);
  });

  it('without promtool: one line saying how to install it', () => {
    const r = runNpmTest({ PROMTOOL_BIN: '/nonexistent/promtool' });
    expect(r.status).not.toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('npm test: missing:'));
    expect(lines).toEqual([expect.stringMatching(/promtool not found .*apt-get install -y prometheus/)]);
  });

  it('without Postgres, redis-server or nats-server: one line each, with the command that fixes it', () => {
    const r = runNpmTest({
      TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:9/postgres',
      REDIS_SERVER_BIN: '/nonexistent/redis-server',
      NATS_SERVER_BIN: '/nonexistent/nats-server',
    });
    expect(r.status).not.toBe(0);
    expect(r.ms).toBeLessThan(10_000);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('npm test: missing:'));
    expect(lines).toEqual([
      expect.stringMatching(/Postgres does not answer .*pg_ctlcluster/),
      expect.stringMatching(/redis-server not found .*apt-get install -y redis-server/),
      expect.stringMatching(/nats-server \(with JetStream\) not found .*apt-get install -y nats-server/),
    ]);
  });
});
