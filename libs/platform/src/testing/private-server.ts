import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from './free-port.js';

/**
 * A private server process for one test file, on a free port, so a test can stop and
 * restart it to simulate a fault without touching the machine's shared servers.
 */
export interface PrivateServer {
  port: number;
  url: string;
  /** Stops the process (SIGKILL: an abrupt fault, as a crash would be). */
  stop(): Promise<void>;
  /** Starts it again on the same port (and, for NATS, the same JetStream store). */
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  dispose(): Promise<void>;
}

/**
 * The test's environment minus libfaketime, for the servers and browsers a test starts:
 * scripts/test-at-hours.mjs moves the machine's clock for the code under test, but
 * redis-server's allocator and Chromium recurse into libfaketime and die, and their own
 * clocks are not what those runs test.
 */
export function withoutFakeTime(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] =>
        e[1] !== undefined && e[0] !== 'LD_PRELOAD' && !e[0].startsWith('FAKETIME'),
    ),
  );
}

export interface PrivateServerOptions {
  /** More command-line flags, e.g. `['--user', 'u', '--pass', 'p']` for an authenticated NATS. */
  args?: string[];
}

function launcher(binary: string, args: (port: number, dir: string) => string[], scheme: string) {
  return async ({ args: extra = [] }: PrivateServerOptions = {}): Promise<PrivateServer> => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), `hamiltix-${scheme}-`));
    let child: ChildProcess | undefined;
    const start = async () => {
      if (child) return;
      child = spawn(binary, [...args(port, dir), ...extra], { stdio: 'ignore', env: withoutFakeTime() });
      child.once('exit', () => {
        child = undefined;
      });
      await waitForPort(port);
    };
    const stop = async () => {
      const c = child;
      if (!c) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGKILL');
      });
      child = undefined;
    };
    await start();
    return {
      port,
      url: `${scheme}://127.0.0.1:${port}`,
      start,
      stop,
      async dispose() {
        await stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

/** `nats-server -js` on a free port with its own JetStream store. */
export const startNatsServer = launcher(
  process.env.NATS_SERVER_BIN || 'nats-server',
  (port, dir) => ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir],
  'nats',
);

/** `redis-server` on a free port, keeping nothing on disk. */
export const startRedisServer = launcher(
  process.env.REDIS_SERVER_BIN || 'redis-server',
  (port, dir) => [
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ],
  'redis',
);
