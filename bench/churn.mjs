// `npm run bench -- churn`: memory while inventory churns (issue 12). The whole pipeline as
// real processes — broker-sandbox (default inventory, SANDBOX_SCALE=1, clock frozen so only the
// bench moves it), ingestion, ranking, search-api and notifier — on a private Postgres database, Redis and
// NATS. After the first pull, BENCH_PULLS (10) times: the sandbox clock moves BENCH_ADVANCE_MINUTES
// (30), ingestion pulls (POST /admin/refresh), ranking ranks, search-api serves a few pages and
// details. Every process's RSS is sampled every 100 ms; the peaks print beside the chart's memory
// limits (helm/hamiltix/values.yaml) and the goal (256 MiB). Also the broker calls ingestion made
// (hamiltix_broker_requests_total). Runs from dist/ (the npm script builds first). Each service
// runs as deployed: the image's environment (scripts/runtime-env.mjs) and the NODE_OPTIONS the
// chart gives it (--max-old-space-size at nodeHeapPercent of its memory limit, then the chart's
// and its own nodeOptions) and the image's Node arguments; BENCH_BARE=1 runs them without any.
// SANDBOX_SCALE=10 runs ten times the inventory (with BENCH_SETTLE_SECONDS, default 120, raised:
// each pull waits that long at most for ranking to go quiet).
// MEMPROBE_SMAPS=ranking (comma-separated services): where their RSS lives at each pull's peak,
// by kind of mapping (bench/_smaps.mjs); with MEMPROBE_MALLOC=1 also glibc's figures and a split
// of the RSS (see below); MEMPROBE_TRACE=1 prints each new peak as it happens, with the time.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  deployedNote,
  log,
  sleep,
  load,
  rankingAnnouncements,
  refreshPull,
  rssKb,
  spawnService,
  stackEnv,
} from './_common.mjs';
import { connect } from '@nats-io/transport-node';
import { chartLimitMiB, chartNodeOptions } from '../scripts/runtime-env.mjs';
import { smapsByKind } from './_smaps.mjs';

const dist = new URL('../dist/', import.meta.url);
const { createTestDatabase } = await import(new URL('libs/persistence/src/testing/index.js', dist));
const { startRedisServer, startNatsServer, freePort, waitForPort } = await import(
  new URL('libs/platform/src/testing/index.js', dist)
);

const PULLS = Number(process.env.BENCH_PULLS ?? 10);
const ADVANCE_MINUTES = Number(process.env.BENCH_ADVANCE_MINUTES ?? 30);
const SCALE = process.env.SANDBOX_SCALE ?? '1';
const GOAL_MIB = 256;
/** How long a pull's rankings may take to settle (raise it at SANDBOX_SCALE=10). */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_SECONDS ?? 120) * 1000;
const SERVICES = ['broker-sandbox', 'ingestion', 'ranking', 'search-api', 'notifier'];
const mib = (kb) => (kb / 1024).toFixed(0);
/** MEMPROBE_SMAPS=ranking,…: where those services' RSS lives at each pull's peak (bench/_smaps.mjs). */
const SMAPS = (process.env.MEMPROBE_SMAPS ?? '').split(',').filter(Boolean);
/**
 * MEMPROBE_MALLOC=1 (with MEMPROBE_SMAPS): glibc's mallinfo2() at those services' peaks and
 * after each pull too, from bench/_mallocprobe.c (built with the host's cc, LD_PRELOADed), and
 * their RSS split into file-backed, glibc arenas and mmaps, V8's heap, resizable ArrayBuffers.
 */
const MALLOCPROBE_SO = process.env.MEMPROBE_MALLOC ? buildMallocProbe() : undefined;

function buildMallocProbe() {
  const so = join(mkdtempSync(join(tmpdir(), 'bench-mallocprobe-')), 'mallocprobe.so');
  const src = new URL('./_mallocprobe.c', import.meta.url).pathname;
  execFileSync('cc', ['-O2', '-shared', '-fPIC', '-o', so, src, '-lpthread']);
  return so;
}

const startLoad = load();
const [db, redis, nats] = await Promise.all([
  createTestDatabase('bench_churn'),
  startRedisServer(),
  startNatsServer(),
]);
const children = new Map();
const scratch = mkdtempSync(join(tmpdir(), 'bench-churn-'));
let nc;
let sampler;
try {
  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()])));
  const base = (s) => `http://127.0.0.1:${ports[s]}`;
  const env = {
    ...stackEnv({ db, redis, nats, base, scale: SCALE }),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  };
  // Each process reports its V8 heap after every pull (bench/_memprobe.mjs, on SIGUSR2).
  const probe = new URL('./_memprobe.mjs', import.meta.url).pathname;
  const probeFile = (name) => join(scratch, `${name}.json`);
  for (const name of SERVICES) {
    const child = spawnService(name, {
      env: {
        ...env,
        MEMPROBE_FILE: probeFile(name),
        MEMPROBE_PEAK: '1',
        ...(MALLOCPROBE_SO && SMAPS.includes(name)
          ? { LD_PRELOAD: MALLOCPROBE_SO, MALLOCPROBE_FILE: join(scratch, `${name}.malloc.json`) }
          : {}),
      },
      port: ports[name],
      preload: `--import=${probe}`,
      stdout: process.env.BENCH_LOG_LEVEL ? 'inherit' : 'ignore',
    });
    children.set(name, child);
  }
  const peaks = Object.fromEntries(SERVICES.map((s) => [s, 0]));
  const idle = {};
  let phase = 'start';
  const phasePeaks = { start: { ...peaks }, churn: { ...peaks } };
  /** Per service in SMAPS: the pull's peak RSS so far (kB) and its smaps by kind then. */
  const smapsPeak = Object.fromEntries(SMAPS.map((s) => [s, { kb: 0, kinds: undefined }]));
  sampler = setInterval(() => {
    for (const [name, child] of children) {
      const kb = rssKb(child.pid);
      phasePeaks[phase][name] = Math.max(phasePeaks[phase][name], kb);
      const sp = smapsPeak[name];
      if (sp && kb > sp.kb + 512) {
        const kinds = smapsByKind(child.pid);
        if (kinds) Object.assign(sp, { kb, kinds });
        if (process.env.MEMPROBE_TRACE && kinds)
          log(
            `TRACE ${new Date().toISOString()} ${name} rss ${mib(kb)}: anon ${mib(kinds['other anonymous (V8 heap, malloc mmaps)'] ?? 0)}`,
          );
      }
    }
  }, 100);

  await Promise.all(SERVICES.map((s) => waitForPort(ports[s], 180_000)));
  const ready = async (s) => {
    for (const t0 = performance.now(); performance.now() - t0 < 180_000; await sleep(200)) {
      const r = await fetch(`${base(s)}/health/ready`).catch(() => null);
      if (r?.status === 200) return;
    }
    throw new Error(`${s} not ready within 180 s`);
  };
  await Promise.all(SERVICES.map(ready));

  nc = await connect({ servers: nats.url });
  const rankings = rankingAnnouncements(nc);
  const refresh = () => refreshPull(base('ingestion'));
  /** Ranking announced a ranking after `since` and nothing more for a second; then search serves. */
  const settle = async (since) => {
    await rankings.quiet(since, { timeoutMs: SETTLE_MS });
    const page = await (await fetch(`${base('search-api')}/api/v1/listings?sort=price&limit=100`)).json();
    for (const sort of ['deal', 'quality', 'date'])
      await fetch(`${base('search-api')}/api/v1/listings?sort=${sort}&limit=50`);
    for (const item of (page.items ?? []).slice(0, 20))
      await fetch(`${base('search-api')}/api/v1/listings/${item.id}`);
    await fetch(`${base('search-api')}/api/v1/performances?show=hamilton`);
  };

  // The start-up pull (a second after start) loads the whole inventory; this refresh waits for it.
  const t0 = performance.now();
  const first = await refresh();
  await settle(t0);
  for (const s of SERVICES) idle[s] = rssKb(children.get(s).pid);
  const [{ n: active }] = await db.dataSource.query(
    'SELECT count(*)::int AS n FROM listings WHERE removed_at IS NULL',
  );
  log(
    `start-up pull: ${active} active listings over ${first.events} events; pipeline settled ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s after the first refresh was asked`,
  );

  phase = 'churn';
  const pulls = [];
  for (let k = 1; k <= PULLS; k++) {
    const r = await fetch(`${base('broker-sandbox')}/sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMinutes: ADVANCE_MINUTES }),
    });
    if (r.status >= 300) throw new Error(`sandbox clock answered ${r.status}`);
    const asked = performance.now();
    const s = await refresh();
    await settle(asked);
    pulls.push(s);
    const rss = SERVICES.map((n) => `${n} ${mib(rssKb(children.get(n).pid))}`).join(', ');
    for (const n of SERVICES) rmSync(probeFile(n), { force: true });
    if (MALLOCPROBE_SO) {
      for (const n of SMAPS) writeFileSync(join(scratch, `${n}.malloc.json.now`), '');
      await sleep(200);
    }
    const restSmaps = Object.fromEntries(SMAPS.map((n) => [n, smapsByKind(children.get(n).pid)]));
    for (const c of children.values()) c.kill('SIGUSR2');
    for (const t = performance.now(); performance.now() - t < 5_000; await sleep(100))
      if (SERVICES.every((n) => existsSync(probeFile(n)))) break;
    const heaps = SERVICES.map((n) => {
      try {
        const p = JSON.parse(readFileSync(probeFile(n), 'utf8'));
        return `${n} ${p.heap.used}/${p.heap.physical} (young ${p.spaces.new_space?.physical}, large ${p.spaces.large_object_space?.physical}), ext ${p.memoryUsage.external}`;
      } catch {
        return `${n} ?`;
      }
    }).join('; ');
    log(
      `pull ${k}: ${s.fetched} fetched, ${s.changed} changed, ${s.added} added, ${s.removed} removed ` +
        `in ${s.durationMs} ms; settled ${((performance.now() - asked) / 1000).toFixed(1)} s; RSS MiB: ${rss}`,
    );
    log(`  V8 heap MiB used/resident: ${heaps}`);
    const atPeak = SERVICES.map((n) => {
      try {
        const { peak: p } = JSON.parse(readFileSync(probeFile(n), 'utf8'));
        return `${n} rss ${p.rss}: heap ${p.heapUsed}/${p.heapTotal}, external ${p.external} (arrayBuffers ${p.arrayBuffers})`;
      } catch {
        return `${n} ?`;
      }
    }).join('; ');
    log(`  at the pull's RSS peak, MiB: ${atPeak}`);
    for (const n of SMAPS) {
      const sp = smapsPeak[n];
      const kinds = Object.entries(sp.kinds ?? {})
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${mib(v)}`)
        .join(', ');
      log(`  ${n} smaps at ${mib(sp.kb)} MiB, MiB: ${kinds}`);
      sp.lastKinds = sp.kinds;
      Object.assign(sp, { kb: 0, kinds: undefined });
      const mf = join(scratch, `${n}.malloc.json`);
      if (MALLOCPROBE_SO && existsSync(mf)) {
        const M = (b) => (b / 1048576).toFixed(1);
        const p = JSON.parse(readFileSync(probeFile(n), 'utf8'));
        // rss = file-backed + glibc arenas + glibc's own mmaps + V8's heap + resizable
        // ArrayBuffers (V8 maps them itself: external − arrayBuffers) + the rest.
        const attribute = (what, m, mu, kinds) => {
          const arenas =
            ((kinds?.['glibc main arena [heap]'] ?? 0) + (kinds?.['glibc thread arenas'] ?? 0)) * 1024;
          const heap = mu.heapTotal * 1048576;
          const resizable = (mu.external - mu.arrayBuffers) * 1048576;
          const rest = m.rss - m.fileRss - arenas - m.hblkhd - heap - resizable;
          log(
            `  ${n} ${what}, MiB: rss ${M(m.rss)} = file-backed ${M(m.fileRss)} + glibc arenas ${M(arenas)} ` +
              `(in use ${M(m.uordblks)} of ${M(m.arena)}) + glibc mmaps ${M(m.hblkhd)} (${m.hblks}) + V8 heap ${M(heap)} ` +
              `(used ${mu.heapUsed.toFixed(1)}) + resizable ArrayBuffers ${M(resizable)} + rest ${M(rest)}`,
          );
        };
        attribute('at its RSS peak', JSON.parse(readFileSync(mf, 'utf8')), p.peak, sp.lastKinds);
        if (existsSync(`${mf}.now.json`))
          attribute(
            'after the pull',
            JSON.parse(readFileSync(`${mf}.now.json`, 'utf8')),
            p.memoryUsage,
            restSmaps[n],
          );
        writeFileSync(`${mf}.reset`, '');
      }
    }
  }
  clearInterval(sampler);
  sampler = undefined;

  const metrics = await (await fetch(`${base('ingestion')}/metrics`)).text();
  const brokerCalls = metrics
    .split('\n')
    .filter((l) => l.startsWith('hamiltix_broker_requests_total{'))
    .reduce((n, l) => n + Number(l.split(' ').pop()), 0);

  log('');
  log(
    `RSS (MiB) at ${SCALE === '1' ? 'the default inventory' : `${SCALE}× the default inventory`} (SANDBOX_SCALE=${SCALE}), ${PULLS} pulls ${ADVANCE_MINUTES} simulated minutes apart` +
      ':',
  );
  log(
    '| service | peak at start + first pull | after first pull | peak while churning | chart limit | goal |',
  );
  log('| --- | --- | --- | --- | --- | --- |');
  for (const s of SERVICES) {
    const limit = chartLimitMiB(s);
    const peak = phasePeaks.churn[s] / 1024;
    log(
      `| ${s} | ${mib(phasePeaks.start[s])} | ${mib(idle[s])} | **${peak.toFixed(0)}**${peak > GOAL_MIB ? ' (over)' : ''} | ` +
        `${limit === undefined ? '?' : `${limit} Mi`} | ${GOAL_MIB} |`,
    );
  }
  log('');
  log(
    `${deployedNote()}` +
      (process.env.BENCH_BARE
        ? ''
        : `: ${SERVICES.map((s) => `${s}: ${chartNodeOptions(s) ?? 'none'}`).join('; ')}`),
  );
  log(`broker requests by ingestion over the run: ${brokerCalls} (${PULLS + 1} pulls)`);
  log(`load average at start ${startLoad}, at end ${load()} (2 cores)`);
} finally {
  if (sampler) clearInterval(sampler);
  await nc?.close();
  for (const c of children.values()) c.kill('SIGTERM');
  await Promise.all(
    [...children.values()].map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)))),
  );
  await Promise.all([db.drop(), redis.dispose(), nats.dispose()]);
  rmSync(scratch, { recursive: true, force: true });
}
