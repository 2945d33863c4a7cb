import { decodeRankedSnapshot, encodeRankedSnapshot } from '@hamiltix/contracts';
import { upsertPerformances, upsertShow, upsertVenues } from '@hamiltix/persistence';
import {
  createTestDatabase,
  insertTestListings,
  setTestHold,
  updateTestListings,
  type TestDatabase,
} from '@hamiltix/persistence/testing';
import { rankShow, syntheticInventory, toRankable } from '@hamiltix/ranking';

import { getVenue } from '@hamiltix/venues';
import { rankFullShow } from './full-ranking.js';
import { buildDocs } from './ranked-docs.js';
import { ShowListingsRepository } from './show-listings.repository.js';

// The two-pass full ranking against the one-pass path it replaces (activeListings → rankShow
// → buildDocs → encodeRankedSnapshot → replaceScores), on the synthetic inventory stored in
// Postgres: the same snapshot bytes and the same listing_scores and performance_listing_stats rows.

const SHOW = 'hamilton';
const NOW = new Date('2026-09-01T16:00:00Z');
/** The sales cut-off: performances before it are not ranked (a few of the synthetic schedule). */
const ON_SALE_AFTER = new Date('2026-09-04T00:00:00Z');
let db: TestDatabase;
let repo: ShowListingsRepository;

beforeAll(async () => {
  db = await createTestDatabase('ranking_full');
  repo = new ShowListingsRepository(db.dataSource);
  const venue = getVenue('richard-rodgers')!;
  await upsertShow(db.dataSource, { id: SHOW, title: 'Hamilton', brokerPerformerId: 1 });
  await upsertVenues(db.dataSource, [
    { id: venue.id, brokerVenueId: 10, name: venue.name, city: 'New York', timeZone: venue.timeZone },
  ]);
  const listings = syntheticInventory({ listings: 2_500, now: NOW, seed: 5, notedShare: 0.1 });
  const performances = new Map(listings.map((l) => [l.performanceId, l.startsAtMs]));
  await upsertPerformances(
    db.dataSource,
    [...performances].map(([id, startsAtMs]) => ({
      id,
      showId: SHOW,
      venueId: venue.id,
      startsAt: new Date(startsAtMs),
      name: 'Hamilton',
      state: 'shown' as const,
    })),
    NOW,
  );
  await db.dataSource.transaction(async (manager) => {
    await insertTestListings(
      manager,
      listings.map((l, i) => ({
        ...l,
        showId: SHOW,
        seats: [...l.seats],
        viewNotes: [...l.viewNotes],
        // Some splits no longer fit once seats are held; some listings are wholly held.
        splits: i % 7 === 0 ? [2, l.quantity] : [l.quantity],
        seenAt: NOW,
      })),
    );
  });
  for (const l of listings.slice(0, 60))
    await setTestHold(db.dataSource, l.id, l.quantity > 1 ? 1 : l.quantity);
  // Removed listings: not ranked, and their stale scores deleted.
  await updateTestListings(db.dataSource, [listings[100].id, listings[101].id], { removedAt: NOW });
}, 120_000);
afterAll(() => db?.drop());

async function tables(): Promise<{ scores: unknown[]; stats: unknown[] }> {
  return {
    scores: await db.dataSource.query('SELECT * FROM listing_scores ORDER BY listing_id'),
    stats: await db.dataSource.query('SELECT * FROM performance_listing_stats ORDER BY performance_id'),
  };
}

async function clear(): Promise<void> {
  await db.dataSource.query('DELETE FROM listing_scores');
  await db.dataSource.query('DELETE FROM performance_listing_stats');
}

it('two passes in batches give the one-pass snapshot bytes, listing_scores and stats rows', async () => {
  // The one-pass path.
  const stored = await repo.activeListings(SHOW, ON_SALE_AFTER);
  const result = rankShow(stored.listings.map(toRankable), NOW);
  const docs = buildDocs(SHOW, stored, result.ranked);
  const expected = encodeRankedSnapshot(docs);
  await clear();
  await db.dataSource.transaction((m) => repo.replaceScores(m, SHOW, result.ranked, NOW, docs));
  const before = await tables();
  expect(result.ranked.length).toBeGreaterThan(2_000);

  for (const batches of [
    { fetch: 97, docs: 131 },
    { fetch: 5_000, docs: 2_000 },
  ]) {
    const full = await rankFullShow(db.dataSource, SHOW, ON_SALE_AFTER, NOW, undefined, batches);
    expect(full.count).toBe(result.ranked.length);
    expect(full.fit).toEqual(result.fit);
    expect(Buffer.from(full.snapshot)).toEqual(Buffer.from(expected));
    // A stale row of a listing no longer ranked, and a second run over rows already there.
    await clear();
    await db.dataSource.query(
      `INSERT INTO listing_scores (listing_id, show_id, seat_quality, quality_confidence, expected_cents, deal_score,
                                   explanation, ranked_at)
       SELECT id, show_id, 1, 1, 1, 1, 'x', $1 FROM listings WHERE removed_at IS NOT NULL`,
      [NOW],
    );
    for (let run = 0; run < 2; run++) {
      await db.dataSource.transaction((m) =>
        repo.replaceAllScores(m, SHOW, decodeRankedSnapshot(full.snapshot), full, NOW),
      );
      expect(await tables()).toEqual(before);
    }
  }
}, 120_000);
