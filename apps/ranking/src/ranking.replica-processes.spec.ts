import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUBJECTS } from '@hamiltix/contracts';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { createTestDatabase, processedMessages, type TestDatabase } from '@hamiltix/persistence/testing';
import {
  freePort,
  startNatsServer,
  startRedisServer,
  waitForPort,
  type PrivateServer,
} from '@hamiltix/platform/testing';
import {
  expectLatest,
  firstPerformance,
  seedTwoShows,
  seededPrice,
  setPrice,
  SHOWS,
} from './testing/two-shows.js';
import { waitFor } from './testing/wait-for.js';

// Two ranking replicas as two real processes (dist/, as `npm start` and the e2e stack run
// them) on one Postgres database, one Redis and one NATS, sharing the durable consumer:
// after bursts of inventory.changed for both shows, once both are idle, every show's index
// and the all-shows index hold the latest prices.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const NOW = new Date();

let db: TestDatabase;
let nats: PrivateServer;
let redisServer: PrivateServer;
let redis: Redis;
let nc: NatsConnection;
const replicas: { child: ChildProcess; port: number; stderr: string }[] = [];
/** When each rankings.updated arrived (performance.now()). */
const announced: number[] = [];
let messageId = 0;
/** The replicas' last stderr, for a timeout's message. */
const logs = () => replicas.map((r) => r.stderr).join('\n');

async function startReplica(): Promise<void> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/apps/ranking/src/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      APP_ENV: 'development',
      PORT: String(port),
      DATABASE_URL: db.url,
      REDIS_URL: redisServer.url,
      NATS_URL: nats.url,
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '3000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const replica = { child, port, stderr: '' };
  child.stderr?.on('data', (d: Buffer) => (replica.stderr = (replica.stderr + d.toString()).slice(-4000)));
  replicas.push(replica);
  await waitForPort(port, 30_000);
  await waitFor(
    async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null))?.ok,
    'ready',
    60_000,
    logs,
  );
}

/** Both replicas idle: every message handled, and no ranking announced for a second. */
async function bothIdle(published: number): Promise<void> {
  await waitFor(
    async () => {
      const n = (await processedMessages(db.dataSource)).filter((m) => m.consumer === 'ranking').length;
      return n >= published;
    },
    'every message handled',
    60_000,
    logs,
  );
  await waitFor(
    async () => performance.now() - (announced[announced.length - 1] ?? 0) > 1_000,
    'no ranking announced for a second',
    60_000,
    logs,
  );
}

/** Listings ranked by one replica so far (its metrics). */
async function rankedBy(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('hamiltix_ranking_listings_ranked_total{'))
    .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  [db, nats, redisServer] = await Promise.all([
    createTestDatabase('ranking_processes'),
    startNatsServer(),
    startRedisServer(),
  ]);
  await seedTwoShows(db.dataSource, NOW);
  redis = new Redis(redisServer.url);
  nc = await connect({ servers: nats.url });
  const sub = nc.subscribe('rankings.updated.v1.>');
  void (async () => {
    for await (const _m of sub) announced.push(performance.now());
  })();
  await Promise.all([startReplica(), startReplica()]);
}, 180_000);

afterAll(async () => {
  await Promise.all(
    replicas.map(
      ({ child }) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.once('exit', () => {
            clearTimeout(timer);
            done();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  await nc?.close();
  redis?.disconnect();
  await Promise.all([db?.drop(), nats?.dispose(), redisServer?.dispose()]);
});

describe('two ranking processes on one Postgres, Redis and NATS', () => {
  it('rank both shows on start, and the all-shows index holds both', async () => {
    await waitFor(
      async () => {
        try {
          await expectLatest(redis, [seededPrice(0), seededPrice(1)]);
          return true;
        } catch {
          return false;
        }
      },
      'start-up indexes',
      120_000,
      logs,
    );
  }, 150_000);

  it('share bursts of inventory.changed and, once idle, every index holds the latest prices', async () => {
    const js = jetstream(nc);
    const before = (await processedMessages(db.dataSource)).filter((m) => m.consumer === 'ranking').length;
    let published = before;
    for (let burst = 1; burst <= 3; burst++) {
      let prices: number[] = [];
      for (let round = 1; round <= 4; round++) {
        prices = [30_000 + 100 * burst + round, 40_000 + 100 * burst + round];
        await Promise.all(prices.map((cents, s) => setPrice(db.dataSource, s, cents, new Date())));
        for (const [s, showId] of SHOWS.entries()) {
          // Most messages name the changed performance (incremental rankings); some do not (full).
          const payload = {
            showId,
            pullId: `p-${burst}-${round}`,
            performanceIds: round === 3 ? [] : [firstPerformance(s)],
            added: 0,
            changed: 1,
            removed: 0,
            at: new Date().toISOString(),
          };
          await js.publish(SUBJECTS.inventoryChanged(showId), JSON.stringify(payload), {
            msgID: `replica-processes-${++messageId}`,
          });
          published++;
        }
        await new Promise((r) => setTimeout(r, 30 * round));
      }
      await bothIdle(published);
      await expectLatest(redis, prices);
    }
    // Both processes ranked (the consumer is shared, so each took some of the work).
    const ranked = await Promise.all(replicas.map((r) => rankedBy(r.port)));
    expect(ranked.every((n) => n > 0)).toBe(true);
    expect(replicas.every((r) => r.child.exitCode === null)).toBe(true);
  }, 150_000);
});
