import type { AdvisoryLockKey } from '../sql/advisory-lock.js';
import type { ListingWrite } from './listing-staging.js';
import { execute, queryRows, type Queryable } from '../sql/queryable.js';

/**
 * What the ranking service reads (the show's sellable listings) and writes (listing_scores
 * with their search fields, performance_listing_stats). Ranking is the only writer of both.
 */

/**
 * An active listing of an upcoming performance, as ranking reads it: the very row pg returns
 * (columns aliased to these names, arrays never null), so a show's tens of thousands of
 * listings are not copied into a second set of objects; a venue's names are read once
 * (`ShowInventory.venues`).
 */
export interface StoredListing extends Pick<
  ListingWrite,
  | 'id'
  | 'performanceId'
  | 'venueId'
  | 'section'
  | 'sectionId'
  | 'row'
  | 'seats'
  | 'quantity'
  | 'splits'
  | 'allInCents'
  | 'viewNotes'
> {
  /** Curtain, epoch ms UTC. */
  startsAtMs: number;
  /** The listing's venue's zone. */
  timeZone: string;
}

/** A venue's names, read once per ranking rather than once per listing. */
export interface StoredVenue {
  id: string;
  name: string;
  city: string;
}

export interface ShowInventory {
  listings: StoredListing[];
  venues: Map<string, StoredVenue>;
}

/**
 * The show's listings a buyer may still buy: active, of a performance starting after
 * `onSaleAfter` (libs/domain onSaleStartsAfter: the sales cut-off), with their stored quantity
 * (the broker's latest count, less sales confirmed since) minus checkout's open holds
 * (`listing_reservations`), none left out; only those of `performanceIds` when given (an
 * incremental ranking). Which splits still fit is the caller's (libs/domain normaliseSplits).
 */
export async function showInventory(
  db: Queryable,
  showId: string,
  onSaleAfter: Date,
  performanceIds?: readonly string[],
): Promise<ShowInventory> {
  const listings = await queryRows<StoredListing>(
    db,
    `${SELECT_SELLABLE} AND ($3::bigint[] IS NULL OR l.performance_id = ANY($3::bigint[]))`,
    [showId, onSaleAfter, performanceIds ?? null],
  );
  return { listings, venues: await venueNames(db) };
}

/** The columns of a StoredListing, of `listings l`, `performances p`, `venues v`, `listing_reservations r`. */
const SELLABLE_COLUMNS = `l.id::text AS id, l.performance_id::text AS "performanceId", l.venue_id AS "venueId",
            (extract(epoch FROM p.starts_at) * 1000)::float8 AS "startsAtMs", v.time_zone AS "timeZone",
            l.section, l.section_id AS "sectionId", l.row, COALESCE(l.seats, '{}') AS seats,
            l.quantity - COALESCE(r.reserved_quantity, 0) AS quantity,
            COALESCE(l.splits, '{}') AS splits, l.all_in_cents AS "allInCents",
            COALESCE(l.view_notes, '{}') AS "viewNotes"`;
const SELLABLE_JOINS = `JOIN performances p ON p.id = l.performance_id
       JOIN venues v ON v.id = l.venue_id
       LEFT JOIN listing_reservations r ON r.listing_id = l.id`;
/** Of show $1, active, some quantity left after holds, curtain after $2. */
const SELLABLE_WHERE = `l.show_id = $1 AND l.removed_at IS NULL AND l.quantity > COALESCE(r.reserved_quantity, 0)
        AND p.starts_at > $2`;
/** The stored listings ranking reads: of show $1, active, quantity left after holds, curtain after $2. */
const SELECT_SELLABLE = `SELECT ${SELLABLE_COLUMNS}
       FROM listings l
       ${SELLABLE_JOINS}
      WHERE ${SELLABLE_WHERE}`;

/** Every venue's names, by id. */
export async function venueNames(db: Queryable): Promise<Map<string, StoredVenue>> {
  const venues = await queryRows<StoredVenue>(db, 'SELECT id, name, city FROM venues');
  return new Map(venues.map((v) => [v.id, v]));
}

/**
 * showInventory's listings (the whole show's, no venues) `batchSize` rows at a time through a
 * cursor, so a show of any size is read in bounded memory. `db` must hold an open transaction
 * (a cursor lives in one); REPEATABLE READ makes a later read in it (listingsByIds) see the
 * same rows. Leaving the loop early closes the cursor.
 */
export async function* showInventoryBatches(
  db: Queryable,
  showId: string,
  onSaleAfter: Date,
  batchSize: number,
): AsyncGenerator<StoredListing[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`not a batch size: ${batchSize}`);
  await execute(db, `DECLARE show_inventory NO SCROLL CURSOR FOR ${SELECT_SELLABLE}`, [showId, onSaleAfter]);
  try {
    for (;;) {
      const rows = await queryRows<StoredListing>(db, `FETCH FORWARD ${batchSize} FROM show_inventory`);
      if (!rows.length) return;
      yield rows;
    }
  } finally {
    await execute(db, 'CLOSE show_inventory');
  }
}

/**
 * showInventory's rows of the listings `ids` of the show (in no particular order): those
 * still sellable by the same test, with their quantity after holds. Each id is looked up by
 * primary key (the OFFSET 0 subquery keeps the planner from scanning the show's listings and
 * testing each against the array: before the table is analysed it estimates the show at one
 * row, and 2,000 ids against 57,800 rows took 1.8 s a batch).
 */
export function listingsByIds(
  db: Queryable,
  showId: string,
  onSaleAfter: Date,
  ids: readonly string[],
): Promise<StoredListing[]> {
  return queryRows<StoredListing>(
    db,
    `SELECT ${SELLABLE_COLUMNS}
       FROM unnest($3::bigint[]) AS k(id)
       CROSS JOIN LATERAL (SELECT * FROM listings WHERE id = k.id OFFSET 0) l
       ${SELLABLE_JOINS}
      WHERE ${SELLABLE_WHERE}`,
    [showId, onSaleAfter, ids],
  );
}

/** Shows that have listings or scores: what a full rebuild covers. */
export async function rankedShowIds(db: Queryable): Promise<string[]> {
  const rows = await queryRows<{ show_id: string }>(
    db,
    `SELECT show_id FROM listings WHERE removed_at IS NULL
      UNION SELECT show_id FROM listing_scores ORDER BY 1`,
  );
  return rows.map((r) => r.show_id);
}

/** The show a stored listing belongs to (undefined when ingestion has not stored it). */
export async function showOfListing(db: Queryable, listingId: string): Promise<string | undefined> {
  const rows = await queryRows<{ show_id: string }>(db, 'SELECT show_id FROM listings WHERE id = $1', [
    listingId,
  ]);
  return rows[0]?.show_id;
}

/** Every show ingestion has stored. */
export async function knownShowIds(db: Queryable): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, 'SELECT id FROM shows ORDER BY 1');
  return rows.map((r) => r.id);
}

/** Newest change to a show's listings or scores (ms; 0 when none). */
export async function lastShowChangeMs(db: Queryable, showId: string): Promise<number> {
  const rows = await queryRows<{ at: Date | null }>(
    db,
    `SELECT GREATEST(
        (SELECT max(GREATEST(updated_at, COALESCE(removed_at, updated_at))) FROM listings WHERE show_id = $1),
        (SELECT max(ranked_at) FROM listing_scores WHERE show_id = $1)) AS at`,
    [showId],
  );
  return rows[0]?.at ? new Date(rows[0].at).getTime() : 0;
}

/** listing_scores rows as column arrays (one UNNEST statement), same length each. */
export interface ListingScoreColumns {
  listingId: string[];
  seatQuality: number[];
  qualityConfidence: number[];
  expectedCents: number[];
  dealScore: number[];
  explanation: string[];
  performanceId: string[];
  venueId: string[];
  cityKey: string[];
  /** ISO instants. */
  startsAt: string[];
  /** YYYY-MM-DD. */
  localDate: string[];
  /** 0 = Sunday. */
  weekday: number[];
  matinee: boolean[];
  allInCents: number[];
  /** Postgres array literals ('{2,4}'): UNNEST cannot take ragged 2-D arrays. */
  splits: string[];
  hasViewNotes: boolean[];
  /** Postgres array literals of strings. */
  sectionKeys: string[];
  rankDeal: number[];
  rankPrice: number[];
  rankQuality: number[];
  rankDate: number[];
  /** ListingItemDto JSON. */
  item: string[];
}

/**
 * Upserts scores and search fields of a show's listings, UNNEST arrays merged with ON
 * CONFLICT. Rows whose values did not change are not rewritten (no new tuple, no index
 * churn): one price change moves a few scores, not all of them, and ranked_at stays the time
 * of the last real change (the start-up staleness check compares it with the index).
 * Callers keep each call to a few thousand rows (pg builds the parameter text in memory).
 */
export async function upsertListingScores(
  db: Queryable,
  showId: string,
  c: ListingScoreColumns,
  rankedAt: Date,
): Promise<void> {
  await execute(
    db,
    `INSERT INTO listing_scores
            (listing_id, show_id, seat_quality, quality_confidence, expected_cents, deal_score, explanation, ranked_at,
             performance_id, venue_id, city_key, starts_at, local_date, weekday, matinee, all_in_cents, splits,
             has_view_notes, section_keys, rank_deal, rank_price, rank_quality, rank_date, listing_key, item)
     SELECT t.id, $2, t.q, t.c, t.e, t.d, t.x, $8::timestamptz,
            t.pid, t.vid, t.city, t.st, t.ld, t.wd, t.mat, t.aic, t.sp::int[],
            t.hvn, t.sk::text[], t.rd, t.rp, t.rq, t.rdt, t.id::text, t.it::json
       FROM UNNEST($1::bigint[], $3::real[], $4::real[], $5::integer[], $6::real[], $7::text[],
                   $9::bigint[], $10::text[], $11::text[], $12::timestamptz[], $13::date[], $14::smallint[],
                   $15::boolean[], $16::integer[], $17::text[], $18::boolean[], $19::text[],
                   $20::float8[], $21::float8[], $22::float8[], $23::float8[], $24::text[])
         AS t(id, q, c, e, d, x, pid, vid, city, st, ld, wd, mat, aic, sp, hvn, sk, rd, rp, rq, rdt, it)
     ON CONFLICT (listing_id) DO UPDATE SET
            show_id = EXCLUDED.show_id, seat_quality = EXCLUDED.seat_quality,
            quality_confidence = EXCLUDED.quality_confidence, expected_cents = EXCLUDED.expected_cents,
            deal_score = EXCLUDED.deal_score, explanation = EXCLUDED.explanation, ranked_at = EXCLUDED.ranked_at,
            performance_id = EXCLUDED.performance_id, venue_id = EXCLUDED.venue_id, city_key = EXCLUDED.city_key,
            starts_at = EXCLUDED.starts_at, local_date = EXCLUDED.local_date, weekday = EXCLUDED.weekday,
            matinee = EXCLUDED.matinee, all_in_cents = EXCLUDED.all_in_cents, splits = EXCLUDED.splits,
            has_view_notes = EXCLUDED.has_view_notes, section_keys = EXCLUDED.section_keys,
            rank_deal = EXCLUDED.rank_deal, rank_price = EXCLUDED.rank_price, rank_quality = EXCLUDED.rank_quality,
            rank_date = EXCLUDED.rank_date, listing_key = EXCLUDED.listing_key, item = EXCLUDED.item
      -- Rows whose values did not change are not rewritten (no new tuple, no index churn):
      -- one price change moves a few scores, not all of them. ranked_at stays the time of
      -- the last real change (the start-up staleness check compares it with the index).
      WHERE (listing_scores.show_id, listing_scores.seat_quality, listing_scores.quality_confidence,
             listing_scores.expected_cents, listing_scores.deal_score, listing_scores.explanation,
             listing_scores.performance_id, listing_scores.venue_id, listing_scores.city_key,
             listing_scores.starts_at, listing_scores.local_date, listing_scores.weekday, listing_scores.matinee,
             listing_scores.all_in_cents, listing_scores.splits, listing_scores.has_view_notes,
             listing_scores.section_keys, listing_scores.rank_deal, listing_scores.rank_price,
             listing_scores.rank_quality, listing_scores.rank_date, listing_scores.item::text)
        IS DISTINCT FROM
            (EXCLUDED.show_id, EXCLUDED.seat_quality, EXCLUDED.quality_confidence, EXCLUDED.expected_cents,
             EXCLUDED.deal_score, EXCLUDED.explanation, EXCLUDED.performance_id, EXCLUDED.venue_id,
             EXCLUDED.city_key, EXCLUDED.starts_at, EXCLUDED.local_date, EXCLUDED.weekday, EXCLUDED.matinee,
             EXCLUDED.all_in_cents, EXCLUDED.splits, EXCLUDED.has_view_notes, EXCLUDED.section_keys,
             EXCLUDED.rank_deal, EXCLUDED.rank_price, EXCLUDED.rank_quality, EXCLUDED.rank_date,
             EXCLUDED.item::text)`,
    [
      c.listingId,
      showId,
      c.seatQuality,
      c.qualityConfidence,
      c.expectedCents,
      c.dealScore,
      c.explanation,
      rankedAt,
      c.performanceId,
      c.venueId,
      c.cityKey,
      c.startsAt,
      c.localDate,
      c.weekday,
      c.matinee,
      c.allInCents,
      c.splits,
      c.hasViewNotes,
      c.sectionKeys,
      c.rankDeal,
      c.rankPrice,
      c.rankQuality,
      c.rankDate,
      c.item,
    ],
  );
}

/**
 * Deletes the show's scores of listings not in `keepIds` (all of the show's, or only those
 * of `performanceIds`), so listing_scores holds exactly what the ranked index holds. An anti
 * join against the unnested ids (hashed): `NOT (listing_id = ANY($2))` compared every row
 * with every id, minutes for 185,000 listings, cut by the 30 s statement_timeout.
 */
export async function deleteListingScoresExcept(
  db: Queryable,
  showId: string,
  keepIds: readonly string[],
  performanceIds?: readonly string[],
): Promise<number> {
  return execute(
    db,
    `DELETE FROM listing_scores s WHERE s.show_id = $1
        AND NOT EXISTS (SELECT 1 FROM unnest($2::bigint[]) AS k(id) WHERE k.id = s.listing_id)
        AND ($3::bigint[] IS NULL OR s.performance_id = ANY($3::bigint[]))`,
    [showId, keepIds, performanceIds ?? null],
  );
}

/** performance_listing_stats rows as column arrays. */
export interface PerformanceStatsColumns {
  performanceId: string[];
  /** ISO instants. */
  startsAt: string[];
  localDate: string[];
  listingCount: number[];
  lowestAllInCents: number[];
  bestDealScore: number[];
}

/**
 * Replaces the show's per-performance summary (all of it, or that of `performanceIds`) with
 * `c` (a few hundred rows at most).
 */
export async function replacePerformanceStats(
  db: Queryable,
  showId: string,
  c: PerformanceStatsColumns,
  rankedAt: Date,
  performanceIds?: readonly string[],
): Promise<void> {
  await execute(
    db,
    `DELETE FROM performance_listing_stats
      WHERE show_id = $1 AND ($2::bigint[] IS NULL OR performance_id = ANY($2::bigint[]))`,
    [showId, performanceIds ?? null],
  );
  await execute(
    db,
    `INSERT INTO performance_listing_stats
            (performance_id, show_id, starts_at, local_date, listing_count, lowest_all_in_cents, best_deal_score, ranked_at)
     SELECT t.id, $2, t.st, t.ld, t.n, t.lo, t.best, $8::timestamptz
       FROM UNNEST($1::bigint[], $3::timestamptz[], $4::date[], $5::integer[], $6::integer[], $7::float8[])
         AS t(id, st, ld, n, lo, best)
     ON CONFLICT (performance_id) DO UPDATE SET show_id = EXCLUDED.show_id, starts_at = EXCLUDED.starts_at,
            local_date = EXCLUDED.local_date, listing_count = EXCLUDED.listing_count,
            lowest_all_in_cents = EXCLUDED.lowest_all_in_cents, best_deal_score = EXCLUDED.best_deal_score,
            ranked_at = EXCLUDED.ranked_at`,
    [
      c.performanceId,
      showId,
      c.startsAt,
      c.localDate,
      c.listingCount,
      c.lowestAllInCents,
      c.bestDealScore,
      rankedAt,
    ],
  );
}

/** The first key of every ranking advisory lock ("RANK"); no other lock of the database may use it. */
export const RANKING_LOCK_CLASS = 0x52414e4b;

/** The advisory lock of one ranking scope (a show, or the all-shows index). */
export function rankingLockKey(scope: string): AdvisoryLockKey {
  return { classId: RANKING_LOCK_CLASS, scope };
}
