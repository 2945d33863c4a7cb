// Freshness (issues 4, 5 and 12): on a running pair — apps/ranking and apps/search-api as two
// real processes on a private Postgres database, Redis and NATS — from the end of an
// ingestion-like pull (a listing's price updated in Postgres + inventory.changed acked by
// JetStream) to the new price visible through GET /api/v1/listings/:id AND the first page
// of GET /api/v1/listings?show=hamilton&sort=price. Default inventory: 57,000 listings over
// 830 performances (the sandbox's default size; BENCH_LISTINGS, BENCH_PERFORMANCES_PER_VENUE).
// Two modes in the same run, BENCH_CHANGES (10) and BENCH_FULL_CHANGES (3) changes: "incremental" (the message names
// the changed performance, as ingestion's do: ranking re-scores it against the held fit) and,
// as the baseline, "full" (the message names no performance: ranking reloads and refits the
// whole show, what every message did before issue 12). Prints p50/p95 per mode and ranking's
// RSS peak (sampled every 100 ms). Each pull waits for the previous ranking to finish (pulls
// are tens of seconds apart); the ranking log line (BENCH_LOG_LEVEL=info) shows each stage.
// Run: node scripts/build.mjs && node bench/freshness.mjs
import { deployedNote, log, sleep, load, pct, rssMiB, spawnService } from './_common.mjs';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';

const dist = new URL('../dist/', import.meta.url);
const { createTestDatabase } = await import(new URL('libs/persistence/src/testing/index.js', dist));
const { startRedisServer, startNatsServer, freePort } = await import(
  new URL('libs/platform/src/testing/index.js', dist)
);
const fixture = await import(new URL('apps/search-api/src/testing/ranked-fixture.js', dist));
const { allInPrice } = await import(new URL('libs/domain/src/index.js', dist));

const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 57_000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 10);
/** Changes measured with full rankings (the baseline: each takes the whole pipeline). */
const FULL_CHANGES = Number(process.env.BENCH_FULL_CHANGES ?? 3);
const PERFORMANCES_PER_VENUE = Number(process.env.BENCH_PERFORMANCES_PER_VENUE ?? 415);
const MODES = (process.env.BENCH_MODES ?? 'incremental,full').split(',');
const GOAL_MS = Number(process.env.BENCH_GOAL_MS ?? 1000);

const [db, redis, nats] = await Promise.all([
  createTestDatabase('bench_freshness'),
  startRedisServer(),
  startNatsServer(),
]);
const children = [];
let nc;
try {
  const data = fixture.makeListings(LISTINGS, PERFORMANCES_PER_VENUE, new Date());
  await fixture.seedPostgres(db.dataSource, data);
  // Ranking writes the scores itself: start from none, as after ingestion's first pull.
  await db.dataSource.query('DELETE FROM listing_scores');
  const [rankingPort, searchPort] = await Promise.all([freePort(), freePort()]);
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    NATS_URL: nats.url,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    APP_ENV: 'development',
  };

  nc = await connect({ servers: nats.url });
  const updates = [];
  const sub = nc.subscribe('rankings.updated.v1.>');
  void (async () => {
    for await (const m of sub) updates.push({ at: performance.now(), body: m.json() });
  })();

  const start = (name, port) => {
    const child = spawnService(name, {
      env: { ...env, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn' },
      port,
      stdout: process.env.BENCH_LOG_LEVEL ? 'inherit' : 'ignore',
    });
    children.push(child);
    return child;
  };
  const ranking = start('ranking', rankingPort);
  let rssPeak = 0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(ranking.pid))), 100);
  sampler.unref();
  start('search-api', searchPort);
  const base = `http://127.0.0.1:${searchPort}`;
  const t0 = performance.now();
  // Start-up: Redis is empty, so ranking ranks the show without any message.
  while (!updates.some((u) => u.body.showId === 'hamilton')) {
    if (performance.now() - t0 > 300_000) throw new Error('ranking did not publish within 300 s');
    await sleep(100);
  }
  log(
    `${LISTINGS} listings: first ranking published ${((performance.now() - t0) / 1000).toFixed(1)} s after start`,
  );
  const ready = async (url) => {
    for (;;) {
      const r = await fetch(base + url).catch(() => null);
      if (r?.status === 200) return r.json();
      await sleep(100);
    }
  };
  await ready('/api/v1/listings?show=hamilton&sort=price&limit=25');
  // The page answers from Postgres while search-api loads its first snapshot: measure from
  // once it holds it (snapshot loads counted by its metrics), not search-api's start-up.
  const loaded = async () =>
    (await (await fetch(`${base}/metrics`)).text())
      .split('\n')
      .some((l) => /^hamiltix_search_snapshot_load_seconds_count\{.*scope="hamilton"/.test(l));
  while (!(await loaded())) await sleep(100);

  const js = jetstream(nc);
  const target = data.listings[0].doc;
  const id = target.item.id;
  const page = '/api/v1/listings?show=hamilton&sort=price&limit=25';
  const f = (xs) =>
    `p50 ${pct(xs, 50).toFixed(0)} ms  p95 ${pct(xs, 95).toFixed(0)} ms  max ${Math.max(...xs).toFixed(0)} ms`;
  let k = 0;
  const results = [];
  log(`load average before the changes: ${load()} (2 cores)`);
  for (const mode of MODES) {
    rssPeak = 0;
    const totals = [];
    const detailAt = [];
    const pageAt = [];
    for (let c = 1; c <= (mode === 'full' ? FULL_CHANGES : CHANGES); c++) {
      k++;
      // Cheaper than anything else, and different every time: first on the price page.
      const retail = 1500 + k * 37;
      const price = allInPrice(retail);
      await db.dataSource.query(
        `UPDATE listings SET retail_cents = $2, wholesale_cents = $2, fees_cents = $3, all_in_cents = $4, content_hash = $5, updated_at = now() WHERE id = $1`,
        [id, retail, price.fees, price.total, `h${k}`],
      );
      await db.dataSource.query(
        `INSERT INTO price_history (listing_id, at, all_in_cents, retail_cents) VALUES ($1, now(), $2, $3)`,
        [id, price.total, retail],
      );
      const payload = {
        showId: 'hamilton',
        pullId: `bench-${k}`,
        performanceIds: mode === 'full' ? [] : [target.item.performance.id],
        added: 0,
        changed: 1,
        removed: 0,
        at: new Date().toISOString(),
      };
      await js.publish('inventory.changed.v1.hamilton', JSON.stringify(payload), {
        msgID: `bench-fresh-${k}-${Date.now()}`,
      });
      const pullEnd = performance.now();
      let seenDetail = false;
      let seenPage = false;
      while (!(seenDetail && seenPage)) {
        if (performance.now() - pullEnd > 300_000) throw new Error(`change ${k} not visible within 300 s`);
        const [d, p] = await Promise.all([
          seenDetail ? null : fetch(`${base}/api/v1/listings/${id}`).then((r) => r.json()),
          seenPage ? null : fetch(base + page).then((r) => r.json()),
        ]);
        if (d && d.allInPrice?.amount === price.total) {
          seenDetail = true;
          detailAt.push(performance.now() - pullEnd);
        }
        if (p && p.items?.[0]?.id === id && p.items[0].allInPrice.amount === price.total) {
          seenPage = true;
          pageAt.push(performance.now() - pullEnd);
        }
        if (!(seenDetail && seenPage)) await sleep(10);
      }
      totals.push(performance.now() - pullEnd);
      // Pulls come every few tens of seconds: let this ranking finish (its rankings.updated is
      // sent after the all-shows index and the Postgres scores) before the next pull, so each
      // change is measured on its own and not queued behind the previous ranking.
      const settleStart = performance.now();
      while (
        performance.now() - settleStart < 300_000 &&
        !(updates.some((u) => u.at > pullEnd) && performance.now() - updates[updates.length - 1].at > 300)
      )
        await sleep(20);
    }
    results.push({ mode, totals, rss: rssPeak });
    log(`${mode}: pull end -> detail shows it: ${f(detailAt)}; listings page shows it: ${f(pageAt)}`);
    log(`  load average now ${load()}`);
  }
  log('');
  log(`${LISTINGS} listings over ${2 * PERFORMANCES_PER_VENUE} performances:`);
  log('| ranking | pull end -> new price visible (detail + listings page) | ranking RSS peak |');
  log('| --- | --- | --- |');
  for (const r of results)
    log(`| ${r.mode} (${r.totals.length} changes) | ${f(r.totals)} | ${r.rss.toFixed(0)} MiB |`);
  // Idle: 5 s after the last ranking (as the e2e suite's idle-memory step measures it).
  await sleep(5_000);
  log(`ranking RSS idle (5 s after the last ranking): ${rssMiB(ranking.pid).toFixed(0)} MiB`);
  log(`services ${deployedNote()}`);
  const [inc, full] = [results.find((r) => r.mode === 'incremental'), results.find((r) => r.mode === 'full')];
  if (inc && full)
    log(
      `p95 full / incremental: ${(pct(full.totals, 95) / pct(inc.totals, 95)).toFixed(1)}x; goal p95 <= ${GOAL_MS} ms`,
    );
  const metrics = await (await fetch(`${base}/metrics`)).text();
  log(
    metrics
      .split('\n')
      .filter((l) => /^hamiltix_search_snapshot_load_seconds_(sum|count)/.test(l))
      .join('\n'),
  );
} finally {
  await nc?.close();
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)))));
  await Promise.all([db.drop(), redis.dispose(), nats.dispose()]);
}
