import { buildDist, startAppProcess } from './app-process.js';

export interface BrokerSandboxProcess {
  url: string;
  port: number;
  /** JSON to a /sandbox/* endpoint (the unsigned operator API); throws on a 4xx/5xx. */
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/**
 * The broker sandbox (apps/broker-sandbox) as its own process, built first
 * (`scripts/build.mjs`, incremental) and started from dist/ on a free port. Tests of other
 * apps and libs use it this way, never by importing its source: apps never import apps,
 * and a separate process speaking signed HTTP is what they talk to in real life.
 * `env` is the sandbox's own configuration (`SANDBOX_SCALE`, `SANDBOX_CLOCK_SPEED`…).
 */
export async function startBrokerSandbox(env: Record<string, string> = {}): Promise<BrokerSandboxProcess> {
  buildDist();
  const proc = await startAppProcess('broker-sandbox', env);
  const { url, port } = proc;
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
    stop: proc.stop,
  };
}
