// The whole Hamiltix stack for an end-to-end test: the six services (built dist/) and
// the website dev server as child processes on free ports, against a private, migrated
// database, a private redis-server and a private nats-server — never the contract ports
// (3001-3005, 4010, 8080), where a developer may be running `npm start`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startNatsServer, startRedisServer, type PrivateServer } from '@hamiltix/platform/testing';
import { createTestDatabase, type TestDatabase } from '@hamiltix/persistence/testing';
import { chartNodeOptions, NODE_ARGS, RUNTIME_ENV } from '../../scripts/runtime-env.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export type ServiceName =
  'broker-sandbox' | 'ingestion' | 'ranking' | 'search-api' | 'checkout' | 'notifier' | 'frontend';

interface ServiceSpec {
  name: ServiceName;
  script: string;
  /** Readiness path: the platform's for the Nest services, the dev server's liveness for the site. */
  ready: string;
}

const SERVICES: ServiceSpec[] = [
  { name: 'broker-sandbox', script: 'dist/apps/broker-sandbox/src/main.js', ready: '/health/ready' },
  { name: 'ingestion', script: 'dist/apps/ingestion/src/main.js', ready: '/health/ready' },
  { name: 'ranking', script: 'dist/apps/ranking/src/main.js', ready: '/health/ready' },
  { name: 'search-api', script: 'dist/apps/search-api/src/main.js', ready: '/health/ready' },
  { name: 'checkout', script: 'dist/apps/checkout/src/main.js', ready: '/health/ready' },
  { name: 'notifier', script: 'dist/apps/notifier/src/main.js', ready: '/health/ready' },
  { name: 'frontend', script: 'apps/frontend/dev-server.mjs', ready: '/health/live' },
];

/** Every Nest service (the dev server has no /metrics nor /health/ready). */
export const NEST_SERVICES: ServiceName[] = [
  'broker-sandbox',
  'ingestion',
  'ranking',
  'search-api',
  'checkout',
  'notifier',
];

export interface StackOptions {
  /** Where services push alerts (Pushover form). */
  alertWebhookUrl?: string;
  /** Extra variables for every service. */
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /** SHUTDOWN_TIMEOUT_MS given to the services; stop() allows this plus a margin. */
  shutdownTimeoutMs?: number;
  /** The broker sandbox keeps its changes in Postgres (its own schema in the stack's database). */
  sandboxStore?: 'postgres';
}

export interface ExitResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** How long from SIGTERM to exit, ms. */
  ms: number;
}

interface Running {
  spec: ServiceSpec;
  env: Record<string, string>;
  port: number;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exit?: { code: number | null; signal: NodeJS.Signals | null };
}

const MAX_LOG_LINES = 3000;

export class Stack {
  /** Milliseconds from the first spawn to every service ready. */
  startupMs = 0;
  private readonly running = new Map<ServiceName, Running>();
  private readonly logLines: string[] = [];

  private constructor(
    readonly db: TestDatabase,
    readonly redis: PrivateServer,
    readonly nats: PrivateServer,
    private readonly options: StackOptions,
  ) {}

  /** Builds dist/ (incremental), then starts the servers and every service, and waits until all are ready. */
  static async start(options: StackOptions = {}): Promise<Stack> {
    if (!process.env.E2E_SKIP_BUILD) {
      const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
    }
    const [db, redis, nats] = await Promise.all([
      createTestDatabase('e2e'),
      startRedisServer(),
      startNatsServer(),
    ]);
    const stack = new Stack(db, redis, nats, options);
    try {
      await stack.launch();
    } catch (err) {
      await stack.dispose();
      throw new Error(`${(err as Error).message}\n--- service logs ---\n${stack.logs()}`, { cause: err });
    }
    return stack;
  }

  url(name: ServiceName): string {
    const r = this.running.get(name);
    if (!r) throw new Error(`${name} is not running`);
    return `http://127.0.0.1:${r.port}`;
  }

  pid(name: ServiceName): number {
    const pid = this.running.get(name)?.child.pid;
    if (pid === undefined) throw new Error(`${name} has no pid`);
    return pid;
  }

  /** Resident memory of a service's process, kB (VmRSS of /proc/<pid>/status). */
  rssKb(name: ServiceName): number {
    const status = readFileSync(`/proc/${this.pid(name)}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (!match) throw new Error(`no VmRSS for ${name}`);
    return Number(match[1]);
  }

  /** The collected output of every service (or one), newest last. */
  logs(name?: ServiceName): string {
    const lines = name ? this.logLines.filter((l) => l.startsWith(`${name} | `)) : this.logLines;
    return lines.join('\n');
  }

  /** Services that have exited although nobody stopped them. */
  crashed(): string[] {
    return [...this.running.values()]
      .filter((r) => r.exit)
      .map((r) => `${r.spec.name} (${r.exit?.signal ?? r.exit?.code})`);
  }

  /**
   * SIGTERM to every service at once (as Ctrl-C on `npm start` does) and waits for each
   * to exit, at most the shutdown timeout plus a margin; a straggler is then SIGKILLed
   * and reported with signal SIGKILL.
   */
  async stop(): Promise<Record<ServiceName, ExitResult>> {
    const allowMs = (this.options.shutdownTimeoutMs ?? 10_000) + 3_000;
    const results = await Promise.all(
      [...this.running.values()].map(async (r) => {
        const sent = Date.now();
        if (!r.exit) r.child.kill('SIGTERM');
        const timer = setTimeout(() => r.child.kill('SIGKILL'), allowMs);
        const exit = await r.exited;
        clearTimeout(timer);
        return [r.spec.name, { ...exit, ms: Date.now() - sent }] as const;
      }),
    );
    return Object.fromEntries(results) as Record<ServiceName, ExitResult>;
  }

  /** SIGTERM to one service, then the same service again on the same port and environment. */
  async restart(name: ServiceName): Promise<void> {
    const r = this.running.get(name);
    if (!r) throw new Error(`${name} is not running`);
    if (!r.exit) r.child.kill('SIGTERM');
    await r.exited;
    this.spawn(r.spec, r.port, r.env);
    await this.waitReady(r.spec);
  }

  /** Kills whatever still runs, stops the private servers and drops the database. */
  async dispose(): Promise<void> {
    for (const r of this.running.values()) if (!r.exit) r.child.kill('SIGKILL');
    await Promise.all([...this.running.values()].map((r) => r.exited));
    await Promise.allSettled([this.redis.dispose(), this.nats.dispose(), this.db.drop()]);
  }

  private async launch(): Promise<void> {
    const ports = new Map<ServiceName, number>();
    for (const spec of SERVICES) {
      let port = await freePort();
      while ([...ports.values()].includes(port)) port = await freePort();
      ports.set(spec.name, port);
    }
    const at = (name: ServiceName) => `http://127.0.0.1:${ports.get(name)}`;
    const base: Record<string, string> = {
      ...RUNTIME_ENV,
      APP_ENV: 'development',
      LOG_LEVEL: 'info',
      DATABASE_URL: this.db.url,
      REDIS_URL: this.redis.url,
      NATS_URL: this.nats.url,
      BROKER_BASE_URL: at('broker-sandbox'),
      SITE_ORIGIN: at('frontend'),
      SEARCH_API_URL: at('search-api'),
      CHECKOUT_URL: at('checkout'),
      NOTIFIER_URL: at('notifier'),
      RATE_LIMIT_PER_MINUTE: '0',
      SHUTDOWN_TIMEOUT_MS: String(this.options.shutdownTimeoutMs ?? 10_000),
      FORCE_COLOR: '0',
      ...(this.options.alertWebhookUrl ? { ALERT_WEBHOOK_URL: this.options.alertWebhookUrl } : {}),
      ...(this.options.sandboxStore ? { SANDBOX_STORE: 'postgres', SANDBOX_DATABASE_URL: this.db.url } : {}),
      ...this.options.env,
    };
    // One anchor for the whole stack: every process's clock reads CLOCK_START_AT at the same
    // system instant, so they agree whenever each boots.
    if (base.CLOCK_START_AT && !base.CLOCK_START_AT.includes('@')) base.CLOCK_START_AT += `@${Date.now()}`;
    // The parent's environment minus anything that would point a child elsewhere (jest's
    // NODE_OPTIONS, a developer's PORT or DATABASE_URL...).
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) =>
          !/^(NODE_OPTIONS|PORT|HOST|DATABASE_URL|REDIS_URL|NATS_URL|BROKER_|ALERT_WEBHOOK|SANDBOX_|INGESTION_|FEE_|SHOWS$|SMTP_URL|MAIL_FROM)/.test(
            k,
          ),
      ),
    ) as Record<string, string>;

    const started = Date.now();
    // The sandbox first: ingestion pulls a second after it starts and would otherwise
    // find no broker (then wait a whole interval for the next pull).
    const [sandbox, ...rest] = SERVICES;
    this.spawn(sandbox, ports.get(sandbox.name)!, { ...inherited, ...base });
    await this.waitReady(sandbox);
    for (const spec of rest) this.spawn(spec, ports.get(spec.name)!, { ...inherited, ...base });
    await Promise.all(rest.map((spec) => this.waitReady(spec)));
    this.startupMs = Date.now() - started;
  }

  private spawn(spec: ServiceSpec, port: number, env: Record<string, string>): void {
    const child = spawn(process.execPath, [...NODE_ARGS, spec.script], {
      cwd: root,
      // The service's own Node flags from the chart (ranking's young-generation cap), as deployed.
      env: { ...env, PORT: String(port), ...nodeOptionsOf(spec.name) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const running: Running = {
      spec,
      env,
      port,
      child,
      exited: new Promise((res) =>
        child.once('exit', (code, signal) => {
          running.exit = { code, signal };
          this.push(spec.name, `[exited ${signal ?? code}]`);
          res({ code, signal });
        }),
      ),
    };
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.setEncoding('utf8');
      let buffer = '';
      stream.on('data', (chunk: string) => {
        buffer += chunk;
        let i: number;
        while ((i = buffer.indexOf('\n')) >= 0) {
          this.push(spec.name, buffer.slice(0, i));
          buffer = buffer.slice(i + 1);
        }
      });
    }
    this.running.set(spec.name, running);
  }

  private push(name: ServiceName, line: string): void {
    this.logLines.push(`${name} | ${line}`);
    if (this.logLines.length > MAX_LOG_LINES * 2)
      this.logLines.splice(0, this.logLines.length - MAX_LOG_LINES);
  }

  private async waitReady(spec: ServiceSpec): Promise<void> {
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 60_000);
    const r = this.running.get(spec.name)!;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (r.exit)
        throw new Error(`${spec.name} exited (${r.exit.signal ?? r.exit.code}) before it was ready`);
      try {
        const res = await fetch(`http://127.0.0.1:${r.port}${spec.ready}`, {
          signal: AbortSignal.timeout(2_000),
        });
        if (res.ok) return;
        last = `${res.status} ${await res.text()}`;
      } catch (err) {
        last = (err as Error).message;
      }
      await new Promise((res) => setTimeout(res, 200));
    }
    throw new Error(`${spec.name} not ready on ${spec.ready} in time (last: ${last})`);
  }
}

/** NODE_OPTIONS with the chart's flags for a service ({} when it has none). */
function nodeOptionsOf(name: string): { NODE_OPTIONS?: string } {
  const options = chartNodeOptions(name, { heap: false });
  return options ? { NODE_OPTIONS: options } : {};
}
