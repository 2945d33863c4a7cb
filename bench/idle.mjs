// `npm run bench -- idle`: each service's memory at rest (issue 12's goal: ≤ 150 MiB RSS), at the
// e2e suite's inventory (SANDBOX_SCALE=0.2, seed 42, a 21-day window), against two baselines
// measured in the same run: a bare Node process and the smallest Nest app on Fastify
// (bench/_bare-nest.mjs). The six services run as deployed — the image's environment and Node
// arguments (scripts/runtime-env.mjs) and the chart's NODE_OPTIONS — on a private database, Redis
// and NATS; the start-up pull is awaited, ranking ranks, search-api serves a few pages, then
// everything rests BENCH_IDLE_SECONDS (5, as the e2e "idle memory" step) and each process's VmRSS
// is read. Each process also reports where its memory is (bench/_memprobe.mjs): V8's heap (and its
// young generation), the node binary's resident pages, anonymous memory, glibc's [heap].
// BENCH_NODE_OPTIONS adds flags to every process (baselines too), to try one.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log, sleep, load, rankingAnnouncements, refreshPull, rssKb, stackEnv } from './_common.mjs';
import { connect } from '@nats-io/transport-node';
import { chartNodeOptions, NODE_ARGS, RUNTIME_ENV } from '../scripts/runtime-env.mjs';

const dist = new URL('../dist/', import.meta.url);
const { createTestDatabase } = await import(new URL('libs/persistence/src/testing/index.js', dist));
const { startRedisServer, startNatsServer, freePort, waitForPort } = await import(
  new URL('libs/platform/src/testing/index.js', dist)
);

const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 5);
const GOAL_MIB = 150;
const SERVICES = ['broker-sandbox', 'ingestion', 'ranking', 'search-api', 'checkout', 'notifier'];
const probe = new URL('./_memprobe.mjs', import.meta.url).pathname;
// BENCH_NODE_ARGS replaces the deployed Node arguments (e.g. BENCH_NODE_ARGS= : none), to try one.
const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? NODE_ARGS;
const scratch = mkdtempSync(join(tmpdir(), 'bench-idle-'));

const startLoad = load();
const [db, redis, nats] = await Promise.all([
  createTestDatabase('bench_idle'),
  startRedisServer(),
  startNatsServer(),
]);
const children = new Map();
let nc;
try {
  const names = ['bare node', 'bare nest', ...SERVICES];
  const ports = Object.fromEntries(await Promise.all(names.map(async (s) => [s, await freePort()])));
  const base = (s) => `http://127.0.0.1:${ports[s]}`;
  const env = {
    ...process.env,
    ...RUNTIME_ENV,
    ...stackEnv({ db, redis, nats, base, scale: '0.2' }),
    SANDBOX_SEED: '42',
    INGESTION_WINDOW_DAYS: '21',
    LOG_LEVEL: 'warn',
  };
  const optionsOf = (name) =>
    [SERVICES.includes(name) ? chartNodeOptions(name) : undefined, process.env.BENCH_NODE_OPTIONS]
      .filter(Boolean)
      .join(' ');
  const start = (name, script) => {
    const options = [`--import=${probe}`, optionsOf(name)].filter(Boolean).join(' ');
    const child = spawn(process.execPath, [...nodeArgs, ...script], {
      env: {
        ...env,
        PORT: String(ports[name]),
        NODE_OPTIONS: options,
        MEMPROBE_FILE: join(scratch, `${name}.json`),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.set(name, child);
  };
  start('bare node', ['-e', 'setInterval(() => {}, 1 << 30)']);
  start('bare nest', [new URL('./_bare-nest.mjs', import.meta.url).pathname]);
  // The sandbox first: ingestion's start-up pull would otherwise find no broker.
  start('broker-sandbox', [new URL('apps/broker-sandbox/src/main.js', dist).pathname]);
  await waitForPort(ports['broker-sandbox'], 60_000);
  for (const name of SERVICES.slice(1)) start(name, [new URL(`apps/${name}/src/main.js`, dist).pathname]);
  const ready = async (s) => {
    for (const t0 = performance.now(); performance.now() - t0 < 180_000; await sleep(200)) {
      const r = await fetch(`${base(s)}/health/ready`).catch(() => null);
      if (r?.status === 200) return;
    }
    throw new Error(`${s} not ready within 180 s`);
  };
  await Promise.all(['bare nest', ...SERVICES].map(ready));

  nc = await connect({ servers: nats.url });
  const rankings = rankingAnnouncements(nc);
  const t0 = performance.now();
  await refreshPull(base('ingestion'));
  // Ranking announced a ranking after the refresh and nothing more for a second.
  await rankings.quiet(t0);
  const page = await (await fetch(`${base('search-api')}/api/v1/listings?sort=price&limit=50`)).json();
  for (const sort of ['deal', 'quality', 'date'])
    await fetch(`${base('search-api')}/api/v1/listings?sort=${sort}&limit=20`);
  for (const item of (page.items ?? []).slice(0, 5))
    await fetch(`${base('search-api')}/api/v1/listings/${item.id}`);
  await fetch(`${base('search-api')}/api/v1/performances?show=hamilton`);
  await fetch(`${base('checkout')}/health/ready`);
  await fetch(`${base('notifier')}/health/ready`);
  const [{ n: active }] = await db.dataSource.query(
    'SELECT count(*)::int AS n FROM listings WHERE removed_at IS NULL',
  );

  await sleep(IDLE_SECONDS * 1000);
  const rss = Object.fromEntries(names.map((n) => [n, rssKb(children.get(n).pid) / 1024]));
  for (const c of children.values()) c.kill('SIGUSR2');
  // Until every probe has answered (a heap snapshot takes seconds).
  for (const t = performance.now(); performance.now() - t < 120_000; await sleep(250))
    if (names.every((n) => existsSync(join(scratch, `${n}.json`)))) break;
  if (process.env.MEMPROBE_HEAPSNAPSHOT) await sleep(30_000);
  const probes = Object.fromEntries(
    names.map((n) => {
      try {
        return [n, JSON.parse(readFileSync(join(scratch, `${n}.json`), 'utf8'))];
      } catch {
        return [n, undefined];
      }
    }),
  );

  log(
    `${active} active listings (SANDBOX_SCALE=0.2, seed 42, 21 days); idle ${IDLE_SECONDS} s after the start-up pull ranked`,
  );
  log('');
  log(
    '| process | RSS MiB | V8 heap (young) | heap used | external (buffers) | node binary | anonymous | malloc [heap] | threads |',
  );
  log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const n of names) {
    const p = probes[n];
    const r = rss[n];
    const over = SERVICES.includes(n) && r > GOAL_MIB ? ' (over)' : '';
    const cells = p
      ? [
          `${p.heap.physical} (${p.spaces.new_space?.physical ?? '?'})`,
          p.heap.used,
          `${p.memoryUsage.external} (${p.memoryUsage.arrayBuffers})`,
          p.mappings['node binary'] ?? 0,
          p.mappings.anonymous ?? 0,
          p.mappings['malloc [heap]'] ?? 0,
          p.threads,
        ]
      : Array(7).fill('?');
    log(`| ${n} | **${r.toFixed(0)}**${over} | ${cells.join(' | ')} |`);
  }
  log('');
  log(
    `goal ≤ ${GOAL_MIB} MiB per service. As deployed: ${Object.entries(RUNTIME_ENV)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}; node ${nodeArgs.join(' ') || '(no arguments)'}; NODE_OPTIONS: ` +
      SERVICES.map((s) => `${s}: ${optionsOf(s) || 'none'}`).join('; ') +
      `${process.env.BENCH_NODE_OPTIONS ? ` (BENCH_NODE_OPTIONS on every process)` : ''}; ${process.version}`,
  );
  log(`load average at start ${startLoad}, at end ${load()} (2 cores)`);
} finally {
  await nc?.close();
  for (const c of children.values()) c.kill('SIGTERM');
  await Promise.all(
    [...children.values()].map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)))),
  );
  await Promise.all([db.drop(), redis.dispose(), nats.dispose()]);
  if (!process.env.BENCH_IDLE_KEEP) rmSync(scratch, { recursive: true, force: true });
  else log(`probes kept in ${scratch}`);
}
