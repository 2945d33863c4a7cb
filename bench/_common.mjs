// What several benchmarks share (run.mjs skips files starting with "_").
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chartNodeOptions, NODE_ARGS, RUNTIME_ENV } from '../scripts/runtime-env.mjs';

export const log = (...a) => console.log(...a);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The 1, 5 and 15 minute load averages, as printed beside every figure. */
export const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
/** The p-th percentile (0..100) of `xs` (nearest rank; `xs` is not changed). */
export const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/**
 * The variables of a whole stack run by a bench: private Postgres, Redis and NATS, the broker
 * sandbox at `base('broker-sandbox')` with its clock stopped, no rate limit, and ingestion
 * pulling only at start and when the bench asks.
 */
export const stackEnv = ({ db, redis, nats, base, scale }) => ({
  APP_ENV: 'development',
  DATABASE_URL: db.url,
  REDIS_URL: redis.url,
  NATS_URL: nats.url,
  BROKER_BASE_URL: base('broker-sandbox'),
  SANDBOX_SCALE: scale,
  SANDBOX_CLOCK_SPEED: '0',
  RATE_LIMIT_PER_MINUTE: '0',
  INGESTION_INTERVAL_SECONDS: '3600',
  INGESTION_CHANGES_INTERVAL_SECONDS: '0',
});

/**
 * The variables of search-api alone on a bench's Postgres, Redis and NATS: `rateLimit` per
 * minute (search.mjs and search-cpu.mjs run it on, as production must).
 */
export const searchEnv = ({ db, redis, nats, rateLimit }) => ({
  APP_ENV: 'development',
  DATABASE_URL: db.url,
  REDIS_URL: redis.url,
  NATS_URL: nats.url,
  RATE_LIMIT_PER_MINUTE: rateLimit,
  LOG_LEVEL: 'warn',
});

/** VmRSS of a process, kB (0 once it is gone). */
export function rssKb(pid) {
  try {
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** VmRSS of a process, MiB (0 once it is gone). */
export const rssMiB = (pid) => rssKb(pid) / 1024;

/**
 * Starts one of the project's services from dist/ as deployed (unless BENCH_BARE=1): the
 * image's environment (RUNTIME_ENV), its node arguments (NODE_ARGS) and the chart's
 * NODE_OPTIONS for it (heap limit from its memory limit, the flags every service gets), after
 * `preload` (e.g. `--import=<probe>`). `env` is the stack's variables; the caller's own
 * NODE_OPTIONS and PORT never leak in. `stdout`: 'ignore', 'inherit' or a file descriptor.
 */
export function spawnService(name, { env, port, stdout = 'ignore', preload, heap = true }) {
  const bare = Boolean(process.env.BENCH_BARE);
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(NODE_OPTIONS|PORT)$/.test(k)),
  );
  const options = [preload, bare ? undefined : chartNodeOptions(name, { heap })].filter(Boolean).join(' ');
  const script = new URL(`../dist/apps/${name}/src/main.js`, import.meta.url).pathname;
  return spawn(process.execPath, [...(bare ? [] : NODE_ARGS), script], {
    env: {
      ...inherited,
      ...(bare ? {} : RUNTIME_ENV),
      ...env,
      PORT: String(port),
      ...(options ? { NODE_OPTIONS: options } : {}),
    },
    stdio: ['ignore', stdout, 'inherit'],
  });
}

/** How the benches' services run (printed beside their figures). */
export const deployedNote = () =>
  process.env.BENCH_BARE
    ? 'bare node (BENCH_BARE=1)'
    : `as deployed: ${Object.entries(RUNTIME_ENV)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}; node ${NODE_ARGS.join(' ')}; NODE_OPTIONS as the chart's`;

/** Asks ingestion at `base` for a pull (POST /admin/refresh) and answers its summary. */
export async function refreshPull(base) {
  const r = await fetch(`${base}/admin/refresh`, { method: 'POST' });
  if (r.status !== 200) throw new Error(`refresh answered ${r.status}: ${await r.text()}`);
  return r.json();
}

/**
 * Ranking's announcements (rankings.updated) heard on the NATS connection `nc`.
 * `quiet(since)` resolves once one arrived after `since` (performance.now()) and nothing more
 * for `quietMs`, or after `timeoutMs` in any case.
 */
export function rankingAnnouncements(nc) {
  const heard = [];
  const sub = nc.subscribe('rankings.updated.v1.>');
  void (async () => {
    for await (const _m of sub) heard.push(performance.now());
  })();
  return {
    async quiet(since, { quietMs = 1_000, timeoutMs = 120_000 } = {}) {
      for (const t0 = performance.now(); performance.now() - t0 < timeoutMs; await sleep(100)) {
        const last = heard[heard.length - 1] ?? 0;
        if (last > since && performance.now() - last > quietMs) return;
      }
    },
  };
}
