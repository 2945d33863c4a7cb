// Outbox freshness benchmark (issue 2): how long from the commit of a transaction that
// enqueues an event to its handling by a durable, idempotent JetStream consumer, on a
// private nats-server and a private Postgres database. Then a burst: 2,000 events in one
// transaction, time until all are handled.
// Run: npm run bench -- outbox-latency   (builds to dist/ first)
const dist = new URL('../dist/', import.meta.url);
const { createTestDatabase } = await import(new URL('libs/persistence/src/testing/index.js', dist));
const { startNatsServer } = await import(new URL('libs/platform/src/testing/index.js', dist));
const kit = await import(new URL('libs/platform/src/messaging/messaging.test-kit.js', dist));
const messagingLib = await import(new URL('libs/platform/src/messaging/index.js', dist));

const EVENTS = Number(process.env.BENCH_EVENTS ?? 500);
const BURST = Number(process.env.BENCH_BURST ?? 2_000);
const log = (...a) => console.log(...a);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const [db, nats] = await Promise.all([createTestDatabase('bench_outbox'), startNatsServer()]);
let app;
try {
  app = await kit.messagingTestApp(nats.url, db);
  const outbox = app.get(messagingLib.OutboxService);
  const messaging = app.get(messagingLib.MessagingService);
  await app.get(messagingLib.NatsConnectionService).waitUntilReady();

  // Timed from just before COMMIT (the event cannot be seen earlier) to the handler call.
  const committedAt = new Map();
  const handledAt = new Map();
  let burstSeen = 0;
  messaging.consume({
    stream: 'INVENTORY',
    durable: 'bench-reader',
    concurrency: 8,
    handler: async (payload, meta) => {
      if (payload.showId === 'burst') burstSeen++;
      handledAt.set(meta.messageId, performance.now());
    },
  });

  // Steady flow: one event per transaction, one every 5 ms.
  for (let i = 0; i < EVENTS; i++) {
    let id;
    await db.dataSource.transaction(async (m) => {
      id = await outbox.enqueue(m, 'inventory.changed.v1.steady', kit.inventoryChanged(i, 'steady'));
      committedAt.set(id, performance.now());
    });
    await new Promise((r) => setTimeout(r, 5));
  }
  await kit.waitFor(() => [...committedAt.keys()].every((id) => handledAt.has(id)), 'steady events', 60_000);
  const latencies = [...committedAt].map(([id, t]) => handledAt.get(id) - t).sort((a, b) => a - b);
  log(
    `steady: ${EVENTS} events, commit → handled: p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1).toFixed(1)} ms`,
  );

  // Burst: many events in one transaction (a big pull).
  const t0 = performance.now();
  await db.dataSource.transaction(async (m) => {
    for (let i = 0; i < BURST; i++)
      await outbox.enqueue(m, 'inventory.changed.v1.burst', kit.inventoryChanged(i, 'burst'));
  });
  const t1 = performance.now();
  const stats = app.get(messagingLib.MessagingMetrics);
  await kit.waitFor(() => stats.snapshot().outboxPublished >= EVENTS + BURST, 'burst relayed', 120_000);
  const tRelayed = performance.now();
  await kit.waitFor(() => burstSeen >= BURST, 'burst events', 120_000);
  const t2 = performance.now();
  log(
    `burst: relayed to JetStream ${(tRelayed - t1).toFixed(0)} ms after commit (${Math.round(BURST / ((tRelayed - t1) / 1000))} events/s)`,
  );
  log(
    `burst: ${BURST} events enqueued in ${(t1 - t0).toFixed(0)} ms; all handled ${(t2 - t1).toFixed(0)} ms after commit (${Math.round(BURST / ((t2 - t1) / 1000))} events/s end to end)`,
  );
} finally {
  await app?.close();
  await nats.dispose();
  await db.drop();
}
