import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  ALL_SHOWS,
  SUBJECTS,
  applyRankedDelta,
  decodeRankedDelta,
  encodeRankedColumns,
  rankedKeys,
  decodeRankedSnapshot,
  snapshotItem,
  type RankedSnapshotColumns,
} from '@hamiltix/contracts';
import { FixedClock, zonedTimeToUtc } from '@hamiltix/domain';
import { loadConfig, MessagingService, PlatformModule } from '@hamiltix/platform';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { upsertPerformances, upsertShow, upsertVenues } from '@hamiltix/persistence';
import {
  createTestDatabase,
  insertTestListings,
  listingRows,
  listingScoreRows,
  listingScoreSearchFields,
  performanceStatsRows,
  processedMessages,
  setTestHold,
  updateTestListings,
  type TestDatabase,
} from '@hamiltix/persistence/testing';
import { startNatsServer, startRedisServer, type PrivateServer } from '@hamiltix/platform/testing';
import { RankedIndexWriter } from './ranking/ranked-index.writer.js';
import { waitFor } from './testing/wait-for.js';
import { RankingModule } from './ranking/ranking.module.js';
import { ShowListingsRepository } from './ranking/show-listings.repository.js';
import { INDEX_RETRY_MS, ShowRanker } from './ranking/show-ranker.service.js';
import { StartupRebuild } from './ranking/startup-rebuild.service.js';

const SHOW = 'hamilton';
const DAY = 86_400_000;

let db: TestDatabase;
let nats: PrivateServer;
let redisServer: PrivateServer;
let moduleRef: TestingModule;
let redis: Redis;
let nc: NatsConnection;
const updates: { showId: string; version: string; listings: number }[] = [];
let pulls = 0;
/** The performances each load asked for (undefined: the whole show). */
const loads: (readonly string[] | undefined)[] = [];

/** The test's "now": a Tuesday afternoon in New York, whatever the machine's clock says. */
const NOW = new Date('2026-06-02T18:00:00Z');
const clock = new FixedClock(NOW);

/** Saturday 20:00 in New York, `weeksAhead` weeks after the first Saturday a week past NOW. */
function saturdayEvening(weeksAhead: number): Date {
  const d = new Date(NOW.getTime() + 7 * DAY + weeksAhead * 7 * DAY);
  while (d.getUTCDay() !== 6) d.setTime(d.getTime() + DAY);
  return zonedTimeToUtc(d.toISOString().slice(0, 10), 20, 0, 'America/New_York');
}

async function seed(): Promise<void> {
  await upsertShow(db.dataSource, { id: SHOW, title: 'Hamilton', brokerPerformerId: 1 });
  await upsertVenues(db.dataSource, [
    {
      id: 'richard-rodgers',
      brokerVenueId: 10,
      name: 'Richard Rodgers Theatre',
      city: 'New York',
      timeZone: 'America/New_York',
    },
  ]);
  await upsertPerformances(
    db.dataSource,
    [0, 1, 2, 3, 4, 5].map((w) => ({
      id: String(1000 + w),
      showId: SHOW,
      venueId: 'richard-rodgers',
      startsAt: saturdayEvening(w),
      name: 'Hamilton',
      state: 'shown',
    })),
    NOW,
  );
  // A realistic background: orchestra, mezzanine rows at prices that fall with the row.
  const sections = [
    ['orchestra-center', 'Orchestra Center', 'ABCDEFGHJKLMNOPQRS', 60000, 101],
    ['front-mezzanine-center', 'Front Mezz Center', 'ABCDEF', 42000, 101],
    ['rear-mezzanine-center', 'Rear Mezz Center', 'ABCDEFG', 26000, 101],
  ] as const;
  let id = 100;
  for (let w = 0; w < 6; w++) {
    for (const [sectionId, name, rows, top, seat] of sections) {
      for (let r = 0; r < rows.length; r += 2) {
        const cents = Math.round(top * (1 - (0.35 * r) / rows.length) * (1 + ((id * 7) % 11) / 100));
        await insertListing(
          String(id++),
          String(1000 + w),
          sectionId,
          name,
          rows[r],
          [seat + 2, seat + 3],
          cents,
          [],
        );
      }
    }
  }
  // The cases the issue names: the same seat and price, clear and obstructed; and a cheaper copy on another date.
  await insertListing('1', '1001', 'orchestra-center', 'Orchestra Center', 'F', [105, 106], 45000, []);
  await insertListing('2', '1001', 'orchestra-center', 'Orchestra Center', 'F', [105, 106], 45000, [
    'Obstructed view',
  ]);
  await insertListing('3', '1003', 'orchestra-center', 'Orchestra Center', 'F', [105, 106], 39000, []);
  // Stored as ingestion would have at the test's "now", not at the machine's.
  await updateTestListings(db.dataSource, undefined, { seenAt: NOW });
}

async function insertListing(
  id: string,
  performanceId: string,
  sectionId: string,
  section: string,
  row: string,
  seats: number[],
  allIn: number,
  notes: string[],
): Promise<void> {
  await insertTestListings(db.dataSource, [
    {
      id,
      performanceId,
      showId: SHOW,
      venueId: 'richard-rodgers',
      section,
      sectionId,
      row,
      seats,
      allInCents: allIn,
      viewNotes: notes,
    },
  ]);
}

function inventoryChanged(n: number, performanceId = '1001') {
  return {
    showId: SHOW,
    pullId: `pull-${n}`,
    performanceIds: [performanceId],
    added: n,
    changed: 0,
    removed: 0,
    at: clock.now().toISOString(),
  };
}

/**
 * Reads one scope the way search does: the snapshot pointer, then that version's snapshot
 * only (the zsets and docs hash are no longer written); it must be complete and agree with
 * the version's meta, and `current` must name the same version.
 */
async function readScope(scope: string): Promise<{
  version: string;
  deal: string[];
  snap: RankedSnapshotColumns;
  meta: { listings: number };
} | null> {
  const [version, current] = await redis.mget(rankedKeys.currentSnapshot(scope), rankedKeys.current(scope));
  if (!version) return null;
  const [bytes, meta] = await Promise.all([
    redis.getBuffer(rankedKeys.snapshot(scope, version)),
    redis.get(rankedKeys.meta(scope, version)),
  ]);
  const m = JSON.parse(meta ?? 'null') as { listings: number } | null;
  const snap = bytes ? decodeRankedSnapshot(bytes) : null;
  if (!m || !snap || snap.count !== m.listings || current !== version)
    throw new Error(`half-built index seen for ${scope}@${version}: ${JSON.stringify({ meta, current })}`);
  return { version, deal: [...snap.orders.deal.order].map((i) => snap.ids[i]), snap, meta: m };
}

beforeAll(async () => {
  [db, nats, redisServer] = await Promise.all([
    createTestDatabase('ranking'),
    startNatsServer(),
    startRedisServer(),
  ]);
  await seed();
  const config = loadConfig('ranking', {
    DATABASE_URL: db.url,
    REDIS_URL: redisServer.url,
    NATS_URL: nats.url,
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_MS: '3000',
  });
  Logger.overrideLogger(['error']);
  moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({ service: 'ranking', postgres: true, redis: true, nats: true, config, clock }),
      RankingModule,
    ],
  }).compile();
  const repo = moduleRef.get(ShowListingsRepository);
  const load = repo.activeListings.bind(repo);
  repo.activeListings = (...args) => {
    pulls++;
    loads.push(args[2]);
    return load(...args);
  };
  // A full ranking reads the whole show in passes of its own (full-ranking.ts).
  const rankFull = repo.rankFull.bind(repo);
  repo.rankFull = (...args) => {
    pulls++;
    loads.push(undefined);
    return rankFull(...args);
  };
  redis = new Redis(redisServer.url);
  nc = await connect({ servers: nats.url });
  const sub = nc.subscribe('rankings.updated.v1.>');
  void (async () => {
    for await (const m of sub) updates.push(m.json());
  })();
  await moduleRef.init();
  // Start-up: Redis is empty, so the show is ranked without any message.
  await moduleRef.get(StartupRebuild).done;
}, 60_000);

afterAll(async () => {
  await moduleRef?.close();
  await nc?.close();
  redis?.disconnect();
  await Promise.all([db?.drop(), nats?.dispose(), redisServer?.dispose()]);
});

describe('apps/ranking against Postgres, Redis and NATS', () => {
  it('ranks on start when Redis is empty, and again on inventory.changed', async () => {
    const first = await waitFor(() => readScope(SHOW), 'start-up index');
    const before = updates.length;
    pulls = 0;
    await moduleRef
      .get(MessagingService)
      .publishDurable(SUBJECTS.inventoryChanged(SHOW), inventoryChanged(1), 'msg-1');
    const second = await waitFor(async () => {
      const s = await readScope(SHOW);
      return s && s.version !== first.version ? s : undefined;
    }, 'index after inventory.changed');
    expect(second.meta.listings).toBe(3 + 6 * (9 + 3 + 4));
    await waitFor(async () => updates.length > before, 'rankings.updated published');
    expect(updates[updates.length - 1]).toMatchObject({ showId: SHOW, listings: second.meta.listings });

    const rows = await listingScoreRows(db.dataSource);
    expect(rows).toHaveLength(second.meta.listings);
    const byId = new Map(rows.map((r) => [r.listing_id, r]));
    // Obstructed scores below the same clear seat at the same price.
    expect(byId.get('2')!.seat_quality).toBeLessThan(byId.get('1')!.seat_quality);
    expect(byId.get('2')!.deal_score).toBeLessThan(byId.get('1')!.deal_score);
    // A cheaper copy of a listing on another date outranks the dearer one.
    expect(byId.get('3')!.deal_score).toBeGreaterThan(byId.get('1')!.deal_score);
    expect(second.deal.indexOf('3')).toBeLessThan(second.deal.indexOf('1'));
    expect(byId.get('1')!.explanation).toMatch(/^Orchestra Center row F, .*; clear view\.$/);

    const { snap } = second;
    const at = snap.ids.indexOf('2');
    const item = snapshotItem(snap, at);
    expect(item).toMatchObject({
      id: '2',
      // The theatre's own name for the section, beside the broker's words (libs/venues).
      sectionName: 'Orchestra Center',
      viewNotes: ['Obstructed view'],
      allInPrice: { amount: 45000, currency: 'USD' },
      seats: [105, 106],
    });
    expect(item.performance.startsAt).toMatch(/T20:00:00-0[45]:00$/);
    expect(snap.shows[snap.show[at]]).toBe(SHOW);
    expect(snap.weekday[at]).toBe(6);
    expect(snap.flags[at] & 1).toBe(0);
    const keysOf2 = [...snap.keys.subarray(3 * at, 3 * at + 3)].map((k) => snap.sectionKeys[k]);
    expect(keysOf2).toEqual(expect.arrayContaining(['orchestra', 'orchestra-center']));

    // The per-performance summary agrees with the docs.
    const stats = await performanceStatsRows(db.dataSource, SHOW);
    expect(stats.reduce((n, r) => n + r.listing_count, 0)).toBe(second.meta.listings);
    // The search fields in Postgres (search-api's fallback) agree with the published index.
    const keyed = await listingScoreRows(db.dataSource, { showId: SHOW });
    expect(keyed.map((r) => r.listing_key)).toEqual(second.deal);
    const fields = await listingScoreSearchFields(db.dataSource, '2');
    expect(fields).toEqual({
      item: JSON.stringify(item),
      local_date: snap.dates[snap.date[at]],
      weekday: 6,
      matinee: false,
      all_in_cents: 45000,
      splits: item.splits,
      has_view_notes: true,
      section_keys: expect.arrayContaining(['orchestra', 'orchestra-center']),
      city_key: item.performance.city.toLowerCase(),
      rank_price: 45000,
      rank_date: snap.startsAtMs[at],
    });
    const all = await readScope(ALL_SHOWS);
    expect(all!.meta.listings).toBe(second.meta.listings);
  });

  it('coalesces a burst, and a concurrent reader never sees a half-built index; removed listings lose their scores', async () => {
    let reading = true;
    let reads = 0;
    const reader = (async () => {
      while (reading) {
        await readScope(SHOW);
        await readScope(ALL_SHOWS);
        reads++;
      }
    })();
    await updateTestListings(db.dataSource, ['100'], { removedAt: clock.now() });
    pulls = 0;
    const messaging = moduleRef.get(MessagingService);
    await Promise.all(
      [2, 3, 4, 5, 6, 7].map((n) =>
        messaging.publishDurable(SUBJECTS.inventoryChanged(SHOW), inventoryChanged(n, '1000'), `msg-${n}`),
      ),
    );
    await waitFor(async () => {
      const n = (await processedMessages(db.dataSource)).filter((m) => m.consumer === 'ranking').length;
      return n >= 7;
    }, 'burst handled');
    reading = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(pulls).toBeGreaterThanOrEqual(1);
    expect(pulls).toBeLessThan(6);
    const gone = await listingScoreRows(db.dataSource, { listingIds: ['100'] });
    expect(gone).toHaveLength(0);
    expect((await readScope(SHOW))!.deal).not.toContain('100');
  });

  it('re-scores only the changed performance against the held fit, then refits when told nothing', async () => {
    const ranker = moduleRef.get(ShowRanker);
    ranker.refitFraction = 1;
    try {
      const messaging = moduleRef.get(MessagingService);
      await ranker.request(SHOW); // a full ranking: this process now holds the fit
      const before = (await readScope(SHOW))!;
      const allBefore = (await readScope(ALL_SHOWS))!;
      const deltas = nc.subscribe(SUBJECTS.rankingsDelta(SHOW), { max: 1 });
      const scoreOf = (s: NonNullable<typeof before>, id: string) => s.snap.dealScore[s.snap.ids.indexOf(id)];
      loads.length = 0;
      await updateTestListings(db.dataSource, ['1'], { allInCents: 30000 });
      await messaging.publishDurable(SUBJECTS.inventoryChanged(SHOW), inventoryChanged(20), 'msg-20');
      const after = await waitFor(async () => {
        const s = await readScope(SHOW);
        return s && s.version !== before.version ? s : undefined;
      }, 'incremental index');
      await ranker.idle();
      expect(loads).toEqual([['1001']]);
      // The delta it sent first: applied to the versions it names as bases (the live ones
      // before), it gives byte for byte what ranking then wrote to Redis under the new ones.
      const allAfter = (await readScope(ALL_SHOWS))!;
      let delta: ReturnType<typeof decodeRankedDelta> | undefined;
      for await (const m of deltas) delta = decodeRankedDelta(m.data);
      expect(delta).toMatchObject({
        showId: SHOW,
        performances: ['1001'],
        scopes: [
          { scope: SHOW, base: before.version, version: after.version },
          { scope: ALL_SHOWS, base: allBefore.version, version: allAfter.version, copyOf: SHOW },
        ],
      });
      for (const [from, to] of [
        [before, after],
        [allBefore, allAfter],
      ])
        expect(Buffer.from(encodeRankedColumns(applyRankedDelta(from.snap, delta!)))).toEqual(
          Buffer.from(encodeRankedColumns(to.snap)),
        );
      expect(after.meta.listings).toBe(before.meta.listings);
      expect(snapshotItem(after.snap, after.snap.ids.indexOf('1')).allInPrice.amount).toBe(30000);
      expect(scoreOf(after, '1')).toBeGreaterThan(scoreOf(before, '1'));
      // The fit is held: every other listing keeps its score.
      for (const id of before.snap.ids) if (id !== '1') expect(scoreOf(after, id)).toBe(scoreOf(before, id));
      // Postgres agrees with the published index (scores, search order, per-performance stats).
      const keyed = await listingScoreRows(db.dataSource, { showId: SHOW });
      expect(keyed.map((r) => r.listing_key)).toEqual(after.deal);
      expect(keyed.find((r) => r.listing_key === '1')!.all_in_cents).toBe(30000);
      const perPerformance = await performanceStatsRows(db.dataSource, SHOW);
      const stats = [
        {
          n: perPerformance.reduce((n, r) => n + r.listing_count, 0),
          lo: Math.min(
            ...perPerformance.filter((r) => r.performance_id === '1001').map((r) => r.lowest_all_in_cents),
          ),
        },
      ];
      const lo = Math.min(
        ...(await listingRows(db.dataSource, { performanceId: '1001', activeOnly: true })).map(
          (r) => r.all_in_cents,
        ),
      );
      expect(stats[0]).toEqual({ n: after.meta.listings, lo });
      // Changed performances unknown: the whole show is reloaded and refitted.
      loads.length = 0;
      await ranker.request(SHOW, []);
      expect(loads).toEqual([undefined]);
    } finally {
      ranker.refitFraction = 0.1;
    }
  });

  it("ranks a change while the full ranking's store is still writing: live in Redis before that store ends, and its score survives it", async () => {
    const ranker = moduleRef.get(ShowRanker);
    const repo = moduleRef.get(ShowListingsRepository);
    ranker.refitFraction = 1;
    const replaceAll = repo.replaceAllScores.bind(repo);
    let storing = (): void => undefined;
    const storeStarted = new Promise<void>((resolve) => (storing = resolve));
    let finishStore = (): void => undefined;
    const gate = new Promise<void>((resolve) => (finishStore = resolve));
    let storeEnded = false;
    // The full ranking's store holds its transaction open until the test lets it go on.
    repo.replaceAllScores = async (...args) => {
      storing();
      await gate;
      await replaceAll(...args);
      storeEnded = true;
    };
    try {
      await updateTestListings(db.dataSource, ['1'], { allInCents: 31000 });
      const full = ranker.request(SHOW);
      await storeStarted;
      const fullVersion = (await readScope(SHOW))!.version;
      // A broker change of listing 1's performance while the full store is still writing.
      await updateTestListings(db.dataSource, ['1'], { allInCents: 29000 });
      const changed = ranker.request(SHOW, ['1001']);
      const live = await waitFor(async () => {
        const s = await readScope(SHOW);
        return s && s.version !== fullVersion ? s : undefined;
      }, 'the change ranked during the store');
      expect(snapshotItem(live.snap, live.snap.ids.indexOf('1')).allInPrice.amount).toBe(29000);
      expect(storeEnded).toBe(false);
      finishStore();
      await Promise.all([full, changed]);
      await ranker.idle();
      // Stored in ranking order: the change's scores were written after the full store.
      const keyed = await listingScoreRows(db.dataSource, { showId: SHOW });
      expect(keyed.map((r) => r.listing_key)).toEqual(live.deal);
      expect(keyed.find((r) => r.listing_key === '1')!.all_in_cents).toBe(29000);
      const stats = await performanceStatsRows(db.dataSource, SHOW);
      expect(stats.reduce((n, r) => n + r.listing_count, 0)).toBe(live.meta.listings);
      // The last rankings.updated announces the live version.
      await waitFor(async () => updates.at(-1)?.version === live.version, 'rankings.updated of the change');
    } finally {
      repo.replaceAllScores = replaceAll;
      finishStore();
      ranker.refitFraction = 0.1;
    }
  });

  it('skips the stores still waiting when a later full ranking will rewrite every score', async () => {
    const ranker = moduleRef.get(ShowRanker);
    const repo = moduleRef.get(ShowListingsRepository);
    ranker.refitFraction = 1;
    const replaceAll = repo.replaceAllScores.bind(repo);
    const replace = repo.replaceScores.bind(repo);
    let fullStores = 0;
    let changedStores = 0;
    let storing = (): void => undefined;
    const storeStarted = new Promise<void>((resolve) => (storing = resolve));
    let finishStore = (): void => undefined;
    const gate = new Promise<void>((resolve) => (finishStore = resolve));
    repo.replaceAllScores = async (...args) => {
      if (fullStores++ === 0) {
        storing();
        await gate;
      }
      await replaceAll(...args);
    };
    repo.replaceScores = (...args) => {
      changedStores++;
      return replace(...args);
    };
    try {
      const first = ranker.request(SHOW);
      await storeStarted;
      await updateTestListings(db.dataSource, ['1'], { allInCents: 28000 });
      const before = (await readScope(SHOW))!.version;
      // An incremental ranking: published, its store waiting behind the held full store.
      const changed = ranker.request(SHOW, ['1001']);
      await waitFor(async () => (await readScope(SHOW))!.version !== before, 'the change ranked');
      // Then a full one: its store rewrites everything, so the waiting incremental store is skipped.
      await updateTestListings(db.dataSource, ['1'], { allInCents: 27000 });
      const last = ranker.request(SHOW);
      await waitFor(async () => {
        const s = (await readScope(SHOW))!;
        return snapshotItem(s.snap, s.snap.ids.indexOf('1')).allInPrice.amount === 27000;
      }, 'the full ranking after it');
      finishStore();
      await Promise.all([first, changed, last]);
      await ranker.idle();
      expect({ fullStores, changedStores }).toEqual({ fullStores: 2, changedStores: 0 });
      const live = (await readScope(SHOW))!;
      const keyed = await listingScoreRows(db.dataSource, { showId: SHOW });
      expect(keyed.map((r) => r.listing_key)).toEqual(live.deal);
      expect(keyed.find((r) => r.listing_key === '1')!.all_in_cents).toBe(27000);
    } finally {
      repo.replaceAllScores = replaceAll;
      repo.replaceScores = replace;
      finishStore();
      ranker.refitFraction = 0.1;
    }
  });

  it('ranks a show again in full when a store failed (listing_scores is derived)', async () => {
    const ranker = moduleRef.get(ShowRanker);
    const repo = moduleRef.get(ShowListingsRepository);
    const replaceAll = repo.replaceAllScores.bind(repo);
    let calls = 0;
    repo.replaceAllScores = (...args) =>
      calls++ === 0 ? Promise.reject(new Error('Postgres away (test)')) : replaceAll(...args);
    ranker.indexRetryMs = 50;
    try {
      await updateTestListings(db.dataSource, ['1'], { allInCents: 33000 });
      await expect(ranker.request(SHOW)).rejects.toThrow('Postgres away (test)');
      // Live in Redis already; stored by the full ranking that follows by itself.
      expect(
        snapshotItem((await readScope(SHOW))!.snap, (await readScope(SHOW))!.snap.ids.indexOf('1')).allInPrice
          .amount,
      ).toBe(33000);
      await waitFor(
        async () => (await listingScoreRows(db.dataSource, { listingIds: ['1'] }))[0]?.all_in_cents === 33000,
        'the score stored by the retry',
        15_000,
      );
      expect(calls).toBe(2);
    } finally {
      repo.replaceAllScores = replaceAll;
      ranker.indexRetryMs = INDEX_RETRY_MS;
    }
    await ranker.idle();
  });

  it('ranks a show again by itself when Redis refused its index (no new message needed)', async () => {
    const ranker = moduleRef.get(ShowRanker);
    const writer = moduleRef.get(RankedIndexWriter);
    await ranker.idle();
    const before = await writer.currentVersion('hamilton');
    const publish = writer.publish.bind(writer);
    let calls = 0;
    writer.publish = (...args) =>
      calls++ === 0 ? Promise.reject(new Error('Redis away (test)')) : publish(...args);
    ranker.indexRetryMs = 50;
    try {
      await ranker.request('hamilton');
      expect(await writer.currentVersion('hamilton')).toBe(before);
      const after = await waitFor(
        async () => {
          const v = await writer.currentVersion('hamilton');
          return v !== before && v;
        },
        'the retried index',
        15_000,
      );
      expect((await readScope('hamilton'))?.version).toBe(after);
    } finally {
      writer.publish = publish;
      ranker.indexRetryMs = INDEX_RETRY_MS;
    }
    await ranker.idle();
  });

  it('rebuilds on start when Redis was flushed, and leaves a fresh index alone (snapshot written in pieces)', async () => {
    await redis.flushall();
    moduleRef.get(RankedIndexWriter).pieceBytes = 1000;
    const startup = moduleRef.get(StartupRebuild);
    expect(await startup.rebuildStale()).toEqual([SHOW]);
    expect((await readScope(SHOW))!.meta.listings).toBeGreaterThan(0);
    expect(await readScope(ALL_SHOWS)).not.toBeNull();
    expect(await startup.rebuildStale()).toEqual([]);
    moduleRef.get(RankedIndexWriter).pieceBytes = 4 * 1024 * 1024;
  });

  it('ranks a performance until its sales cut-off and drops it after (clock pinned)', async () => {
    const first = saturdayEvening(0);
    const ranker = moduleRef.get(ShowRanker);
    const ids = async (): Promise<string[]> =>
      (await listingRows(db.dataSource, { performanceId: '1000', activeOnly: true })).map((r) => r.id);
    const own = await ids();
    expect(own.length).toBeGreaterThan(0);

    // Five minutes before the cut-off (65 minutes before curtain): still on sale.
    clock.set(first.getTime() - 65 * 60_000);
    await ranker.request(SHOW);
    expect((await readScope(SHOW))!.deal).toEqual(expect.arrayContaining(own));

    // One minute past the cut-off: gone from the index and from the stored scores.
    clock.set(first.getTime() - 59 * 60_000);
    await ranker.request(SHOW);
    const after = await readScope(SHOW);
    for (const id of own) expect(after!.deal).not.toContain(id);
    const scored = await listingScoreRows(db.dataSource, { listingIds: own });
    expect(scored).toHaveLength(0);
    clock.set(NOW);
  });

  describe("what checkout would sell: the stored quantity less checkout's open holds, in the splits that fit", () => {
    const messaging = () => moduleRef.get(MessagingService);
    let n = 0;
    const orderEvent = (status: 'held' | 'failed', listingId: string, quantity: number) =>
      messaging().publishDurable(
        SUBJECTS.orderEvent(status),
        {
          orderId: randomUUID(),
          status,
          listingId,
          performanceId: '1002',
          quantity,
          totalCents: 0,
          at: clock.now().toISOString(),
        },
        `order-event-${++n}`,
      );
    const holds = (listingId: string, reserved: number) => setTestHold(db.dataSource, listingId, reserved);
    /** The listing as search would read it (the live index), once it matches `expected` (null: absent). */
    const offered = (id: string, expected: { quantity: number; splits: number[] } | null) =>
      waitFor(
        async () => {
          const live = await readScope(SHOW);
          const at = live ? live.snap.ids.indexOf(id) : -1;
          const item = live && at >= 0 ? snapshotItem(live.snap, at) : null;
          const seen = item && { quantity: item.quantity, splits: item.splits };
          return JSON.stringify(seen) === JSON.stringify(expected) ? { ok: true } : undefined;
        },
        `listing ${id} offered as ${JSON.stringify(expected)}`,
      );

    it('held seats leave search on orders.events.v1.held and come back on .failed; no fitting split → gone', async () => {
      await insertListing(
        '9001',
        '1002',
        'orchestra-center',
        'Orchestra Center',
        'H',
        [101, 102, 103, 104],
        40000,
        [],
      );
      await updateTestListings(db.dataSource, ['9001'], { splits: [2, 4] });
      await insertListing(
        '9002',
        '1002',
        'orchestra-center',
        'Orchestra Center',
        'J',
        [101, 102, 103],
        40000,
        [],
      );
      await moduleRef.get(ShowRanker).request(SHOW);
      await offered('9001', { quantity: 4, splits: [2, 4] });
      await offered('9002', { quantity: 3, splits: [3] });

      await holds('9001', 2);
      await orderEvent('held', '9001', 2);
      await offered('9001', { quantity: 2, splits: [2] }); // 4 is no longer sellable
      await holds('9001', 4);
      await orderEvent('held', '9001', 2);
      await offered('9001', null); // every seat held: not offered at all
      await holds('9001', 2);
      await orderEvent('failed', '9001', 2);
      await offered('9001', { quantity: 2, splits: [2] });

      // 3 seats sold only together: one held leaves 2, which no split allows.
      await holds('9002', 1);
      await orderEvent('held', '9002', 1);
      await offered('9002', null);
    });

    it('buying the last seats removes the listing within one ranking; a broker restock makes it sellable again', async () => {
      await insertListing('9003', '1002', 'orchestra-center', 'Orchestra Center', 'K', [101, 102], 40000, []);
      await moduleRef.get(ShowRanker).request(SHOW);
      await offered('9003', { quantity: 2, splits: [2] });
      // The sale confirmed: checkout's hold ended, ingestion took the seats off the listing
      // (as its orders.events consumer does) and announced it. One ranking later it is gone.
      await holds('9003', 0);
      await updateTestListings(db.dataSource, ['9003'], { quantity: 0, removedAt: clock.now() });
      pulls = 0;
      await messaging().publishDurable(SUBJECTS.inventoryChanged(SHOW), inventoryChanged(90), 'msg-90');
      await offered('9003', null);
      expect(pulls).toBe(1);
      // The broker lists the seats again (restocked, or a broker that forgot its sale): the
      // next pull stores its count, and the listing is on sale again.
      await updateTestListings(db.dataSource, ['9003'], { quantity: 2, removedAt: null });
      await messaging().publishDurable(SUBJECTS.inventoryChanged(SHOW), inventoryChanged(91), 'msg-91');
      await offered('9003', { quantity: 2, splits: [2] });
    });
  });
});
