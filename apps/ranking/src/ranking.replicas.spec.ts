import { Logger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  ALL_SHOWS,
  SUBJECTS,
  applyRankedDelta,
  decodeRankedDelta,
  encodeRankedColumns,
} from '@hamiltix/contracts';
import { FixedClock } from '@hamiltix/domain';
import { loadConfig, MessagingService, PlatformModule } from '@hamiltix/platform';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import {
  createTestDatabase,
  listingScoreRows,
  processedMessages,
  type TestDatabase,
} from '@hamiltix/persistence/testing';
import { startNatsServer, startRedisServer, type PrivateServer } from '@hamiltix/platform/testing';
import { RankedIndexWriter } from './ranking/ranked-index.writer.js';
import { RankingLock } from './ranking/ranking-lock.service.js';
import { RankingModule } from './ranking/ranking.module.js';
import { ShowListingsRepository } from './ranking/show-listings.repository.js';
import { ShowRanker } from './ranking/show-ranker.service.js';
import { StartupRebuild } from './ranking/startup-rebuild.service.js';
import {
  expectLatest,
  firstListing,
  firstPerformance,
  liveSnapshot,
  seedTwoShows,
  seededPrice,
  setPrice,
  SHOWS,
} from './testing/two-shows.js';
import { waitFor } from './testing/wait-for.js';

// Two ranking replicas (two Nest apps, each with its own pools and clients) on one
// Postgres database, one Redis and one NATS, sharing the durable consumer as in production.
// In one process, so races can be timed (delays) and lock holds recorded; the same with two
// real processes is ranking.replica-processes.spec.ts.

const NOW = new Date('2026-06-02T18:00:00Z');
const clock = new FixedClock(NOW);

let db: TestDatabase;
let nats: PrivateServer;
let redisServer: PrivateServer;
let redis: Redis;
const replicas: TestingModule[] = [];
/** Every lock hold, by scope, as [start, end] in performance.now() (both replicas share this process's clock). */
const holds: { replica: number; scope: string; start: number; end: number }[] = [];

/** Extra milliseconds before a replica writes an index, by replica and scope kind (to time a race). */
const delays: { show: number; all: number }[] = [
  { show: 0, all: 0 },
  { show: 0, all: 0 },
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startReplica(replica: number): Promise<TestingModule> {
  const config = loadConfig('ranking', {
    DATABASE_URL: db.url,
    REDIS_URL: redisServer.url,
    NATS_URL: nats.url,
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_MS: '3000',
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({ service: 'ranking', postgres: true, redis: true, nats: true, config, clock }),
      RankingModule,
    ],
  }).compile();
  // Record each hold of the lock, from inside it.
  const lock = moduleRef.get(RankingLock) as unknown as {
    hold: (scope: string, task: () => Promise<unknown>) => Promise<unknown>;
  };
  const hold = lock.hold.bind(lock);
  lock.hold = (scope, task) =>
    hold(scope, async () => {
      const start = performance.now();
      try {
        return await task();
      } finally {
        holds.push({ replica, scope, start, end: performance.now() });
      }
    });
  const writer = moduleRef.get(RankedIndexWriter);
  const publish = writer.publish.bind(writer);
  writer.publish = async (scope, ...rest) => {
    await sleep(scope === ALL_SHOWS ? delays[replica].all : delays[replica].show);
    return publish(scope, ...rest);
  };
  await moduleRef.init();
  return moduleRef;
}

/** Once both replicas are idle: each show's index has its latest price, and so has the all-shows index. */
async function expectLatestWhenIdle(prices: number[]): Promise<void> {
  await Promise.all(replicas.map((r) => r.get(ShowRanker).idle()));
  await expectLatest(redis, prices);
}

beforeAll(async () => {
  [db, nats, redisServer] = await Promise.all([
    createTestDatabase('ranking_replicas'),
    startNatsServer(),
    startRedisServer(),
  ]);
  await seedTwoShows(db.dataSource, NOW);
  Logger.overrideLogger(['error']);
  redis = new Redis(redisServer.url);
  replicas.push(...(await Promise.all([startReplica(0), startReplica(1)])));
  await Promise.all(replicas.map((r) => r.get(StartupRebuild).done));
}, 90_000);

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.close()));
  redis?.disconnect();
  await Promise.all([db?.drop(), nats?.dispose(), redisServer?.dispose()]);
});

describe('two ranking replicas on one Postgres, Redis and NATS', () => {
  it('rank each show and the all-shows index one replica at a time', async () => {
    // Start-up: both found Redis empty and ranked every show, one after the other.
    await expectLatestWhenIdle([seededPrice(0), seededPrice(1)]);
  });

  it('leave the all-shows index with every show latest ranking when each replica ranks a different show', async () => {
    for (let round = 1; round <= 4; round++) {
      const prices = [30_000 + round, 40_000 + round];
      await Promise.all(prices.map((cents, s) => setPrice(db.dataSource, s, cents, clock.now())));
      // Replica 0 ranks one show while replica 1 ranks the other: two all-shows rebuilds race.
      await Promise.all([
        replicas[round % 2].get(ShowRanker).request(SHOWS[0]),
        replicas[(round + 1) % 2].get(ShowRanker).request(SHOWS[1]),
      ]);
      await expectLatestWhenIdle(prices);
    }
  });

  it('the known gap, timed to happen: a slow all-shows rebuild of one replica never hides the other replica latest show', async () => {
    // Replica 0 ranks show 0 and is slow to write its all-shows index (it read the live
    // versions before replica 1 swapped show 1); replica 1 swaps show 1 a little later and
    // rebuilds quickly. Unserialised, replica 0's stale all-shows index would land last.
    delays[0].all = 400;
    delays[1].show = 150;
    try {
      const prices = [31_000, 41_000];
      await Promise.all(prices.map((cents, s) => setPrice(db.dataSource, s, cents, clock.now())));
      await Promise.all([
        replicas[0].get(ShowRanker).request(SHOWS[0]),
        replicas[1].get(ShowRanker).request(SHOWS[1]),
      ]);
      await expectLatestWhenIdle(prices);
    } finally {
      delays[0].all = 0;
      delays[1].show = 0;
    }
  });

  it('share a burst of inventory.changed for both shows and end on the latest prices', async () => {
    const messaging = replicas[0].get(MessagingService);
    let published = 0;
    let prices: number[] = [];
    for (let round = 1; round <= 5; round++) {
      prices = [50_000 + round, 60_000 + round];
      await Promise.all(prices.map((cents, s) => setPrice(db.dataSource, s, cents, clock.now())));
      for (const [s, showId] of SHOWS.entries()) {
        published++;
        await messaging.publishDurable(
          SUBJECTS.inventoryChanged(showId),
          {
            showId,
            pullId: `burst-${round}`,
            // Every other round names the changed performance (incremental), else nothing (full).
            performanceIds: round % 2 ? [firstPerformance(s)] : [],
            added: 0,
            changed: 1,
            removed: 0,
            at: clock.now().toISOString(),
          },
          `burst-${round}-${showId}`,
        );
      }
    }
    await waitFor(async () => {
      const n = (await processedMessages(db.dataSource)).filter((m) => m.consumer === 'ranking').length;
      return n >= published;
    }, 'burst handled');
    await expectLatestWhenIdle(prices);
  });

  it("send an incremental ranking's delta that, applied to the live show and all-shows versions, gives what Redis then holds", async () => {
    const ranker = replicas[0].get(ShowRanker);
    ranker.refitFraction = 1;
    const nc = await connect({ servers: nats.url });
    try {
      await ranker.request(SHOWS[0]); // a full ranking: replica 0 holds the fit
      await Promise.all(replicas.map((r) => r.get(ShowRanker).idle()));
      const [show, all] = await Promise.all([liveSnapshot(redis, SHOWS[0]), liveSnapshot(redis, ALL_SHOWS)]);
      const deltas = nc.subscribe(SUBJECTS.rankingsDelta(SHOWS[0]), { max: 1 });
      await setPrice(db.dataSource, 0, 55_555, clock.now());
      await ranker.request(SHOWS[0], [firstPerformance(0)]);
      await Promise.all(replicas.map((r) => r.get(ShowRanker).idle()));
      const [show2, all2] = await Promise.all([
        liveSnapshot(redis, SHOWS[0]),
        liveSnapshot(redis, ALL_SHOWS),
      ]);
      expect(show2.priceOf(String(10_000))).toBe(55_555);
      let delta: ReturnType<typeof decodeRankedDelta> | undefined;
      for await (const m of deltas) delta = decodeRankedDelta(m.data);
      // Two shows: the all-shows version is the live one with the delta applied (no copy).
      expect(delta?.scopes).toEqual([
        { scope: SHOWS[0], base: show.version, version: show2.version },
        { scope: ALL_SHOWS, base: all.version, version: all2.version },
      ]);
      for (const [from, to] of [
        [show, show2],
        [all, all2],
      ])
        expect(Buffer.from(encodeRankedColumns(applyRankedDelta(from.columns, delta!)))).toEqual(
          Buffer.from(encodeRankedColumns(to.columns)),
        );
      await expectLatest(redis, [55_555, all2.priceOf(String(20_000))!]);
    } finally {
      ranker.refitFraction = 0.1;
      await nc.close();
    }
  });

  it("hold a show's lock until its ranking's store is written: the other replica ranks the show after, and Postgres ends on the latest price", async () => {
    const repo = replicas[0].get(ShowListingsRepository);
    const replaceAll = repo.replaceAllScores.bind(repo);
    let storeEnded = 0;
    // Replica 0's full store is slow: its index is live long before its scores are written.
    repo.replaceAllScores = async (...args) => {
      await sleep(500);
      await replaceAll(...args);
      storeEnded = performance.now();
    };
    try {
      const id = String(firstListing(0));
      await setPrice(db.dataSource, 0, 32_100, clock.now());
      const first = replicas[0].get(ShowRanker).request(SHOWS[0]);
      await waitFor(
        async () => (await liveSnapshot(redis, SHOWS[0])).priceOf(id) === 32_100,
        'replica 0 live',
      );
      await setPrice(db.dataSource, 0, 32_200, clock.now());
      const from = holds.length;
      await Promise.all([first, replicas[1].get(ShowRanker).request(SHOWS[0])]);
      const other = (await liveSnapshot(redis, SHOWS[1])).priceOf(String(firstListing(1)))!;
      await expectLatestWhenIdle([32_200, other]);
      const second = holds.slice(from).find((h) => h.replica === 1 && h.scope === `show:${SHOWS[0]}`);
      expect(second!.start).toBeGreaterThanOrEqual(storeEnded);
      const stored = await listingScoreRows(db.dataSource, { listingIds: [id] });
      expect(stored[0].all_in_cents).toBe(32_200);
    } finally {
      repo.replaceAllScores = replaceAll;
    }
  });

  it('never held one scope in both replicas at once', () => {
    const byScope = new Map<string, typeof holds>();
    for (const h of holds) byScope.set(h.scope, [...(byScope.get(h.scope) ?? []), h]);
    expect([...byScope.keys()].sort()).toEqual(['all-shows', 'show:hamilton', 'show:hamilton-tour']);
    for (const list of byScope.values()) {
      const sorted = [...list].sort((a, b) => a.start - b.start);
      for (let i = 1; i < sorted.length; i++)
        expect(sorted[i].start).toBeGreaterThanOrEqual(sorted[i - 1].end);
    }
  });
});
