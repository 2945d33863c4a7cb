// Checkout benchmark (issue 6): orders per second on distinct listings against the broker
// sandbox, with p50/p97.5/p99 latency of POST /api/v1/orders, at a few connection counts.
// The sandbox and checkout run as their own processes (as deployed); this process only
// drives the load. Private database and nats-server; nothing is left behind.
// Run: flock /tmp/bench.lock npm run bench -- checkout   (builds to dist/ first; the lock keeps
// benchmarks of several people from overlapping on a shared machine)
// Knobs: BENCH_SECONDS (10 per connection count), BENCH_CONNECTIONS (comma list, "1,16,32"),
// BENCH_WARMUP_SECONDS (3, before each count, not measured), BENCH_ACCEPT_DELAY_MS (0: how
// long the sandbox seller takes to accept an order; its default is 200 ms), BENCH_PROFILE=1
// (CPU profile of checkout in /tmp/checkout-prof), BENCH_STDOUT=1 (the services' logs).
// Besides latency it reports the CPU each process spent per confirmed order (from /proc), so
// a figure taken on a busy machine can be told apart from a slow service.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

const dist = new URL('../dist/', import.meta.url);
const { createTestDatabase } = await import(new URL('libs/persistence/src/testing/index.js', dist));
const { startNatsServer, freePort, waitForPort } = await import(
  new URL('libs/platform/src/testing/index.js', dist)
);
const { allInPrice, DEFAULT_FEE_SCHEDULE } = await import(new URL('libs/domain/src/index.js', dist));

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = String(process.env.BENCH_CONNECTIONS ?? '1,16,32')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const ACCEPT_DELAY_MS = Number(process.env.BENCH_ACCEPT_DELAY_MS ?? 0);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
/** Orders per second the listings are sized for (every request needs an unused one). */
const MAX_RATE = 500;
const TICKS = 100; // USER_HZ of /proc/<pid>/stat on Linux

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return NaN;
  }
}

/** Busy and total jiffies of the whole machine (all cores). */
function machineTicks() {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = f[3] + (f[4] ?? 0);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

const log = (...a) => console.log(...a);
const children = [];
const [db, nats] = await Promise.all([createTestDatabase('bench_checkout'), startNatsServer()]);

function start(name, script, env) {
  const profile =
    process.env.BENCH_PROFILE && name === 'checkout'
      ? ['--cpu-prof', '--cpu-prof-dir=/tmp/checkout-prof']
      : [];
  const child = spawn(process.execPath, [...profile, new URL(script, dist).pathname], {
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
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

let stopping = false;
try {
  const sandboxPort = await freePort();
  const checkoutPort = await freePort();
  const sandboxProcess = start('broker-sandbox', 'apps/broker-sandbox/src/main.js', {
    PORT: String(sandboxPort),
    SANDBOX_SCALE: '0.05',
    SANDBOX_CLOCK_SPEED: '0',
  });
  const sandbox = `http://127.0.0.1:${sandboxPort}`;
  const checkoutProcess = start('checkout', 'apps/checkout/src/main.js', {
    PORT: String(checkoutPort),
    DATABASE_URL: db.url,
    NATS_URL: nats.url,
    BROKER_BASE_URL: sandbox,
    RATE_LIMIT_PER_MINUTE: '0',
    // Production's level: whatever checkout logs per order is part of its cost.
    LOG_LEVEL: 'info',
  });
  const checkout = `http://127.0.0.1:${checkoutPort}`;
  await Promise.all([waitForPort(sandboxPort, 30_000), waitForPort(checkoutPort, 30_000)]);
  for (let i = 0; i < 100; i++) {
    const ready = await fetch(`${checkout}/health/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (ready === 200) break;
    await sleep(100);
  }
  const faults = await post(`${sandbox}/sandbox/faults`, { orderAcceptDelayMs: ACCEPT_DELAY_MS });
  if (faults.status !== 200) throw new Error(`sandbox faults: ${faults.status}`);

  // One distinct listing per order: enough for the run at well above the goal rate.
  const events = await (await fetch(`${sandbox}/sandbox/events`)).json();
  const eventIds = events.events.map((e) => e.id);
  const needed = Math.ceil((SECONDS + WARMUP_SECONDS) * MAX_RATE * CONNECTIONS.length);
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
  const run = (connections, seconds) =>
    new Promise((resolve, reject) => {
      autocannon(
        {
          url: checkout,
          connections,
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

  const confirmedSoFar = async () =>
    (await db.dataSource.query(`SELECT count(*)::int AS n FROM orders WHERE status = 'confirmed'`))[0].n;
  // Postgres backends serving this database (checkout's pool, the relay's listener): their
  // CPU counts too. Backends that come and go within a run are missed, so it is a floor.
  const backendCpu = async () => {
    const pids = await db.dataSource.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return new Map(pids.map(({ pid }) => [pid, cpuSeconds(pid)]));
  };
  // Transactions committed in this database (the relay's included), from the statistics collector.
  const commits = async () => {
    await db.dataSource.query('SELECT pg_stat_clear_snapshot()');
    const [{ n }] = await db.dataSource.query(
      `SELECT xact_commit::int AS n FROM pg_stat_database WHERE datname = current_database()`,
    );
    return n;
  };
  const rows = [];
  for (const connections of CONNECTIONS) {
    await run(connections, WARMUP_SECONDS);
    // Let the outbox relay and anything else the warm-up left behind settle first.
    await sleep(500);
    const before = await confirmedSoFar();
    const cpu0 = {
      checkout: cpuSeconds(checkoutProcess.pid),
      sandbox: cpuSeconds(sandboxProcess.pid),
      bench: process.cpuUsage(),
    };
    const pg0 = await backendCpu();
    const commits0 = await commits();
    const machine0 = machineTicks();
    const result = await run(connections, SECONDS);
    const machine1 = machineTicks();
    const checkoutCpu = cpuSeconds(checkoutProcess.pid) - cpu0.checkout;
    const sandboxCpu = cpuSeconds(sandboxProcess.pid) - cpu0.sandbox;
    const benchUsage = process.cpuUsage(cpu0.bench);
    let postgresCpu = 0;
    for (const [pid, now] of await backendCpu()) if (pg0.has(pid)) postgresCpu += now - pg0.get(pid) || 0;
    const benchCpu = (benchUsage.user + benchUsage.system) / 1e6;
    const confirmed = (await confirmedSoFar()) - before;
    const commitsPerOrder = confirmed ? ((await commits()) - commits0) / confirmed : NaN;
    const load = loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
    const perOrder = (s) => (confirmed ? ((1000 * s) / confirmed).toFixed(1) : '-');
    const row = {
      connections,
      ordersPerSecond: Math.round(confirmed / SECONDS),
      p50: result.latency.p50,
      p975: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      load,
    };
    rows.push(row);
    log(
      `\nconnections ${connections}, ${SECONDS} s (after ${WARMUP_SECONDS} s warm-up), sandbox accept delay ${ACCEPT_DELAY_MS} ms, load average ${load}`,
    );
    log(
      `  answers: 2xx ${result['2xx']}, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
    );
    log(`  confirmed orders/s: ${row.ordersPerSecond}   (goal ≥ 200)`);
    log(
      `  latency: p50 ${row.p50} ms, p97.5 ${row.p975} ms, p99 ${row.p99} ms, max ${row.max} ms   (goal p99 ≤ 200 ms)`,
    );
    log(
      `  CPU per confirmed order: checkout ${perOrder(checkoutCpu)} ms, sandbox ${perOrder(sandboxCpu)} ms, Postgres backends ${perOrder(postgresCpu)} ms, load generator ${perOrder(benchCpu)} ms;` +
        ` ${commitsPerOrder.toFixed(1)} Postgres commits per order;` +
        ` machine ${((100 * (machine1.busy - machine0.busy)) / (machine1.total - machine0.total)).toFixed(0)} % busy`,
    );
  }
  if (next > listings.length)
    log(`\nWARNING: listings ran out (${next} requests, ${listings.length} listings): raise MAX_RATE`);
  const orders = await db.dataSource.query(
    `SELECT status, count(*)::int AS n FROM orders GROUP BY status ORDER BY status`,
  );
  log(`\norders in Postgres: ${orders.map((o) => `${o.status} ${o.n}`).join(', ')}`);
  log('\n| connections | confirmed orders/s | p50 | p97.5 | p99 | non-2xx | errors | load average |');
  log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows)
    log(
      `| ${r.connections} | ${r.ordersPerSecond} | ${r.p50} ms | ${r.p975} ms | ${r.p99} ms | ${r.non2xx} | ${r.errors} | ${r.load} |`,
    );
} finally {
  stopping = true;
  // Checkout first: stopping the sandbox under it would fail its in-flight broker calls.
  for (const c of [...children].reverse()) {
    c.kill('SIGTERM');
    if (c.exitCode === null) await new Promise((r) => c.once('exit', r));
  }
  await Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)),
  );
  await nats.dispose();
  await db.drop();
}
