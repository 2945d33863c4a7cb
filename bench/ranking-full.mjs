// `npm run bench -- ranking-full`: a full ranking of one show stored in Postgres (issue 12),
// the whole run as the service does it — read, fit, scores, docs, snapshot, listing_scores and
// performance stats written in one transaction — in a child process of its own with the
// chart's NODE_OPTIONS and runtime environment, for its duration and peak RSS (VmHWM).
// BENCH_LISTINGS (comma-separated, default 57800,185000: today's inventory and ten times it)
// listings of the synthetic inventory (libs/ranking fixtures; one venue) are stored on a
// private database; each size is ranked by the two-pass path (full-ranking.ts) and, unless
// BENCH_ONE_PASS=0, by the one-pass path it replaced (activeListings → rankShow → buildDocs →
// encodeRankedSnapshot → replaceScores) in the same run. BENCH_NODE picks the node binary,
// BENCH_NODE_OPTIONS replaces the chart's NODE_OPTIONS (e.g. a smaller heap, to find the live set).
// Runs from dist/ (the npm script builds first).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { log, load } from './_common.mjs';
import { chartNodeOptions, chartLimitMiB, RUNTIME_ENV } from '../scripts/runtime-env.mjs';

const dist = new URL('../dist/', import.meta.url);
const SHOW = 'hamilton';
const NOW = new Date('2026-09-01T16:00:00Z');

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else {
  await parent();
}

async function parent() {
  const { createTestDatabase } = await import(new URL('libs/persistence/src/testing/index.js', dist));
  const sizes = (process.env.BENCH_LISTINGS ?? '57800,185000').split(',').map(Number);
  const node = process.env.BENCH_NODE ?? process.execPath;
  const options = process.env.BENCH_NODE_OPTIONS ?? chartNodeOptions('ranking');
  const startLoad = load();
  const rows = [];
  for (const n of sizes) {
    const db = await createTestDatabase('bench_ranking_full');
    try {
      const t0 = performance.now();
      await seed(db.dataSource, n);
      log(`stored ${n} listings in ${((performance.now() - t0) / 1000).toFixed(1)} s (load ${load()})`);
      const paths = process.env.BENCH_ONE_PASS === '0' ? ['two-pass'] : ['two-pass', 'one-pass'];
      for (const path of paths) {
        const r = await run(node, options, db.url, path);
        rows.push({ n, path, ...r, load: load() });
        log(
          `${n} listings, ${path}: ${r.ok ? `${(r.ms / 1000).toFixed(1)} s (${r.stages})` : `FAILED: ${r.error}`}; ` +
            `peak RSS ${r.hwmMiB} MiB (load ${load()})`,
        );
      }
    } finally {
      if (process.env.BENCH_KEEP_DB) log(`kept ${db.url}`);
      else await db.drop();
    }
  }
  log('');
  log(
    `full ranking of one show, child process on ${node}, NODE_OPTIONS ${options}; chart limit ${chartLimitMiB('ranking')} Mi:`,
  );
  log('| listings | path | duration | peak RSS (VmHWM) | load after |');
  log('| --- | --- | --- | --- | --- |');
  for (const r of rows)
    log(
      `| ${r.n} | ${r.path} | ${r.ok ? `${(r.ms / 1000).toFixed(1)} s` : 'failed'} | ${r.hwmMiB} MiB | ${r.load} |`,
    );
  log(`load average at start ${startLoad}, at end ${load()} (2 cores)`);
}

function run(node, options, url, path) {
  return new Promise((resolve, reject) => {
    const p = spawn(node, [new URL(import.meta.url).pathname, '--child', url, path], {
      env: { ...process.env, ...RUNTIME_ENV, NODE_OPTIONS: options },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) => {
      const line = out.trim().split('\n').pop();
      try {
        resolve(JSON.parse(line));
      } catch {
        resolve({ ok: false, error: `exit ${code}: ${out.slice(-300)}`, hwmMiB: '?' });
      }
    });
  });
}

/** The synthetic inventory of `n` listings stored as ingestion would (10,000 rows per statement). */
async function seed(ds, n) {
  const { syntheticInventory } = await import(new URL('libs/ranking/src/index.js', dist));
  const { getVenue } = await import(new URL('libs/venues/src/index.js', dist));
  const venue = getVenue('richard-rodgers');
  await ds.query(`INSERT INTO shows (id, title, broker_performer_id) VALUES ($1, 'Hamilton', 1)`, [SHOW]);
  await ds.query(
    `INSERT INTO venues (id, broker_venue_id, name, city, time_zone) VALUES ($1, 10, $2, 'New York', $3)`,
    [venue.id, venue.name, venue.timeZone],
  );
  const listings = syntheticInventory({ listings: n, now: NOW, seed: 42, notedShare: 0.1 });
  const perfs = new Map(listings.map((l) => [l.performanceId, l.startsAtMs]));
  await ds.query(
    `INSERT INTO performances (id, show_id, venue_id, starts_at, name)
     SELECT t.id, $1, $2, t.at, 'Hamilton' FROM UNNEST($3::bigint[], $4::timestamptz[]) AS t(id, at)`,
    [SHOW, venue.id, [...perfs.keys()], [...perfs.values()].map((ms) => new Date(ms))],
  );
  for (let s = 0; s < n; s += 10_000) {
    const c = listings.slice(s, s + 10_000);
    await ds.query(
      `INSERT INTO listings (id, performance_id, show_id, venue_id, section, section_id, row, seats, quantity, splits,
                             retail_cents, wholesale_cents, fees_cents, all_in_cents, view_notes, content_hash,
                             first_seen_at, updated_at)
       SELECT t.id, t.pid, $1, $2, t.sec, t.sid, t.row, t.seats::int[], t.q, ARRAY[t.q], t.c, t.c, 0, t.c,
              t.notes::text[], 'h', $3, $3
         FROM UNNEST($4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[],
                     $11::int[], $12::text[]) AS t(id, pid, sec, sid, row, seats, q, c, notes)`,
      [
        SHOW,
        venue.id,
        NOW,
        c.map((l) => l.id),
        c.map((l) => l.performanceId),
        c.map((l) => l.section),
        c.map((l) => l.sectionId),
        c.map((l) => l.row),
        c.map((l) => `{${l.seats.join(',')}}`),
        c.map((l) => l.quantity),
        c.map((l) => l.allInCents),
        c.map((l) => `{${l.viewNotes.map((x) => JSON.stringify(x)).join(',')}}`),
      ],
    );
  }
}

/** One full ranking (as ShowRanker.rankAll, without Redis), printing one JSON line. */
async function child(url, path) {
  const { createDataSource } = await import(new URL('libs/persistence/src/index.js', dist));
  const { ShowListingsRepository } = await import(
    new URL('apps/ranking/src/ranking/show-listings.repository.js', dist)
  );
  const { buildDocs } = await import(new URL('apps/ranking/src/ranking/ranked-docs.js', dist));
  const { rankShow, toRankable } = await import(new URL('libs/ranking/src/index.js', dist));
  const { decodeRankedSnapshot, encodeRankedSnapshot } = await import(
    new URL('libs/contracts/src/index.js', dist)
  );
  const ds = createDataSource({ url, applicationName: 'bench-ranking-full', poolSize: 4 });
  await ds.initialize();
  const repo = new ShowListingsRepository(ds);
  // Each path writes every row afresh (an upsert of unchanged rows is cheaper).
  await ds.query('DELETE FROM listing_scores');
  await ds.query('DELETE FROM performance_listing_stats');
  const stages = [];
  // Highest heap (used, total) and ArrayBuffer figures seen, sampled between awaits.
  const top = { heapUsed: 0, heapTotal: 0, arrayBuffers: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    for (const k of Object.keys(top)) top[k] = Math.max(top[k], m[k]);
  };
  const sampler = setInterval(sample, 20);
  const t0 = performance.now();
  let last = t0;
  const mark = (s) => {
    sample();
    const now = performance.now();
    stages.push(`${s} ${((now - last) / 1000).toFixed(1)}`);
    last = now;
  };
  try {
    if (path === 'two-pass') {
      const full = await repo.rankFull(SHOW, NOW, NOW, mark);
      const columns = decodeRankedSnapshot(full.snapshot);
      await ds.transaction((m) => repo.replaceAllScores(m, SHOW, columns, full, NOW));
      mark('postgres');
    } else {
      const stored = await repo.activeListings(SHOW, NOW);
      mark('load');
      const result = rankShow(stored.listings.map(toRankable), NOW);
      const docs = buildDocs(SHOW, stored, result.ranked);
      mark('rank');
      encodeRankedSnapshot(docs);
      mark('snapshot');
      await ds.transaction((m) => repo.replaceScores(m, SHOW, result.ranked, NOW, docs));
      mark('postgres');
    }
    const ms = performance.now() - t0;
    const mib = (b) => (b / 1048576).toFixed(0);
    const memory = `heap used ${mib(top.heapUsed)} of ${mib(top.heapTotal)}, buffers ${mib(top.arrayBuffers)} MiB (highest sampled)`;
    process.stdout.write(
      JSON.stringify({ ok: true, ms, stages: `${stages.join(', ')}; ${memory}`, hwmMiB: hwm() }) + '\n',
    );
  } catch (error) {
    process.stdout.write(JSON.stringify({ ok: false, error: String(error.message), hwmMiB: hwm() }) + '\n');
  } finally {
    clearInterval(sampler);
    await ds.destroy();
  }
}

/** Peak resident set of this process, MiB (VmHWM). */
function hwm() {
  const m = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return m ? (Number(m[1]) / 1024).toFixed(0) : '?';
}
