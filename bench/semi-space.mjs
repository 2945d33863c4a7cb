// `npm run bench -- semi-space`: what the chart's 2 MiB semi-spaces (helm/hamiltix/values.yaml
// nodeOptions, issue 12) cost search-api in CPU, and save in memory. The broker sandbox,
// ingestion and ranking seed the sandbox's market at SANDBOX_SCALE (1) on a private database,
// Redis and NATS, then are paused (SIGSTOP); two search-api processes run side by side on it:
// A with V8's default young generation, B with the chart's flags (both with search-api's heap
// limit). BENCH_ROUNDS (5) rounds of BENCH_QUERIES (1,500) uncached listing queries, 8 at a time,
// to A and B in alternating order; prints each process's CPU time per round (/proc/<pid>/stat,
// so the machine's load moves it less than wall time), the median of the per-round ratios B/A,
// and each process's RSS afterwards.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from '@nats-io/transport-node';
import { log, sleep, load, rankingAnnouncements, refreshPull, rssMiB, stackEnv } from './_common.mjs';
import { chartCommonNodeOptions, chartNodeOptions, NODE_ARGS, RUNTIME_ENV } from '../scripts/runtime-env.mjs';

const dist = new URL('../dist/', import.meta.url);
const { createTestDatabase } = await import(new URL('libs/persistence/src/testing/index.js', dist));
const { startRedisServer, startNatsServer, freePort, waitForPort } = await import(
  new URL('libs/platform/src/testing/index.js', dist)
);

const SCALE = process.env.SANDBOX_SCALE ?? '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1500);
const SEED = ['broker-sandbox', 'ingestion', 'ranking'];

/** User + system CPU time of a process, ms (clock ticks of 10 ms). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const startLoad = load();
const [db, redis, nats] = await Promise.all([
  createTestDatabase('bench_semi_space'),
  startRedisServer(),
  startNatsServer(),
]);
const children = new Map();
let nc;
try {
  const heap = chartNodeOptions('search-api').split(' ')[0]; // --max-old-space-size=…
  const options = {
    ...Object.fromEntries(SEED.map((n) => [n, chartNodeOptions(n)])),
    A: heap,
    B: [heap, chartCommonNodeOptions()].join(' '),
  };
  const names = [...SEED, 'A', 'B'];
  const ports = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await freePort()])));
  const base = (n) => `http://127.0.0.1:${ports[n]}`;
  const env = {
    ...process.env,
    ...RUNTIME_ENV,
    ...stackEnv({ db, redis, nats, base, scale: SCALE }),
    LOG_LEVEL: 'warn',
  };
  for (const n of names) {
    const app = n === 'A' || n === 'B' ? 'search-api' : n;
    const child = spawn(process.execPath, [...NODE_ARGS, new URL(`apps/${app}/src/main.js`, dist).pathname], {
      env: { ...env, PORT: String(ports[n]), NODE_OPTIONS: options[n] },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.set(n, child);
  }
  await Promise.all(names.map((n) => waitForPort(ports[n], 180_000)));
  for (const n of names)
    for (const t0 = performance.now(); ; await sleep(200)) {
      const r = await fetch(`${base(n)}/health/ready`).catch(() => null);
      if (r?.status === 200) break;
      if (performance.now() - t0 > 180_000) throw new Error(`${n} not ready within 180 s`);
    }

  nc = await connect({ servers: nats.url });
  const rankings = rankingAnnouncements(nc);
  const t0 = performance.now();
  await refreshPull(base('ingestion'));
  await rankings.quiet(t0, { quietMs: 2_000, timeoutMs: 300_000 });
  // Both search-apis hold both scopes' snapshots before anything is measured.
  for (const n of ['A', 'B'])
    for (const t = performance.now(); performance.now() - t < 120_000; await sleep(300)) {
      await fetch(`${base(n)}/api/v1/listings?sort=deal`);
      const metrics = (await (await fetch(`${base(n)}/metrics`)).text()).split('\n');
      if (metrics.filter((l) => l.startsWith('hamiltix_search_snapshot_load_seconds_count')).length >= 2)
        break;
    }
  for (const n of SEED) children.get(n).kill('SIGSTOP');
  const [{ n: active }] = await db.dataSource.query(
    'SELECT count(*)::int AS n FROM listings WHERE removed_at IS NULL',
  );

  let k = 0;
  const round = async (n) => {
    const pid = children.get(n).pid;
    const cpu0 = cpuMs(pid);
    let i = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (i < QUERIES) {
          const j = i++;
          const sort = ['deal', 'price', 'quality', 'date'][j % 4];
          // A new maxPrice each time: never the response cache's answer.
          const maxPrice = 200 + ((k++ * 7) % 5000) / 10;
          const r = await fetch(
            `${base(n)}/api/v1/listings?sort=${sort}&quantity=${1 + (j % 3)}&maxPrice=${maxPrice}&limit=50`,
          );
          await r.arrayBuffer();
        }
      }),
    );
    return cpuMs(pid) - cpu0;
  };
  await round('A'); // warm-up
  await round('B');
  const cpu = { A: [], B: [] };
  for (let r = 0; r < ROUNDS; r++)
    for (const n of r % 2 ? ['B', 'A'] : ['A', 'B']) cpu[n].push(await round(n));

  log(
    `${active} active listings (SANDBOX_SCALE=${SCALE}); ${ROUNDS} rounds of ${QUERIES} uncached listing queries, 8 at a time`,
  );
  for (const n of ['A', 'B'])
    log(
      `${n} (NODE_OPTIONS ${options[n]}): CPU ms per round ${cpu[n].join(' ')} (median ${median(cpu[n])}); ` +
        `RSS afterwards ${rssMiB(children.get(n).pid).toFixed(0)} MiB`,
    );
  log(`CPU B/A: ${median(cpu.A.map((a, i) => cpu.B[i] / a)).toFixed(2)} (median of the per-round ratios)`);
  log(`load average at start ${startLoad}, at end ${load()} (2 cores)`);
} finally {
  await nc?.close();
  for (const c of children.values()) {
    c.kill('SIGCONT');
    c.kill('SIGTERM');
  }
  await Promise.all(
    [...children.values()].map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)))),
  );
  await Promise.all([db.drop(), redis.dispose(), nats.dispose()]);
}
