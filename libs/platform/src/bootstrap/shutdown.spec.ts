import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort, waitForPort } from '../testing/index.js';

// A real process, a real SIGTERM: in-flight requests finish, readiness and new work stop,
// and the process exits 0 within SHUTDOWN_TIMEOUT_MS.
const root = new URL('../../../../', import.meta.url).pathname;

function startApp(port: number, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['dist/libs/platform/src/testing/fixtures/slow-app.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, at: Date.now() })),
  );

describe('graceful shutdown', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(build.stderr);
  });

  it('drains an in-flight request on SIGTERM, then exits 0', async () => {
    const port = await freePort();
    const child = startApp(port, { SLOW_MS: '1500' });
    await waitForPort(port, 30_000);
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`);
    await new Promise((r) => setTimeout(r, 300));
    const exit = exited(child);
    const sent = Date.now();
    child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ done: true });
    const { code, at } = await exit;
    expect(code).toBe(0);
    expect(at - sent).toBeLessThan(5_000);
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  });

  it('exits anyway when draining takes longer than SHUTDOWN_TIMEOUT_MS', async () => {
    const port = await freePort();
    const child = startApp(port, { SLOW_MS: '20000', SHUTDOWN_TIMEOUT_MS: '500' });
    await waitForPort(port, 30_000);
    void fetch(`http://127.0.0.1:${port}/slow`).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    const exit = exited(child);
    const sent = Date.now();
    child.kill('SIGTERM');
    const { code, at } = await exit;
    expect(code).toBe(1);
    expect(at - sent).toBeLessThan(3_000);
  });

  it('stops at once with a message naming a bad variable', async () => {
    const started = Date.now();
    const r = spawnSync(process.execPath, ['dist/libs/platform/src/testing/fixtures/slow-app.js'], {
      cwd: root,
      env: { ...process.env, PORT: 'eighty', REDIS_URL: 'http://nope' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/PORT: expected a whole number/);
    expect(r.stderr).toMatch(/REDIS_URL: expected a redis URL/);
    // Under half a second on an idle machine (the check runs before Nest is even imported);
    // the bound leaves room for a loaded CI runner.
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
