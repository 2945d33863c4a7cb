import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitForPort } from './free-port.js';

export interface AppProcess {
  url: string;
  port: number;
  pid: number;
  /** The last few kB of its stderr (and stdout when `logs` is set), for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
  stop(): Promise<void>;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Variables of the test runner a child must not inherit (jest's NODE_OPTIONS, a developer's stores). */
const NOT_INHERITED =
  /^(NODE_OPTIONS|PORT|HOST|DATABASE_URL|REDIS_URL|NATS_URL|BROKER_|ALERT_WEBHOOK|SANDBOX_|INGESTION_|CLOCK_START_AT$)/;

/** Builds dist/ (`scripts/build.mjs`, incremental; every file appears whole). */
export function buildDist(): void {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}

/**
 * One app (apps/<name>) as its own process from the built dist/, as `npm start` and the e2e
 * stack run it, on a free port, with `env` (APP_ENV=development and LOG_LEVEL=warn unless
 * given). Resolves once the port answers (and `readyPath` answers 200 when given). Call
 * `buildDist()` first (once per test file).
 */
export async function startAppProcess(
  app: string,
  env: Record<string, string>,
  options: { readyPath?: string; timeoutMs?: number; logs?: boolean } = {},
): Promise<AppProcess> {
  const port = await freePort();
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !NOT_INHERITED.test(k)),
  ) as Record<string, string>;
  const child: ChildProcess = spawn(process.execPath, [`dist/apps/${app}/src/main.js`], {
    cwd: ROOT,
    env: { ...inherited, LOG_LEVEL: 'warn', APP_ENV: 'development', ...env, PORT: String(port) },
    stdio: ['ignore', options.logs ? 'pipe' : 'ignore', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-8000));
  child.stderr?.on('data', keep);
  child.stdout?.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForPort(port, timeoutMs);
    if (options.readyPath) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const r = await fetch(url + options.readyPath).catch(() => null);
        if (r?.status === 200) break;
        if (Date.now() > deadline) throw new Error(`${options.readyPath} answered ${r?.status ?? 'nothing'}`);
        await new Promise((res) => setTimeout(res, 100));
      }
    }
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`${app} did not start: ${(error as Error).message}\n${output}`, { cause: error });
  }
  return { url, port, pid: child.pid!, output: () => output, stop };
}
