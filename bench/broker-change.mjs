// `npm run bench -- broker-change`: from a change at the broker to the change stored by
// ingestion and to the change visible to a buyer through search-api, and the broker calls per
// minute it costs (issue 12). broker-sandbox (default inventory, market moving in real time),
// ingestion, ranking and search-api run as processes on a private Postgres database, Redis and
// NATS, with the production schedule (full pull every INGESTION_INTERVAL_SECONDS, 120). Two runs
// of BENCH_MINUTES (4) each: the baseline with changes pulls off, then changes pulls every
// INGESTION_CHANGES_INTERVAL_SECONDS (BENCH_CHANGES_INTERVAL, default 15). In each, once ranking
// has published the start-up pull, a listing is added at the broker every BENCH_CHANGE_EVERY_S
// (20) seconds, cheaper than anything of its performance, and polled every 200 ms until it is
//   - stored: its row in Postgres (what ingestion alone decides),
//   - visible: GET /api/v1/listings/:id of search-api answers it at its all-in price (the
//     detail reads Postgres first, so a new listing is there once stored) AND it is on the
//     first page of GET /api/v1/listings?show=hamilton&from=<its date>&to=<its date>&sort=price
//     (the ranked index: what a buyer searching that date sees).
// Prints p50/p95/max of both, the stored -> visible part (ranking + search-api's snapshot load),
// and the broker requests per minute (from ingestion's hamiltix_broker_requests_total).
// BENCH_BASELINE=0 runs the changes run only (two builds compared one after the other).
// BENCH_VISIBLE=0 runs broker-sandbox and ingestion only (stored only, as before).
// BENCH_LOG_DIR=<dir>: each process's log (LOG_LEVEL=info: ingestion's pull summaries,
// ranking's stages) goes to <dir>/<run>-<process>.log, to see where the time goes.
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { deployedNote, log, sleep, load, pct, spawnService } from './_common.mjs';

const dist = new URL('../dist/', import.meta.url);
const { createTestDatabase } = await import(new URL('libs/persistence/src/testing/index.js', dist));
const { startNatsServer, startRedisServer, freePort, waitForPort } = await import(
  new URL('libs/platform/src/testing/index.js', dist)
);
const { allInPrice } = await import(new URL('libs/domain/src/index.js', dist));

// A multiple of the sandbox market's 2-minute step (every event's updated_at moves then).
const MINUTES = Number(process.env.BENCH_MINUTES ?? 4);
const EVERY_S = Number(process.env.BENCH_CHANGE_EVERY_S ?? 20);
const CHANGES_INTERVAL = process.env.BENCH_CHANGES_INTERVAL ?? '15';
const VISIBLE = process.env.BENCH_VISIBLE !== '0';
const GOAL_S = 30;
const LOG_DIR = process.env.BENCH_LOG_DIR;

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
const localDate = (iso, timeZone) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );

async function run(label, changesInterval) {
  const [db, nats, redis] = await Promise.all([
    createTestDatabase('bench_broker_change'),
    startNatsServer(),
    VISIBLE ? startRedisServer() : undefined,
  ]);
  const children = [];
  try {
    const names = ['broker-sandbox', 'ingestion', ...(VISIBLE ? ['ranking', 'search-api'] : [])];
    const ports = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await freePort()])));
    const base = (n) => `http://127.0.0.1:${ports[n]}`;
    const env = {
      APP_ENV: 'development',
      DATABASE_URL: db.url,
      NATS_URL: nats.url,
      ...(redis ? { REDIS_URL: redis.url } : {}),
      BROKER_BASE_URL: base('broker-sandbox'),
      SANDBOX_CLOCK_SPEED: '1',
      RATE_LIMIT_PER_MINUTE: '0',
      INGESTION_CHANGES_INTERVAL_SECONDS: changesInterval,
      LOG_LEVEL: LOG_DIR ? 'info' : 'warn',
    };
    if (LOG_DIR) mkdirSync(LOG_DIR, { recursive: true });
    for (const name of names)
      children.push(
        spawnService(name, {
          env,
          port: ports[name],
          stdout: LOG_DIR
            ? openSync(`${LOG_DIR}/${changesInterval === '0' ? 'baseline' : 'changes'}-${name}.log`, 'w')
            : 'ignore',
        }),
      );
    await Promise.all(names.map((n) => waitForPort(ports[n], 60_000)));
    const sandbox = base('broker-sandbox');
    const ingestion = base('ingestion');
    const search = VISIBLE ? base('search-api') : undefined;
    const tStart = performance.now();
    // The start-up pull loads everything; a refresh waits for it.
    const first = await fetch(`${ingestion}/admin/refresh`, { method: 'POST' });
    if (first.status !== 200) throw new Error(`first refresh answered ${first.status}`);
    const { events } = await (await fetch(`${sandbox}/sandbox/events`)).json();
    const soon = events
      .filter(
        (e) => e.venue.slug === 'richard-rodgers' && Date.parse(e.occursAt) > Date.now() + 6 * 3_600_000,
      )
      .slice(0, 50);
    if (search) {
      // Ranking has published the pulled inventory once the search page of a performance lists it.
      const date = localDate(soon[0].occursAt, soon[0].venue.timeZone);
      for (;;) {
        const r = await fetch(
          `${search}/api/v1/listings?show=hamilton&from=${date}&to=${date}&limit=1`,
        ).catch(() => null);
        if (r?.status === 200 && (await r.json()).items?.length) break;
        if (performance.now() - tStart > 600_000) throw new Error('ranking did not publish within 600 s');
        await sleep(500);
      }
      log(
        `  ${label}: start-up pull stored and ranked, search answering, ${((performance.now() - tStart) / 1000).toFixed(0)} s after the refresh was asked (load ${load()})`,
      );
    }
    const calls = async () =>
      (await (await fetch(`${ingestion}/metrics`)).text())
        .split('\n')
        .filter((l) => l.startsWith('hamiltix_broker_requests_total{'))
        .reduce((n, l) => n + Number(l.split(' ').pop()), 0);

    const callsAtStart = await calls();
    const t0 = performance.now();
    const pending = [];
    const stored = [];
    const visible = [];
    const storedToVisible = [];
    /** With BENCH_LOG_DIR: each change's times, written to <dir>/<run>-changes.log. */
    const changeLog = LOG_DIR ? [] : undefined;
    let k = 0;
    const poll = async () => {
      const waitingStore = pending.filter((p) => p.storedAt === undefined);
      if (waitingStore.length) {
        const rows = await db.dataSource.query(
          'SELECT id::text FROM listings WHERE id = ANY($1::bigint[]) AND removed_at IS NULL',
          [waitingStore.map((p) => p.id)],
        );
        const now = performance.now();
        const ids = new Set(rows.map((row) => row.id));
        for (const p of waitingStore)
          if (ids.has(p.id)) {
            p.storedAt = now;
            stored.push(now - p.at);
          }
      }
      if (!search) {
        for (let i = pending.length - 1; i >= 0; i--)
          if (pending[i].storedAt !== undefined) pending.splice(i, 1);
        return;
      }
      await Promise.all(
        pending.map(async (p) => {
          if (!p.detail) {
            const r = await fetch(`${search}/api/v1/listings/${p.id}`);
            const d = r.status === 200 ? await r.json() : null;
            if (d?.allInPrice?.amount === p.allIn) p.detail = true;
          }
          if (!p.page) {
            const r = await fetch(`${search}${p.pageUrl}`);
            const page = r.status === 200 ? await r.json() : null;
            if (page?.items?.some((it) => it.id === p.id && it.allInPrice?.amount === p.allIn)) p.page = true;
          }
        }),
      );
      const now = performance.now();
      for (let i = pending.length - 1; i >= 0; i--) {
        const p = pending[i];
        if (p.detail && p.page && p.storedAt !== undefined) {
          visible.push(now - p.at);
          storedToVisible.push(now - p.storedAt);
          pending.splice(i, 1);
          // Wall-clock times, to read beside the processes' logs.
          const wall = (t) => new Date(Date.now() - (now - t)).toISOString().slice(11, 23);
          changeLog?.push(`${p.id} changed ${wall(p.at)} stored ${wall(p.storedAt)} visible ${wall(now)}\n`);
        }
      }
    };
    while (performance.now() - t0 < MINUTES * 60_000) {
      const event = soon[k % soon.length];
      // Cheaper than anything of the performance (the sandbox's cheapest are far above $40),
      // and a price of its own each time.
      const cents = 3_000 + k;
      const r = await fetch(`${sandbox}/sandbox/listings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          eventId: event.id,
          section: 'Orchestra',
          row: 'K',
          lowSeat: 1 + 2 * k,
          highSeat: 2 + 2 * k,
          quantity: 2,
          price: cents / 100,
        }),
      });
      if (r.status !== 201) throw new Error(`adding a listing answered ${r.status}`);
      const { id } = await r.json();
      const date = localDate(event.occursAt, event.venue.timeZone);
      pending.push({
        id: String(id),
        at: performance.now(),
        allIn: allInPrice(cents).total,
        pageUrl: `/api/v1/listings?show=hamilton&from=${date}&to=${date}&sort=price&limit=25`,
      });
      k++;
      const next = t0 + k * EVERY_S * 1000;
      while (performance.now() < next) {
        if (pending.length) await poll();
        await sleep(200);
      }
    }
    for (const p of pending)
      changeLog?.push(`${p.id} not visible by the end${p.storedAt === undefined ? ', not stored' : ''}\n`);
    if (changeLog)
      writeFileSync(
        `${LOG_DIR}/${changesInterval === '0' ? 'baseline' : 'changes'}-changes.log`,
        changeLog.join(''),
      );
    const minutes = (performance.now() - t0) / 60_000;
    const perMinute = ((await calls()) - callsAtStart) / minutes;
    // Changes made at the end may not be stored or visible yet: counted as still waiting.
    const now = performance.now();
    const notStored = pending.filter((p) => p.storedAt === undefined).map((p) => now - p.at);
    const allStored = [...stored, ...notStored];
    const allVisible = [...visible, ...pending.map((p) => now - p.at)];
    const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
    const f = (xs) => `p50 ${s(pct(xs, 50))}, p95 ${s(pct(xs, 95))}, max ${s(Math.max(...xs))}`;
    log(
      `${label}: ${k} broker changes; change -> stored ${f(allStored)}` +
        `${notStored.length ? ` (${notStored.length} not stored by the end)` : ''}; ` +
        `broker requests ${perMinute.toFixed(0)}/min over ${minutes.toFixed(1)} min (load ${load()})`,
    );
    if (search)
      log(
        `  change -> visible (detail + search page of its date) ${f(allVisible)}` +
          `${pending.length ? ` (${pending.length} not visible by the end)` : ''}; ` +
          `stored -> visible ${f(storedToVisible)}; goal p95 <= ${GOAL_S} s`,
      );
    return { stored: pct(allStored, 95), visible: search ? pct(allVisible, 95) : undefined, perMinute };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)))),
    );
    await Promise.all([db.drop(), nats.dispose(), redis?.dispose()]);
  }
}

log(`load average at start ${load()} (2 cores)`);
// BENCH_BASELINE=0: the changes run only (to compare two builds run one after the other).
const baseline =
  process.env.BENCH_BASELINE === '0' ? undefined : await run('baseline, full pulls every 120 s only', '0');
const changes = await run(
  `changes pulls every ${CHANGES_INTERVAL} s + full pulls every 120 s`,
  CHANGES_INTERVAL,
);
if (!baseline) {
  log(`load average at end ${load()}`);
  process.exit(0);
}
const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
log(
  `changes / baseline: stored p95 ${ratio(changes.stored, baseline.stored)}` +
    (VISIBLE ? `, visible p95 ${ratio(changes.visible, baseline.visible)}` : '') +
    `, broker requests ${ratio(changes.perMinute, baseline.perMinute)}`,
);
log(`load average at end ${load()}; services ${deployedNote()}`);
