import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitForPort } from './free-port.js';

export interface BrokerSandboxProcess {
  url: string;
  port: number;
  /** JSON to a /sandbox/* endpoint (the unsigned operator API); throws on a 4xx/5xx. */
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * The broker sandbox (apps/broker-sandbox) as its own process, built first
 * (`scripts/build.mjs`, incremental) and started from dist/ on a free port. Tests of other
 * apps and libs use it this way, never by importing its source: apps never import apps,
 * and a separate process speaking signed HTTP is what they talk to in real life.
 * `env` is the sandbox's own configuration (`SANDBOX_SCALE`, `SANDBOX_CLOCK_SPEED`…).
 */
export async function startBrokerSandbox(env: Record<string, string> = {}): Promise<BrokerSandboxProcess> {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['dist/apps/broker-sandbox/src/main.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', APP_ENV: 'development', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  try {
    await waitForPort(port, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`sandbox did not start: ${(error as Error).message}\n${stderr}`, { cause: error });
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    async admin<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(url + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`sandbox ${method} ${path}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
