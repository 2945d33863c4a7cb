import type { DataSource } from 'typeorm';
import { mergeListings } from '../queries/listing-merge.js';
import type { ListingWrite } from '../queries/listing-staging.js';
import { execute, type Queryable } from '../sql/queryable.js';

/**
 * Test and benchmark data written through the real paths where persistence has them
 * (ingestion's listing merge), and by plain inserts for what ranking writes (its writers
 * still live in apps/ranking: replace these with them once they move here). Test code only.
 */

/**
 * Listings as ingestion's pulls store them: one pull at each step of `history` (oldest
 * first; each a price per listing id), each in its own transaction, so `listings` ends at
 * the last step's row and `price_history` holds every step. The listings' performances
 * must exist.
 */
export async function seedListingsThroughPulls(
  dataSource: DataSource,
  history: readonly { at: Date; listings: readonly ListingWrite[] }[],
): Promise<void> {
  for (const step of history) {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await mergeListings(runner, {
        at: step.at,
        listings: step.listings,
        replacedPerformanceIds: [],
        keepIds: [],
      });
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}

/** A `listing_scores` row as ranking writes it: the scores and the fallback's search fields. */
export interface ListingScoreSeed {
  listingId: string;
  showId: string;
  seatQuality: number;
  qualityConfidence: number;
  expectedCents: number;
  dealScore: number;
  explanation: string;
  performanceId: string;
  venueId: string;
  cityKey: string;
  startsAt: Date;
  localDate: string;
  /** 0 = Sunday. */
  weekday: number;
  matinee: boolean;
  allInCents: number;
  splits: number[];
  hasViewNotes: boolean;
  sectionKeys: string[];
  rankDeal: number;
  rankPrice: number;
  rankQuality: number;
  rankDate: number;
  listingKey: string;
  /** The published item (json). */
  item: unknown;
}

/** Inserts `listing_scores` rows (in chunks of 2000). */
export async function seedListingScores(db: Queryable, rows: readonly ListingScoreSeed[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    await execute(
      db,
      `INSERT INTO listing_scores (listing_id, show_id, seat_quality, quality_confidence, expected_cents, deal_score, explanation,
              performance_id, venue_id, city_key, starts_at, local_date, weekday, matinee, all_in_cents, splits,
              has_view_notes, section_keys, rank_deal, rank_price, rank_quality, rank_date, listing_key, item)
       SELECT x."listingId", x."showId", x."seatQuality", x."qualityConfidence", x."expectedCents", x."dealScore",
              x.explanation, x."performanceId", x."venueId", x."cityKey", x."startsAt", x."localDate", x.weekday,
              x.matinee, x."allInCents", x.splits, x."hasViewNotes", x."sectionKeys", x."rankDeal", x."rankPrice",
              x."rankQuality", x."rankDate", x."listingKey", x.item
         FROM json_to_recordset($1::json) AS x("listingId" bigint, "showId" text, "seatQuality" real,
              "qualityConfidence" real, "expectedCents" int, "dealScore" real, explanation text, "performanceId" bigint,
              "venueId" text, "cityKey" text, "startsAt" timestamptz, "localDate" date, weekday smallint,
              matinee boolean, "allInCents" int, splits int[], "hasViewNotes" boolean, "sectionKeys" text[],
              "rankDeal" float8, "rankPrice" float8, "rankQuality" float8, "rankDate" float8, "listingKey" text,
              item json)`,
      [JSON.stringify(rows.slice(i, i + 2000))],
    );
  }
}

/** A `performance_listing_stats` row as ranking writes it. */
export interface PerformanceStatsSeed {
  performanceId: string;
  showId: string;
  startsAt: Date;
  localDate: string;
  listingCount: number;
  lowestAllInCents: number;
  bestDealScore: number;
}

export async function seedPerformanceListingStats(
  db: Queryable,
  rows: readonly PerformanceStatsSeed[],
): Promise<void> {
  await execute(
    db,
    `INSERT INTO performance_listing_stats (performance_id, show_id, starts_at, local_date, listing_count,
            lowest_all_in_cents, best_deal_score)
     SELECT x."performanceId", x."showId", x."startsAt", x."localDate", x."listingCount", x."lowestAllInCents",
            x."bestDealScore"
       FROM json_to_recordset($1::json) AS x("performanceId" bigint, "showId" text, "startsAt" timestamptz,
            "localDate" date, "listingCount" int, "lowestAllInCents" int, "bestDealScore" float8)`,
    [JSON.stringify(rows)],
  );
}

/** Refreshes the planner's statistics after a bulk seed (as autovacuum would, later). */
export async function analyzeDatabase(db: Queryable): Promise<void> {
  await execute(db, 'ANALYZE');
}
