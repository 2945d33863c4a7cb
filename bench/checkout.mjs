// Checkout benchmark (issue 6): orders per second on distinct listings against the broker
// sandbox, with p50/p99 latency of POST /api/v1/orders (201s only, and all answers).
// The sandbox and checkout run as their own processes (as deployed); this process only
// drives the load. Private database and nats-server; nothing is left behind.
// Run: npm run bench -- checkout   (builds to dist/ first)
// Knobs: BENCH_SECONDS (10), BENCH_CONNECTIONS (32), BENCH_ACCEPT_DELAY_MS (0: how long
// the sandbox seller takes to accept an order; its default is 200 ms).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

const dist = new URL('../dist/', import.meta.url);
const { createTestDatabase } = await import(new URL('libs/persistence/src/testing/index.js', dist));
const { startNatsServer, freePort, waitForPort } = await import(new URL('libs/platform/src/testing/index.js', dist));
const { allInPrice, DEFAULT_FEE_SCHEDULE } = await import(new URL('libs/domain/src/index.js', dist));

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ACCEPT_DELAY_MS = Number(process.env.BENCH_ACCEPT_DELAY_MS ?? 0);
const WARMUP_SECONDS = 2;

const log = (...a) => console.log(...a);
const children = [];
const [db, nats] = await Promise.all([createTestDatabase('bench_checkout'), startNatsServer()]);

function start(name, script, env) {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE && name === 'checkout' ? ['--cpu-prof', '--cpu-prof-dir=/tmp/checkout-prof'] : []), new URL(script, dist).pathname], {
    env: { ...process.env, APP_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', process.env.BENCH_STDOUT ? 'inherit' : 'ignore', 'inherit'],
  });
  child.on('exit', (code) => {
    if (code && !stopping) log(`${name} exited with ${code}`);
  });
  children.push(child);
  return child;
}

async function post(url, body, headers = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}


let stopping = false;
try {
  const sandboxPort = await freePort();
  const checkoutPort = await freePort();
  start('broker-sandbox', 'apps/broker-sandbox/src/main.js', { PORT: String(sandboxPort), SANDBOX_SCALE: '0.05', SANDBOX_CLOCK_SPEED: '0' });
  const sandbox = `http://127.0.0.1:${sandboxPort}`;
  start('checkout', 'apps/checkout/src/main.js', {
    PORT: String(checkoutPort),
    DATABASE_URL: db.url,
    NATS_URL: nats.url,
    BROKER_BASE_URL: sandbox,
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const checkout = `http://127.0.0.1:${checkoutPort}`;
  await Promise.all([waitForPort(sandboxPort, 30_000), waitForPort(checkoutPort, 30_000)]);
  for (let i = 0; i < 100; i++) {
    const ready = await fetch(`${checkout}/health/ready`).then((r) => r.status, () => 0);
    if (ready === 200) break;
    await sleep(100);
  }
  const faults = await post(`${sandbox}/sandbox/faults`, { orderAcceptDelayMs: ACCEPT_DELAY_MS });
  if (faults.status !== 200) throw new Error(`sandbox faults: ${faults.status}`);

  // One distinct listing per order: enough for the run at well above the goal rate.
  const events = await (await fetch(`${sandbox}/sandbox/events`)).json();
  const eventIds = events.events.map((e) => e.id);
  const needed = Math.ceil((SECONDS + WARMUP_SECONDS) * 600);
  const listings = [];
  const t0 = Date.now();
  for (let i = 0; i < needed; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, needed - i) }, async (_, j) => {
        const price = 150 + ((i + j) % 400);
        const res = await post(`${sandbox}/sandbox/listings`, {
          eventId: eventIds[(i + j) % eventIds.length],
          section: 'Center Orchestra',
          row: 'H',
          quantity: 2,
          splits: [2],
          price,
        });
        if (res.status !== 201) throw new Error(`sandbox listing: ${res.status} ${JSON.stringify(res.body)}`);
        return { id: String(res.body.id), allIn: allInPrice(price * 100, DEFAULT_FEE_SCHEDULE).total };
      }),
    );
    listings.push(...batch);
  }
  log(`created ${listings.length} sandbox listings in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // The load comes from autocannon (cheap on CPU, which this 2-core machine shares with
  // checkout, the sandbox and Postgres); each request takes the next unused listing.
  let next = 0;
  const run = (seconds) =>
    new Promise((resolve, reject) => {
      autocannon(
        {
          url: checkout,
          connections: CONNECTIONS,
          duration: seconds,
          requests: [
            {
              method: 'POST',
              path: '/api/v1/orders',
              setupRequest: (req) => {
                const l = listings[next++ % listings.length];
                return {
                  ...req,
                  headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
                  body: JSON.stringify({
                    listingId: l.id,
                    quantity: 2,
                    expectedAllInPrice: l.allIn,
                    buyer: { name: 'Bench Buyer', email: 'bench@example.com' },
                    paymentToken: 'tok_sandbox_ok',
                  }),
                };
              },
            },
          ],
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
    });

  await run(WARMUP_SECONDS);
  const before = await db.dataSource.query(`SELECT count(*)::int AS n FROM orders WHERE status = 'confirmed'`);
  const result = await run(SECONDS);
  const after = await db.dataSource.query(`SELECT count(*)::int AS n FROM orders WHERE status = 'confirmed'`);
  const confirmed = after[0].n - before[0].n;
  log(`connections ${CONNECTIONS}, ${SECONDS} s, sandbox accept delay ${ACCEPT_DELAY_MS} ms, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  log(`answers: 2xx ${result['2xx']}, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`);
  log(`confirmed orders/s: ${(confirmed / SECONDS).toFixed(0)}   (goal ≥ 200)`);
  log(
    `latency: p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms   (goal p99 ≤ 200 ms)`,
  );
  const orders = await db.dataSource.query(`SELECT status, count(*)::int AS n FROM orders GROUP BY status ORDER BY status`);
  log(`orders in Postgres: ${orders.map((o) => `${o.status} ${o.n}`).join(', ')}`);
} finally {
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  await nats.dispose();
  await db.drop();
}
