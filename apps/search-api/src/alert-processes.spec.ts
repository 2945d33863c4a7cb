import { STREAMS } from '@hamiltix/contracts';
import { createTestDatabase, renameTable, type TestDatabase } from '@hamiltix/persistence/testing';
import {
  buildDist,
  startAppProcess,
  startNatsServer,
  startPushReceiver,
  startRedisServer,
  type AppProcess,
  type PrivateServer,
  type PushReceiver,
} from '@hamiltix/platform/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';

// Alert de-duplication shared by two real search-api processes (built dist/) through Redis:
// an error storm hitting both sends one push in total, although each process publishes its
// own first alert of the minute to ops.alerts.v1 and either may run the sink's delivery.
// The storm is real: the fallback's table is gone and Redis holds no index, so every
// listings request fails inside search-api (500, an error alert). The in-process version,
// with Redis away too, is libs/platform/src/alerts/alert-replicas.spec.ts.

let db: TestDatabase;
let redis: PrivateServer;
let nats: PrivateServer;
let receiver: PushReceiver;
let replicas: AppProcess[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  buildDist();
  [db, redis, nats, receiver] = await Promise.all([
    createTestDatabase('alert_processes'),
    startRedisServer(),
    startNatsServer(),
    startPushReceiver(),
  ]);
  // What the Postgres fallback reads is gone: a failure inside the service, not a dependency down.
  await renameTable(db.dataSource, 'listing_scores', 'listing_scores_gone');
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    NATS_URL: nats.url,
    RATE_LIMIT_PER_MINUTE: '0',
    ALERT_WEBHOOK_URL: receiver.url,
    LOG_LEVEL: 'fatal',
  };
  replicas = await Promise.all(
    [0, 1].map(() => startAppProcess('search-api', env, { readyPath: '/health/ready' })),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(replicas.map((p) => p.stop()));
  await Promise.all([db?.drop(), redis?.dispose(), nats?.dispose()]);
  receiver?.server.close();
});

describe('alert de-duplication across two search-api processes', () => {
  it('an error storm over both processes sends one push in total, and the gate holds for a minute', async () => {
    const storm = async (perProcess: number) => {
      const answers = await Promise.all(
        replicas.flatMap((p) =>
          Array.from({ length: perProcess }, (_, i) =>
            fetch(`${p.url}/api/v1/listings?sort=price&limit=${1 + (i % 50)}`),
          ),
        ),
      );
      expect(answers.map((r) => r.status)).toEqual(answers.map(() => 500));
    };
    await storm(30);
    const deadline = Date.now() + 15_000;
    while (receiver.pushes.length === 0 && Date.now() < deadline) await sleep(100);
    expect(receiver.pushes.length).toBeGreaterThanOrEqual(1);
    // Give a second push every chance to arrive.
    await sleep(1500);
    expect(receiver.pushes).toHaveLength(1);
    expect(receiver.pushes[0].get('title')).toContain('search-api');
    expect(receiver.pushes[0].get('title')).toContain('/api/v1/listings');

    // Both processes did publish their first alert: the shared gate, not chance, made it one push.
    const nc = await connect({ servers: nats.url });
    try {
      const jsm = await jetstreamManager(nc);
      const published = await jsm.streams.info(STREAMS.ALERTS.name);
      expect(published.state.messages).toBe(2);
    } finally {
      await nc.close();
    }
    // The gate in Redis lasts the minute.
    const r = new Redis(redis.url);
    try {
      const gates = await r.keys('hx:alerts:dedupe:gate:*');
      expect(gates).toHaveLength(1);
      expect(await r.pttl(gates[0])).toBeGreaterThan(50_000);
    } finally {
      r.disconnect();
    }

    // More of the same storm within the minute: still that one push.
    await storm(10);
    await sleep(1000);
    expect(receiver.pushes).toHaveLength(1);
  });
});
