import {
  ALL_SHOWS,
  decodeRankedSnapshot,
  rankedKeys,
  snapshotItem,
  type RankedSnapshotColumns,
} from '@hamiltix/contracts';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';

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
  const q = (sql: string, params: unknown[] = []) => db.query(sql, params);
  await q(`INSERT INTO venues (id, broker_venue_id, name, city, time_zone)
           VALUES ('richard-rodgers', 10, 'Richard Rodgers Theatre', 'New York', 'America/New_York')`);
  for (const [s, showId] of SHOWS.entries()) {
    await q(`INSERT INTO shows (id, title, broker_performer_id) VALUES ($1, 'Hamilton', $2)`, [
      showId,
      s + 1,
    ]);
    for (let p = 0; p < 3; p++) {
      const performanceId = String(1000 * (s + 1) + p);
      await q(
        `INSERT INTO performances (id, show_id, venue_id, starts_at, name) VALUES ($1, $2, 'richard-rodgers', $3, 'Hamilton')`,
        [performanceId, showId, new Date(now.getTime() + (10 + p) * DAY)],
      );
      for (let i = 0; i < 20; i++) {
        const id = firstListing(s) + p * 20 + i;
        const cents = 20_000 + ((id * 7919) % 40_000);
        await q(
          `INSERT INTO listings (id, performance_id, show_id, venue_id, section, section_id, row, seats, quantity, splits,
                                 retail_cents, wholesale_cents, fees_cents, all_in_cents, view_notes, content_hash,
                                 first_seen_at, updated_at)
           VALUES ($1, $2, $3, 'richard-rodgers', 'Orchestra Center', 'orchestra-center', $4, '{101,102}', 2, '{2}',
                   $5, $5, 0, $5, '{}', 'h', $6, $6)`,
          [id, performanceId, showId, 'ABCDEFGHJK'[i % 10], cents, now],
        );
      }
    }
  }
}

/** Sets the price of a show's first listing, as a pull would. */
export async function setPrice(db: DataSource, show: number, cents: number, at: Date): Promise<void> {
  await db.query(
    `UPDATE listings SET all_in_cents = $2, retail_cents = $2, wholesale_cents = $2, updated_at = $3 WHERE id = $1`,
    [firstListing(show), cents, at],
  );
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
