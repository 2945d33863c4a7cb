import {
  ALL_SHOWS,
  decodeRankedSnapshot,
  rankedKeys,
  snapshotItem,
  type RankedSnapshotColumns,
} from '@hamiltix/contracts';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { upsertPerformances, upsertShow, upsertVenues } from '@hamiltix/persistence';
import { insertTestListings, updateTestListings } from '@hamiltix/persistence/testing';

/**
 * The replica tests' inventory: two shows at one venue, 3 performances each, 20 listings
 * per performance; the first listing of each show is the one whose price moves.
 */
export const SHOWS = ['hamilton', 'hamilton-tour'] as const;
export const LISTINGS_PER_SHOW = 60;
const DAY = 86_400_000;

export const firstListing = (show: number) => 10_000 * (show + 1);
export const firstPerformance = (show: number) => String(1000 * (show + 1));
/** The seeded price of the first listing of a show. */
export const seededPrice = (show: number) => ((firstListing(show) * 7919) % 40_000) + 20_000;

export async function seedTwoShows(db: DataSource, now: Date): Promise<void> {
  await upsertVenues(db, [
    {
      id: 'richard-rodgers',
      brokerVenueId: 10,
      name: 'Richard Rodgers Theatre',
      city: 'New York',
      timeZone: 'America/New_York',
    },
  ]);
  for (const [s, showId] of SHOWS.entries()) {
    await upsertShow(db, { id: showId, title: 'Hamilton', brokerPerformerId: s + 1 });
    for (let p = 0; p < 3; p++) {
      const performanceId = String(1000 * (s + 1) + p);
      await upsertPerformances(
        db,
        [
          {
            id: performanceId,
            showId,
            venueId: 'richard-rodgers',
            startsAt: new Date(now.getTime() + (10 + p) * DAY),
            name: 'Hamilton',
            state: 'shown',
          },
        ],
        now,
      );
      for (let i = 0; i < 20; i++) {
        const id = firstListing(s) + p * 20 + i;
        await insertTestListings(db, [
          {
            id: String(id),
            performanceId,
            showId,
            venueId: 'richard-rodgers',
            section: 'Orchestra Center',
            sectionId: 'orchestra-center',
            row: 'ABCDEFGHJK'[i % 10],
            seats: [101, 102],
            allInCents: 20_000 + ((id * 7919) % 40_000),
            seenAt: now,
          },
        ]);
      }
    }
  }
}

/** Sets the price of a show's first listing, as a pull would. */
export async function setPrice(db: DataSource, show: number, cents: number, at: Date): Promise<void> {
  await updateTestListings(db, [String(firstListing(show))], {
    allInCents: cents,
    retailCents: cents,
    wholesaleCents: cents,
    updatedAt: at,
  });
}

/** The live snapshot of a scope, as search-api reads it. */
export async function liveSnapshot(
  redis: Redis,
  scope: string,
): Promise<{ version: string; columns: RankedSnapshotColumns; priceOf: (id: string) => number | undefined }> {
  const version = (await redis.get(rankedKeys.currentSnapshot(scope)))!;
  const columns = decodeRankedSnapshot((await redis.getBuffer(rankedKeys.snapshot(scope, version)))!);
  const priceOf = (id: string) => {
    const i = columns.ids.indexOf(id);
    return i < 0 ? undefined : snapshotItem(columns, i).allInPrice.amount;
  };
  return { version, columns, priceOf };
}

/**
 * Each show's live index has its latest price, and so has the all-shows index, which was
 * built from exactly the shows' live versions and holds every listing of both.
 */
export async function expectLatest(redis: Redis, prices: readonly number[]): Promise<void> {
  const all = await liveSnapshot(redis, ALL_SHOWS);
  const meta = JSON.parse((await redis.get(rankedKeys.meta(ALL_SHOWS, all.version)))!) as {
    versions: Record<string, string>;
    listings: number;
  };
  for (const [s, showId] of SHOWS.entries()) {
    const show = await liveSnapshot(redis, showId);
    const id = String(firstListing(s));
    expect(show.priceOf(id)).toBe(prices[s]);
    expect(all.priceOf(id)).toBe(prices[s]);
    expect(meta.versions[showId]).toBe(show.version);
  }
  expect(meta.listings).toBe(SHOWS.length * LISTINGS_PER_SHOW);
  expect(all.columns.count).toBe(SHOWS.length * LISTINGS_PER_SHOW);
}
