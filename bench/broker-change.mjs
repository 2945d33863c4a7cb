// `npm run bench -- broker-change`: from a change at the broker to the change stored by
// ingestion, and the broker calls per minute it costs (issue 12). broker-sandbox (default
// inventory, market moving in real time) and ingestion run as processes on a private Postgres
// database and NATS, with the production schedule (full pull every INGESTION_INTERVAL_SECONDS,
// 120). Two runs of BENCH_MINUTES (4) each: the baseline with changes pulls off, then changes
// pulls every INGESTION_CHANGES_INTERVAL_SECONDS (BENCH_CHANGES_INTERVAL, default 15). In each,
// a listing is added at the broker every BENCH_CHANGE_EVERY_S (20) seconds and Postgres polled
// until it is stored; prints p50/p95/max and the broker requests per minute (from ingestion's
// hamiltix_broker_requests_total). Ranking and search add the time of `npm run bench -- freshness`.
import { spawn } from 'node:child_process';
import { log, sleep, load, pct } from './_common.mjs';

const dist = new URL('../dist/', import.meta.url);
const { createTestDatabase } = await import(new URL('libs/persistence/src/testing/index.js', dist));
const { startNatsServer, freePort, waitForPort } = await import(
  new URL('libs/platform/src/testing/index.js', dist)
);

// A multiple of the sandbox market's 2-minute step (every event's updated_at moves then).
const MINUTES = Number(process.env.BENCH_MINUTES ?? 4);
const EVERY_S = Number(process.env.BENCH_CHANGE_EVERY_S ?? 20);
const CHANGES_INTERVAL = process.env.BENCH_CHANGES_INTERVAL ?? '15';

async function run(label, changesInterval) {
  const [db, nats] = await Promise.all([createTestDatabase('bench_broker_change'), startNatsServer()]);
  const children = [];
  try {
    const [sandboxPort, ingestionPort] = await Promise.all([freePort(), freePort()]);
    const env = {
      ...process.env,
      APP_ENV: 'development',
      DATABASE_URL: db.url,
      NATS_URL: nats.url,
      BROKER_BASE_URL: `http://127.0.0.1:${sandboxPort}`,
      SANDBOX_CLOCK_SPEED: '1',
      INGESTION_CHANGES_INTERVAL_SECONDS: changesInterval,
      LOG_LEVEL: 'warn',
    };
    for (const [name, port] of [
      ['broker-sandbox', sandboxPort],
      ['ingestion', ingestionPort],
    ]) {
      children.push(
        spawn(process.execPath, [new URL(`apps/${name}/src/main.js`, dist).pathname], {
          env: { ...env, PORT: String(port) },
          stdio: ['ignore', 'ignore', 'inherit'],
        }),
      );
    }
    await Promise.all([waitForPort(sandboxPort, 60_000), waitForPort(ingestionPort, 60_000)]);
    const sandbox = `http://127.0.0.1:${sandboxPort}`;
    const ingestion = `http://127.0.0.1:${ingestionPort}`;
    // The start-up pull loads everything; a refresh waits for it.
    const first = await fetch(`${ingestion}/admin/refresh`, { method: 'POST' });
    if (first.status !== 200) throw new Error(`first refresh answered ${first.status}`);
    const calls = async () =>
      (await (await fetch(`${ingestion}/metrics`)).text())
        .split('\n')
        .filter((l) => l.startsWith('hamiltix_broker_requests_total{'))
        .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
    const { events } = await (await fetch(`${sandbox}/sandbox/events`)).json();
    const soon = events
      .filter(
        (e) => e.venue.slug === 'richard-rodgers' && Date.parse(e.occursAt) > Date.now() + 6 * 3_600_000,
      )
      .slice(0, 50);

    const callsAtStart = await calls();
    const t0 = performance.now();
    const pending = [];
    const latencies = [];
    let k = 0;
    while (performance.now() - t0 < MINUTES * 60_000) {
      const event = soon[k % soon.length];
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
          price: 150 + k,
        }),
      });
      if (r.status !== 201) throw new Error(`adding a listing answered ${r.status}`);
      const { id } = await r.json();
      pending.push({ id: String(id), at: performance.now() });
      k++;
      const next = t0 + k * EVERY_S * 1000;
      while (performance.now() < next) {
        if (pending.length) {
          const rows = await db.dataSource.query(
            'SELECT id::text FROM listings WHERE id = ANY($1::bigint[]) AND removed_at IS NULL',
            [pending.map((p) => p.id)],
          );
          const stored = new Set(rows.map((row) => row.id));
          for (let i = pending.length - 1; i >= 0; i--)
            if (stored.has(pending[i].id)) latencies.push(performance.now() - pending.splice(i, 1)[0].at);
        }
        await sleep(200);
      }
    }
    const minutes = (performance.now() - t0) / 60_000;
    const perMinute = ((await calls()) - callsAtStart) / minutes;
    // Changes made at the end may not be stored yet: count them as still waiting.
    const waiting = pending.map((p) => performance.now() - p.at);
    const all = [...latencies, ...waiting];
    const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
    log(
      `${label}: ${k} broker changes; change -> stored p50 ${s(pct(all, 50))}, p95 ${s(pct(all, 95))}, ` +
        `max ${s(Math.max(...all))}${waiting.length ? ` (${waiting.length} not stored by the end)` : ''}; ` +
        `broker requests ${perMinute.toFixed(0)}/min over ${minutes.toFixed(1)} min`,
    );
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)))),
    );
    await Promise.all([db.drop(), nats.dispose()]);
  }
}

log(`load average at start ${load()} (2 cores)`);
await run('baseline, full pulls every 120 s only', '0');
await run(`changes pulls every ${CHANGES_INTERVAL} s + full pulls every 120 s`, CHANGES_INTERVAL);
log(`load average at end ${load()}`);
