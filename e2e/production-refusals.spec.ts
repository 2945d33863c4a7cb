import { spawn, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The services as production would start them (built dist/, APP_ENV=production), with each
// unsafe setting of docs/architecture.md "Configuration": every one must stop the process
// before it listens, with exit code 1 and one stderr line naming the variable.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Production settings that pass, but for the variables each test makes unsafe. */
const SAFE = {
  APP_ENV: 'production',
  BROKER_BASE_URL: 'https://api.broker.example',
  BROKER_TOKEN: 'A'.repeat(32),
  BROKER_SECRET: 'S'.repeat(40),
  DATABASE_URL: 'postgres://hamiltix_app:pg-secret@127.0.0.1:1/hamiltix',
  REDIS_URL: 'redis://:redis-secret@127.0.0.1:1',
  NATS_URL: 'nats://hamiltix:nats-secret@127.0.0.1:1',
  RATE_LIMIT_PER_MINUTE: '120',
};

const UNSAFE = {
  DATABASE_URL: 'postgres://postgres:pg-secret@127.0.0.1:1/hamiltix',
  REDIS_URL: 'redis://127.0.0.1:1',
  NATS_URL: 'nats://127.0.0.1:1',
  RATE_LIMIT_PER_MINUTE: '0',
};

function run(service: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  // Only the variables given: nothing of the test runner's environment leaks in.
  const child = spawn(process.execPath, [`dist/apps/${service}/src/main.js`], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((done) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stderr });
    }),
  );
}

describe('production start-up refusals (service processes)', () => {
  beforeAll(() => {
    if (process.env.E2E_SKIP_BUILD) return;
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  }, 120_000);

  it.each(['search-api', 'checkout', 'ingestion', 'ranking'])(
    '%s exits 1 with one line per unsafe variable, naming it',
    async (service) => {
      const { code, stderr } = await run(service, { ...SAFE, ...UNSAFE });
      expect(code).toBe(1);
      const lines = stderr.split('\n');
      for (const name of Object.keys(UNSAFE)) {
        const named = lines.filter((l) => l.trim().startsWith(`- ${name}: production refuses`));
        expect({ name, named: named.length }).toEqual({ name, named: 1 });
      }
      for (const secret of ['pg-secret', 'redis-secret', 'nats-secret']) expect(stderr).not.toContain(secret);
    },
  );

  it.each(Object.entries(UNSAFE))('checkout refuses %s=%s on its own', async (name, value) => {
    const { code, stderr } = await run('checkout', { ...SAFE, [name]: value });
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^\\s+- ${name}: production refuses`, 'm'));
  });
});
