import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import * as seedModule from '../testing/seed.js';
import { SavedSearchEntity } from '../entities/saved-search.entity.js';
import { execute, queryOne } from '../sql/queryable.js';
import * as queryModule from './index.js';
import type { ListingWrite } from './listing-staging.js';

/**
 * Every exported function of the query modules (and of the test seeds) runs here against a
 * freshly migrated database, so a column a migration renames or drops fails this test, not
 * production. The last test checks that none was left out: add a new query to a module and
 * this file must call it. Fixed instants throughout (never the machine's clock).
 */
const called = new Set<string>();
function tracked<T extends object>(module: T): T {
  return new Proxy(module, {
    get(target, name, receiver) {
      if (typeof name === 'string') called.add(name);
      return Reflect.get(target, name, receiver);
    },
  });
}
const q = tracked(queryModule);
const seed = tracked(seedModule);

const NOW = new Date('2031-03-04T15:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('queries');
});
afterAll(() => db.drop());

function listing(id: string, performanceId: string, over: Partial<ListingWrite> = {}): ListingWrite {
  return {
    id,
    performanceId,
    showId: 'hamilton',
    venueId: 'richard-rodgers',
    section: 'Orchestra',
    sectionId: 'orchestra-center',
    row: 'F',
    seats: [1, 2, 3, 4],
    quantity: 4,
    splits: [2, 4],
    retailCents: 20_000,
    wholesaleCents: 18_000,
    feesCents: 3_500,
    allInCents: 23_500,
    viewNotes: [],
    publicNotes: 'aisle \t "seat"',
    format: 'Eticket',
    inHand: true,
    signature: `sig-${id}`,
    contentHash: `h-${id}`,
    ...over,
  };
}

async function inTransaction<T>(work: (runner: import('typeorm').QueryRunner) => Promise<T>): Promise<T> {
  const runner = db.dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    const result = await work(runner);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

describe('catalogue', () => {
  it('writes and reads shows, venues and performances', async () => {
    const ds = db.dataSource;
    await q.upsertShow(ds, { id: 'hamilton', title: 'Hamilton', brokerPerformerId: 77 });
    await q.upsertShow(ds, { id: 'hamilton', title: 'Hamilton', brokerPerformerId: 78 });
    expect(await q.findShowPerformer(ds, 'hamilton')).toBe(78);
    expect(await q.findShowPerformer(ds, 'nope')).toBeUndefined();
    expect(await q.showIds(ds)).toEqual(['hamilton']);
    await q.upsertVenues(ds, [
      {
        id: 'richard-rodgers',
        brokerVenueId: 1001,
        name: 'Richard Rodgers Theatre',
        city: 'New York',
        timeZone: 'America/New_York',
      },
    ]);
    await q.upsertVenues(ds, []);
    await q.upsertPerformances(
      ds,
      [
        {
          id: '100',
          showId: 'hamilton',
          venueId: 'richard-rodgers',
          startsAt: at(-1),
          name: 'Hamilton',
          state: 'shown',
        },
        // 2031-03-06 19:00 New York: a Thursday evening.
        {
          id: '101',
          showId: 'hamilton',
          venueId: 'richard-rodgers',
          startsAt: new Date('2031-03-07T00:00:00Z'),
          name: 'Hamilton',
          state: 'shown',
        },
        {
          id: '102',
          showId: 'hamilton',
          venueId: 'richard-rodgers',
          startsAt: at(10),
          name: 'Hamilton',
          state: 'shown',
        },
      ],
      at(-5),
    );
    await q.markPerformancesPulled(ds, [
      { id: '101', brokerUpdatedAt: at(-2), readAt: at(-1) },
      { id: '102', brokerUpdatedAt: null, readAt: NOW },
    ]);
    await q.markPerformancesPulled(ds, []);
    const states = await q.performancePullStates(ds, 'hamilton');
    expect(states.get('101')).toEqual({ brokerUpdatedAt: at(-2), lastPulledAt: at(-1) });
    expect(states.get('102')).toEqual({ brokerUpdatedAt: null, lastPulledAt: NOW });
    expect(states.get('100')).toEqual({ brokerUpdatedAt: null, lastPulledAt: null });
    await q.forgetBrokerUpdatedAt(ds, '101');
    expect((await q.performancePullStates(ds, 'hamilton')).get('101')!.brokerUpdatedAt).toBeNull();

    expect(await q.showsOnSale(ds, NOW)).toEqual([
      expect.objectContaining({
        id: 'hamilton',
        title: 'Hamilton',
        venue_id: 'richard-rodgers',
        city: 'New York',
        last_start: at(10),
      }),
    ]);
    expect((await q.upcomingPerformances(ds, {}, NOW)).map((p) => p.id)).toEqual(['101', '102']);
    expect(
      await q.upcomingPerformances(ds, { show: 'hamilton', from: '2031-03-06', to: '2031-03-06' }, NOW),
    ).toEqual([
      {
        id: '101',
        show_id: 'hamilton',
        starts_at: new Date('2031-03-07T00:00:00Z'),
        venue_id: 'richard-rodgers',
        venue_name: 'Richard Rodgers Theatre',
        city: 'New York',
        time_zone: 'America/New_York',
      },
    ]);
  });
});

describe('listings', () => {
  it('merges pulls (COPY of new rows, staged merge of known ones, removals) and keeps price history', async () => {
    const first = await inTransaction((runner) =>
      q.mergeListings(runner, {
        at: at(-3),
        listings: [listing('1', '101'), listing('2', '101'), listing('3', '100'), listing('4', '102')],
        replacedPerformanceIds: ['101'],
        keepIds: [],
      }),
    );
    expect(first).toMatchObject({
      added: 4,
      changed: 0,
      removed: 0,
      priceChanges: 4,
      performanceIds: ['100', '101', '102'],
    });
    // A second pull streamed through the pipeline: 1 changes price, 2 is gone, 5 is new.
    const second = await inTransaction(async (runner) => {
      const pipeline = await q.MergePipeline.open(runner, at(-2), ['101']);
      pipeline.write([listing('1', '101', { retailCents: 19_000, allInCents: 22_500 })]);
      await pipeline.idle();
      pipeline.write([listing('5', '101')]);
      return pipeline.finish({ replacedPerformanceIds: ['101'], keepIds: [] });
    });
    expect(second).toMatchObject({
      added: 1,
      changed: 1,
      removed: 1,
      priceChanges: 2,
      performanceIds: ['101'],
    });
    // An aborted pipeline writes nothing once its transaction rolls back.
    await expect(
      inTransaction(async (runner) => {
        const pipeline = await q.MergePipeline.open(runner, at(-1), ['101']);
        pipeline.write([listing('6', '101')]);
        await pipeline.abort();
        throw new Error('held back');
      }),
    ).rejects.toThrow('held back');
    expect(await q.listingPriceHistory(db.dataSource, '1')).toEqual([
      { at: at(-3), all_in_cents: 23_500 },
      { at: at(-2), all_in_cents: 22_500 },
    ]);
    expect(await q.listingPriceHistory(db.dataSource, '1', 1)).toHaveLength(1);
    expect(await q.listingPriceHistory(db.dataSource, '6')).toEqual([]);
  });

  it('retires listings of started performances, counts the upcoming ones and takes sales off', async () => {
    const ds = db.dataSource;
    expect(await q.countActiveUpcomingListings(ds, 'hamilton', NOW)).toBe(3); // 1, 5 (101) and 4 (102)
    expect(await q.retireStartedListings(ds, 'hamilton', NOW)).toEqual({
      removed: 1,
      performanceIds: ['100'],
    });
    expect(await q.retireStartedListings(ds, 'hamilton', NOW)).toEqual({ removed: 0, performanceIds: [] });
    expect(await q.sellListingSeats(ds, { listingId: '5', quantity: 2, messageId: 'm1' })).toEqual({
      show_id: 'hamilton',
      performance_id: '101',
      gone: false,
    });
    expect(await queryOne(ds, 'SELECT quantity, splits, content_hash FROM listings WHERE id = 5')).toEqual({
      quantity: 2,
      splits: [2],
      content_hash: 'sold:m1',
    });
    expect(await q.sellListingSeats(ds, { listingId: '5', quantity: 2, messageId: 'm2' })).toMatchObject({
      gone: true,
    });
    expect(await q.sellListingSeats(ds, { listingId: '5', quantity: 1, messageId: 'm3' })).toBeUndefined();
    expect(await q.countActiveUpcomingListings(ds, 'hamilton', NOW)).toBe(2);
  });
});

describe('scores: search-api fallback and notifier reads', () => {
  const item = (id: string) => ({
    id,
    section: 'Orchestra',
    allInPrice: { amount: 22_500, currency: 'USD' },
  });
  const score = (id: string, performanceId: string, over: Partial<seedModule.ListingScoreSeed> = {}) => ({
    listingId: id,
    showId: 'hamilton',
    seatQuality: 80,
    qualityConfidence: 1,
    expectedCents: 22_500,
    dealScore: 70,
    explanation: 'Good.',
    performanceId,
    venueId: 'richard-rodgers',
    cityKey: 'new york',
    startsAt: new Date('2031-03-07T00:00:00Z'),
    localDate: '2031-03-06',
    weekday: 4,
    matinee: false,
    allInCents: 22_500,
    splits: [2, 4],
    hasViewNotes: false,
    sectionKeys: ['orchestra', 'orchestra-center'],
    rankDeal: -70,
    rankPrice: 22_500,
    rankQuality: -80,
    rankDate: 1,
    listingKey: id,
    item: item(id),
    ...over,
  });

  beforeAll(async () => {
    await seed.seedListingScores(db.dataSource, [
      score('1', '101'),
      score('4', '102', {
        rankDeal: -90,
        startsAt: at(10),
        localDate: '2031-03-14',
        weekday: 5,
        hasViewNotes: true,
      }),
    ]);
    await seed.seedPerformanceListingStats(db.dataSource, [
      {
        performanceId: '101',
        showId: 'hamilton',
        startsAt: new Date('2031-03-07T00:00:00Z'),
        localDate: '2031-03-06',
        listingCount: 1,
        lowestAllInCents: 22_500,
        bestDealScore: 70,
      },
    ]);
    await seed.analyzeDatabase(db.dataSource);
  });

  it('pages listings by every filter, from a cursor', async () => {
    const page = (
      filters: Partial<queryModule.ListingSearchFilters>,
      after?: { score: number; id: string },
    ) =>
      q.searchListings(db.dataSource, {
        filters: { clearView: false, ...filters },
        startsAfter: NOW,
        sort: 'deal',
        take: 10,
        after,
      });
    expect((await page({})).map((r) => r.id)).toEqual(['4', '1']);
    expect((await page({}))[1]).toEqual({
      id: '1',
      item: JSON.stringify(item('1')),
      score: -70,
      starts_at: new Date('2031-03-07T00:00:00Z'),
    });
    expect((await page({}, { score: -90, id: '4' })).map((r) => r.id)).toEqual(['1']);
    const all = {
      show: 'hamilton',
      city: 'new york',
      from: '2031-03-06',
      to: '2031-03-06',
      days: ['thu' as const],
      time: 'evening' as const,
      quantity: 2,
      maxPriceCents: 30_000,
      section: 'orchestra',
      clearView: true,
    };
    expect((await page(all)).map((r) => r.id)).toEqual(['1']);
    expect(await page({ ...all, time: 'matinee' })).toEqual([]);
  });

  it('reads a listing with its scores, the per-performance stats and the matching columns', async () => {
    const ds = db.dataSource;
    expect(await q.findListingDetail(ds, '1')).toMatchObject({
      id: '1',
      performance_id: '101',
      venue_name: 'Richard Rodgers Theatre',
      time_zone: 'America/New_York',
      seats: [1, 2, 3, 4],
      retail_cents: 19_000,
      all_in_cents: 22_500,
      seat_quality: 80,
      item: item('1'),
      removed_at: null,
    });
    expect(await q.findListingDetail(ds, '999')).toBeUndefined();
    expect(
      await q.performanceListingStats(ds, { show: 'hamilton', from: '2031-03-01', to: '2031-03-31' }, NOW),
    ).toEqual([{ id: '101', count: 1, lowest: 22_500, best: 70 }]);
    const columns = await q.scoredListingsOfShow(ds, 'hamilton', NOW);
    expect(columns.find((r) => r.id === '1')).toEqual({
      id: '1',
      all_in_cents: 22_500,
      seat_quality: 80,
      local_date: '2031-03-06',
      weekday: 4,
      matinee: false,
      has_view_notes: false,
      splits: [2, 4],
      section_keys: ['orchestra', 'orchestra-center'],
      city_key: 'new york',
      starts_ms: Date.parse('2031-03-07T00:00:00Z'),
    });
    expect(await q.publishedItems(ds, ['1', '999'])).toEqual(new Map([['1', item('1')]]));
    expect(await q.publishedItems(ds, [])).toEqual(new Map());
  });

  it('seeds listings through two pulls', async () => {
    await seed.seedListingsThroughPulls(db.dataSource, [
      { at: at(-2), listings: [listing('7', '102', { allInCents: 30_000 })] },
      { at: at(-1), listings: [listing('7', '102')] },
    ]);
    expect(await q.listingPriceHistory(db.dataSource, '7')).toHaveLength(2);
  });
});

describe('outbox and processed messages', () => {
  it('enqueues, relays, fails and cleans up', async () => {
    const ds = db.dataSource;
    const ids = [randomUUID(), randomUUID()];
    await ds.transaction(async (m) => {
      for (const id of ids)
        await q.insertOutboxMessage(m, {
          messageId: id,
          subject: 's.v1',
          payload: '{"a":1}',
          headers: '{"h":"v"}',
          channel: 'hamiltix_outbox',
        });
    });
    expect(await q.countOutboxBacklog(ds)).toBe(2);
    expect(await q.countUnpublished(ds, ids)).toBe(2);
    await ds.transaction(async (m) => {
      expect(await q.tryLockOutboxRelay(m)).toBe(true);
      const rows = await q.lockUnpublishedOutbox(m, 10);
      expect(rows.map((r) => [r.message_id, r.subject, r.payload, r.headers])).toEqual([
        [ids[0], 's.v1', { a: 1 }, { h: 'v' }],
        [ids[1], 's.v1', { a: 1 }, { h: 'v' }],
      ]);
      await q.markOutboxPublished(m, [rows[0].id]);
      await q.markOutboxFailed(m, rows[1].id, 'NATS down');
    });
    expect(await q.countUnpublished(ds, ids)).toBe(1);
    expect(
      await queryOne(ds, 'SELECT attempts, last_error FROM outbox WHERE message_id = $1', [ids[1]]),
    ).toEqual({
      attempts: 1,
      last_error: 'NATS down',
    });
    expect(await q.deletePublishedOutbox(ds)).toBe(0);
    await execute(
      ds,
      "UPDATE outbox SET published_at = now() - interval '2 days' WHERE published_at IS NOT NULL",
    );
    expect(await q.deletePublishedOutbox(ds)).toBe(1);

    expect(await q.claimProcessedMessage(ds, 'c1', ids[0])).toBe(true);
    expect(await q.claimProcessedMessage(ds, 'c1', ids[0])).toBe(false);
    expect(await q.claimProcessedMessage(ds, 'c2', ids[0])).toBe(true);
    expect(await q.deleteOldProcessedMessages(ds)).toBe(0);
    await execute(
      ds,
      "UPDATE processed_messages SET processed_at = now() - interval '9 days' WHERE consumer = 'c2'",
    );
    expect(await q.deleteOldProcessedMessages(ds)).toBe(1);
  });
});

describe('saved searches', () => {
  const search = (email: string) =>
    Object.assign(new SavedSearchEntity(), {
      id: randomUUID(),
      status: 'pending',
      email,
      showId: 'hamilton',
      filters: { quantity: 2 },
      targetMaxCents: 25_000,
      targetMinQuality: null,
      accessTokenHash: 'a',
      confirmTokenHash: 'c',
      createdAt: at(-10),
      confirmedAt: null,
      lastSentAt: null,
    } satisfies SavedSearchEntity);

  it('signs up within limits, activates, claims sends and remembers prices', async () => {
    const ds = db.dataSource;
    expect(await q.showExists(ds, 'hamilton')).toBe(true);
    expect(await q.showExists(ds, 'hadestown')).toBe(false);
    const a = search('a@example.com');
    const b = search('a@example.com');
    expect(await q.insertSavedSearchWithinLimit(ds, a, 2)).toBe(true);
    expect(await q.insertSavedSearchWithinLimit(ds, b, 2)).toBe(true);
    expect(await q.insertSavedSearchWithinLimit(ds, search('a@example.com'), 2)).toBe(false);
    expect((await q.findSavedSearch(ds, a.id))?.email).toBe('a@example.com');
    expect(await q.activateSavedSearch(ds, a, NOW, 1)).toBe('active');
    expect(await q.activateSavedSearch(ds, b, NOW, 1)).toBe('limit');
    expect(await q.countSavedSearchesByStatus(ds)).toEqual({ pending: 1, active: 1 });

    const active = await q.activeSavedSearchesForShow(ds, 'hamilton', NOW);
    expect(active).toEqual([
      {
        id: a.id,
        email: 'a@example.com',
        showId: 'hamilton',
        filters: { quantity: 2 },
        targetMaxCents: 25_000,
        targetMinQuality: null,
        lastSentAt: null,
        notified: new Map(),
      },
    ]);
    expect(await q.claimSavedSearchSend(ds, a.id, NOW, at(-1))).toBe(true);
    expect(await q.claimSavedSearchSend(ds, a.id, NOW, at(-1))).toBe(false);
    await q.releaseSavedSearchSend(ds, a.id, null);
    await q.recordSavedSearchNotified(ds, a.id, [{ listingId: '1', allInCents: 22_500 }], NOW);
    await q.recordSavedSearchNotified(ds, a.id, [{ listingId: '1', allInCents: 21_000 }], NOW);
    await q.recordSavedSearchNotified(ds, a.id, [], NOW);
    expect((await q.activeSavedSearchesForShow(ds, 'hamilton', NOW))[0].notified).toEqual(
      new Map([['1', 21_000]]),
    );

    expect(await q.deletePendingSavedSearchesBefore(ds, at(-11))).toBe(0);
    expect(await q.deletePendingSavedSearchesBefore(ds, NOW)).toBe(1);
    expect(await q.deleteSavedSearch(ds, a.id)).toBe(true);
    expect(await q.deleteSavedSearch(ds, a.id)).toBe(false);
  });
});

describe('broker sandbox journal (its own schema)', () => {
  it('appends, loads in order and clears', async () => {
    const table = new q.SandboxJournalTable<{ n: number }>(db.url);
    try {
      await table.append({ n: 1 });
      await table.append({ n: 2 });
      expect(await table.load()).toEqual([{ n: 1 }, { n: 2 }]);
      await table.clear();
      expect(await table.load()).toEqual([]);
    } finally {
      await table.close();
    }
  });
});
it("every exported query function (and test seed) was run above or by its module's own spec", () => {
  const exported = (m: object) =>
    Object.entries(m)
      .filter(([, v]) => typeof v === 'function')
      .map(([k]) => k);
  // Checkout's modules (orders, payments, reservations, idempotency…) have specs of their own.
  const here = dirname(fileURLToPath(import.meta.url));
  const otherSpecs = readdirSync(here)
    .filter((f) => f.endsWith('.spec.ts') && f !== 'queries.spec.ts')
    .map((f) => readFileSync(join(here, f), 'utf8'))
    .join('\n');
  const missing = [...exported(queryModule), ...exported(seedModule)].filter(
    (name) => !called.has(name) && !new RegExp(`\\b${name}\\(`).test(otherSpecs),
  );
  expect(missing).toEqual([]);
});
