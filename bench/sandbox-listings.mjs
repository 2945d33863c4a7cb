// `npm run bench -- sandbox-listings`: how fast the broker sandbox generates and serves
// inventory at SANDBOX_SCALE=3 (default; override with SANDBOX_SCALE=...).
// 1. In process: cold generation of every performance's listings, then one clock step on.
// 2. Over HTTP (the built service on a free port): a full signed pull (events pages, then
//    every event's listings, 8 at a time) and the latency of GET /v9/listings?event_id on
//    a warm event (sequential, 500 requests).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Inventory } from '../dist/apps/broker-sandbox/src/inventory/inventory.js';
import { SandboxClock } from '../dist/apps/broker-sandbox/src/inventory/sandbox-clock.js';
import { signRequest } from '../dist/libs/broker-client/src/signing.js';
import { listVenues } from '../dist/libs/venues/src/index.js';

const SCALE = Number(process.env.SANDBOX_SCALE ?? 3);
const TOKEN = 'hamiltixsandboxtoken000000000000';
const SECRET = 'hamiltix-sandbox-secret-0000000000000000';
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

// 1. In process.
{
  const inv = new Inventory(listVenues(), { seed: 42, scale: SCALE }, new SandboxClock(0));
  let t = performance.now();
  let listings = 0;
  for (const e of inv.events) listings += inv.listings(e.id).length;
  const cold = performance.now() - t;
  inv.clock.advance(120_000);
  t = performance.now();
  for (const e of inv.events) inv.listings(e.id);
  const step = performance.now() - t;
  console.log(
    `in process, scale ${SCALE}: ${inv.events.length} performances, ${listings} listings; ` +
      `cold generation ${cold.toFixed(0)} ms (${(cold / inv.events.length).toFixed(2)} ms/event), ` +
      `next 2-min step ${step.toFixed(0)} ms (${(step / inv.events.length).toFixed(2)} ms/event)`,
  );
}

// 2. Over HTTP.
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const child = spawn(process.execPath, ['dist/apps/broker-sandbox/src/main.js'], {
  env: {
    ...process.env,
    PORT: String(port),
    SANDBOX_SCALE: String(SCALE),
    SANDBOX_CLOCK_SPEED: '0',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health/live`)).ok) break;
    } catch {
      if (i > 600) throw new Error('sandbox did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const get = async (pathAndQuery) => {
    const q = pathAndQuery.indexOf('?');
    const sig = signRequest(SECRET, {
      method: 'GET',
      host: '127.0.0.1',
      path: q < 0 ? pathAndQuery : pathAndQuery.slice(0, q),
      query: q < 0 ? '' : pathAndQuery.slice(q + 1),
    });
    const res = await fetch(base + pathAndQuery, { headers: { 'X-Token': TOKEN, 'X-Signature': sig } });
    if (!res.ok) throw new Error(`${pathAndQuery}: ${res.status}`);
    return res.json();
  };

  let t = performance.now();
  const first = await get('/v9/events?page=1&per_page=100');
  const events = [...first.events];
  for (let page = 2; page <= Math.ceil(first.total_entries / 100); page++)
    events.push(...(await get(`/v9/events?page=${page}&per_page=100`)).events);
  const eventsMs = performance.now() - t;
  t = performance.now();
  let listings = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < events.length) {
        const e = events[next++];
        const { total_entries: n } = await get(`/v9/listings?event_id=${e.id}`);
        listings += n;
      }
    }),
  );
  const pullMs = performance.now() - t;
  console.log(
    `over HTTP: ${events.length} events in ${eventsMs.toFixed(0)} ms; full listings pull ${listings} listings in ${pullMs.toFixed(0)} ms (8 concurrent)`,
  );

  const id = events[Math.floor(events.length / 2)].id;
  await get(`/v9/listings?event_id=${id}`);
  const times = [];
  for (let i = 0; i < 500; i++) {
    const s = performance.now();
    await get(`/v9/listings?event_id=${id}`);
    times.push(performance.now() - s);
  }
  console.log(
    `GET /v9/listings?event_id (warm, ~${Math.round(listings / events.length)} rows): p50 ${pct(times, 0.5).toFixed(2)} ms, p95 ${pct(times, 0.95).toFixed(2)} ms, p99 ${pct(times, 0.99).toFixed(2)} ms`,
  );
} finally {
  child.kill('SIGTERM');
}
