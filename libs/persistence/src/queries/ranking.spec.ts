import { createTestDatabase, type TestDatabase } from '@hamiltix/persistence/testing';
import { acquireAdvisoryLock } from '../sql/index.js';
import {
  deleteListingScoresExcept,
  knownShowIds,
  listingsByIds,
  lastShowChangeMs,
  rankedShowIds,
  rankingLockKey,
  replacePerformanceStats,
  showInventory,
  showInventoryBatches,
  showOfListing,
  upsertListingScores,
  venueNames,
  type ListingScoreColumns,
} from './ranking.js';

// Every ranking query against a freshly migrated database: a column renamed or retyped by a
// migration fails here.

let db: TestDatabase;
const NOW = new Date('2026-06-02T18:00:00Z');
const LATER = new Date('2026-06-20T23:00:00Z');
const PAST = new Date('2026-06-01T23:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase('queries_ranking');
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  await q(
    `INSERT INTO shows (id, title, broker_performer_id) VALUES ('hamilton', 'Hamilton', 1), ('other', 'Other', 2)`,
  );
  await q(`INSERT INTO venues (id, broker_venue_id, name, city, time_zone)
           VALUES ('richard-rodgers', 10, 'Richard Rodgers Theatre', 'New York', 'America/New_York')`);
  await q(
    `INSERT INTO performances (id, show_id, venue_id, starts_at, name)
           VALUES (1, 'hamilton', 'richard-rodgers', $1, 'Hamilton'), (2, 'hamilton', 'richard-rodgers', $2, 'Hamilton'),
                  (3, 'hamilton', 'richard-rodgers', $1, 'Hamilton')`,
    [LATER, PAST],
  );
  const listing = (id: number, performance: number, extra = '') =>
    q(
      `INSERT INTO listings (id, performance_id, show_id, venue_id, section, section_id, row, seats, quantity, splits,
                             retail_cents, wholesale_cents, fees_cents, all_in_cents, view_notes, content_hash,
                             first_seen_at, updated_at ${extra ? ', removed_at' : ''})
       VALUES ($1, $2, 'hamilton', 'richard-rodgers', 'ORCH', 'orchestra-center', 'F', '{1,2}', 2, '{2}',
               10000, 10000, 0, 12000, '{"Obstructed view"}', 'h', $3, $3 ${extra ? ', $3' : ''})`,
      [id, performance, NOW],
    );
  await listing(11, 1);
  await listing(12, 1, 'removed');
  await listing(21, 2); // its performance is past the cut-off
  await listing(31, 3);
});
afterAll(() => db.drop());

function scoreColumns(ids: string[], performanceId: string): ListingScoreColumns {
  const each = <T>(v: T) => ids.map(() => v);
  return {
    listingId: ids,
    seatQuality: each(80),
    qualityConfidence: each(0.9),
    expectedCents: each(13000),
    dealScore: each(61.5),
    explanation: each('Orchestra row F, 8% below similar seats.'),
    performanceId: each(performanceId),
    venueId: each('richard-rodgers'),
    cityKey: each('new york'),
    startsAt: each(LATER.toISOString()),
    localDate: each('2026-06-20'),
    weekday: each(6),
    matinee: each(false),
    allInCents: each(12000),
    splits: each('{2}'),
    hasViewNotes: each(true),
    sectionKeys: each('{"orchestra","orchestra-center"}'),
    rankDeal: each(-61.5),
    rankPrice: each(12000),
    rankQuality: each(-80),
    rankDate: each(LATER.getTime()),
    item: ids.map((id) => JSON.stringify({ id })),
  };
}

describe('ranking queries', () => {
  it('showInventory: sellable listings as ranking reads them, all or of some performances, and the venues', async () => {
    const all = await showInventory(db.dataSource, 'hamilton', NOW);
    expect(all.listings.map((l) => l.id).sort()).toEqual(['11', '31']);
    expect(all.listings.find((l) => l.id === '11')).toEqual({
      id: '11',
      performanceId: '1',
      venueId: 'richard-rodgers',
      startsAtMs: LATER.getTime(),
      timeZone: 'America/New_York',
      section: 'ORCH',
      sectionId: 'orchestra-center',
      row: 'F',
      seats: [1, 2],
      quantity: 2,
      splits: [2],
      allInCents: 12000,
      viewNotes: ['Obstructed view'],
    });
    expect(all.venues.get('richard-rodgers')).toEqual({
      id: 'richard-rodgers',
      name: 'Richard Rodgers Theatre',
      city: 'New York',
    });
    const some = await showInventory(db.dataSource, 'hamilton', NOW, ['3']);
    expect(some.listings.map((l) => l.id)).toEqual(['31']);
    // Checkout's open holds are not for sale: 1 of 2 held leaves 1; 2 of 2 leaves the listing out.
    await db.dataSource.query(
      `INSERT INTO listing_reservations (listing_id, available_quantity, reserved_quantity) VALUES (31, 2, 1)`,
    );
    expect((await showInventory(db.dataSource, 'hamilton', NOW, ['3'])).listings[0].quantity).toBe(1);
    await db.dataSource.query(`UPDATE listing_reservations SET reserved_quantity = 2 WHERE listing_id = 31`);
    expect((await showInventory(db.dataSource, 'hamilton', NOW, ['3'])).listings).toEqual([]);
    await db.dataSource.query(`DELETE FROM listing_reservations`);
    expect(await showOfListing(db.dataSource, '11')).toBe('hamilton');
    expect(await showOfListing(db.dataSource, '999')).toBeUndefined();
  });

  it('showInventoryBatches and listingsByIds: the same rows as showInventory, by a cursor in batches or by id', async () => {
    const all = await showInventory(db.dataSource, 'hamilton', NOW);
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    const batches = await db.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const out: { id: string }[][] = [];
      for await (const batch of showInventoryBatches(manager, 'hamilton', NOW, 1)) out.push(batch);
      // The cursor is closed when the loop ends: another of the same name can be declared.
      for await (const batch of showInventoryBatches(manager, 'hamilton', NOW, 5)) {
        expect(batch).toHaveLength(2);
        break;
      }
      return out;
    });
    expect(batches.map((b) => b.length)).toEqual([1, 1]);
    expect(byId(batches.flat())).toEqual(byId(all.listings));
    await expect(async () => {
      for await (const _ of showInventoryBatches(db.dataSource, 'hamilton', NOW, 0)) break;
    }).rejects.toThrow(/batch size/);
    expect(byId(await listingsByIds(db.dataSource, 'hamilton', NOW, ['31', '11', '12', '21']))).toEqual(
      byId(all.listings),
    );
    expect(await listingsByIds(db.dataSource, 'other', NOW, ['11'])).toEqual([]);
    expect((await venueNames(db.dataSource)).get('richard-rodgers')?.city).toBe('New York');
  });

  it('upsertListingScores, deleteListingScoresExcept, rankedShowIds, lastShowChangeMs', async () => {
    const ds = db.dataSource;
    await upsertListingScores(ds, 'hamilton', scoreColumns(['11'], '1'), NOW);
    await upsertListingScores(ds, 'hamilton', scoreColumns(['31'], '3'), NOW);
    // The same values again: not rewritten (ranked_at stays).
    await upsertListingScores(ds, 'hamilton', scoreColumns(['11'], '1'), LATER);
    const rows: { listing_id: string; ranked_at: Date; item: unknown; section_keys: string[] }[] =
      await ds.query(`SELECT listing_id::text, ranked_at, item, section_keys FROM listing_scores ORDER BY 1`);
    expect(rows.map((r) => [r.listing_id, r.ranked_at.toISOString()])).toEqual([
      ['11', NOW.toISOString()],
      ['31', NOW.toISOString()],
    ]);
    expect(rows[0].item).toEqual({ id: '11' });
    expect(rows[0].section_keys).toEqual(['orchestra', 'orchestra-center']);
    expect(await rankedShowIds(ds)).toEqual(['hamilton']);
    expect(await knownShowIds(ds)).toEqual(['hamilton', 'other']);
    expect(await lastShowChangeMs(ds, 'hamilton')).toBe(NOW.getTime());
    expect(await lastShowChangeMs(ds, 'other')).toBe(0);

    // Only performance 3's scores are replaced: 11 (performance 1) stays.
    expect(await deleteListingScoresExcept(ds, 'hamilton', [], ['3'])).toBe(1);
    expect(await deleteListingScoresExcept(ds, 'hamilton', ['11'])).toBe(0);
    expect(await deleteListingScoresExcept(ds, 'hamilton', [])).toBe(1);
  });

  it('replacePerformanceStats: the whole show, or some performances', async () => {
    const ds = db.dataSource;
    const stats = (ids: string[], count: number) => ({
      performanceId: ids,
      startsAt: ids.map(() => LATER.toISOString()),
      localDate: ids.map(() => '2026-06-20'),
      listingCount: ids.map(() => count),
      lowestAllInCents: ids.map(() => 12000),
      bestDealScore: ids.map(() => 61.5),
    });
    const read = async () =>
      (
        (await ds.query(
          `SELECT performance_id::text AS p, listing_count AS n FROM performance_listing_stats ORDER BY 1`,
        )) as { p: string; n: number }[]
      ).map((r) => [r.p, r.n]);
    await replacePerformanceStats(ds, 'hamilton', stats(['1', '3'], 1), NOW);
    expect(await read()).toEqual([
      ['1', 1],
      ['3', 1],
    ]);
    await replacePerformanceStats(ds, 'hamilton', stats([], 0), NOW, ['3']);
    expect(await read()).toEqual([['1', 1]]);
    await replacePerformanceStats(ds, 'hamilton', stats(['3'], 5), NOW);
    expect(await read()).toEqual([['3', 5]]);
  });

  it('rankingLockKey: one holder per scope', async () => {
    const first = await acquireAdvisoryLock(db.dataSource, rankingLockKey('show:hamilton'));
    expect(
      await acquireAdvisoryLock(db.dataSource, rankingLockKey('show:hamilton'), { waitMs: 0 }),
    ).toBeUndefined();
    const other = await acquireAdvisoryLock(db.dataSource, rankingLockKey('show:other'), { waitMs: 0 });
    expect(other).toBeDefined();
    await Promise.all([first!.release(), other!.release()]);
  });
});
