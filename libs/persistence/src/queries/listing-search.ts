import type { ListingItemDto, RankSort } from '@hamiltix/contracts';
import { WEEKDAYS, type Weekday } from '@hamiltix/domain';
import { queryOne, queryRows, type Queryable } from '../sql/queryable.js';

/**
 * The Postgres reads of search-api: the fallback of GET /api/v1/listings, answered from the search fields ranking
 * stores in listing_scores with each ranking (apps/ranking search-columns.ts): the same
 * docs it publishes to Redis, so the same filters (local date, weekday and matinee already
 * judged in the venue's zone), the same float sort keys and the same tie order (ids in byte
 * order, like zset members). Each sort has an index (show_id?, rank_<sort>, listing_key),
 * so a page is an index walk from the cursor with a LIMIT, never a scan and a sort.
 * ranking deletes the scores of listings it no longer ranks (removed, sold out, past), so
 * the rows here are the listings of the ranked index; a performance past its sales cut-off
 * is filtered out here too (`starts_at > startsAfter`), whether or not ranking ran since.
 */

/** What GET /api/v1/listings filters on (search-api parses and validates it). */
export interface ListingSearchFilters {
  show?: string;
  /** Lower-cased. */
  city?: string;
  /** YYYY-MM-DD in the venue's zone, inclusive. */
  from?: string;
  to?: string;
  /** Sorted sun..sat, no duplicates. */
  days?: Weekday[];
  time?: 'matinee' | 'evening';
  quantity?: number;
  /** All-in per ticket, integer cents. */
  maxPriceCents?: number;
  /** Lower-cased. */
  section?: string;
  clearView: boolean;
}

/** The sort key column of each sort: RANK_SCORES as stored (ascending = best first). */
const RANK_COLUMNS: Record<RankSort, string> = {
  deal: 's.rank_deal',
  price: 's.rank_price',
  quality: 's.rank_quality',
  date: 's.rank_date',
};

interface SqlQuery {
  text: string;
  values: unknown[];
}

export interface ListingSearchPage {
  filters: ListingSearchFilters;
  /** SalesWindow.startsAfter(): only performances starting after it are on sale. */
  startsAfter: Date;
  sort: RankSort;
  /** Rows to fetch (page size + 1, to know whether a next page exists). */
  take: number;
  after?: { score: number; id: string };
}

/**
 * `AND`-able conditions for the filters, with their values appended to `values`; listings
 * of performances starting at or before `startsAfter` (past the sales cut-off) never match.
 */
function filterConditions(f: ListingSearchFilters, startsAfter: Date, values: unknown[] = []): string[] {
  const add = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where: string[] = [`s.starts_at > ${add(startsAfter)}::timestamptz`];
  if (f.show !== undefined) where.push(`s.show_id = ${add(f.show)}`);
  // search-api's listing-filter.ts compares the lower-cased city with the (already lower-cased) parameter.
  if (f.city !== undefined) where.push(`s.city_key = ${add(f.city)}`);
  if (f.from !== undefined) where.push(`s.local_date >= ${add(f.from)}::date`);
  if (f.to !== undefined) where.push(`s.local_date <= ${add(f.to)}::date`);
  if (f.days !== undefined) {
    where.push(`s.weekday = ANY(${add(f.days.map((d) => WEEKDAYS.indexOf(d)))}::smallint[])`);
  }
  if (f.time !== undefined) where.push(f.time === 'matinee' ? 's.matinee' : 'NOT s.matinee');
  if (f.quantity !== undefined) where.push(`${add(f.quantity)}::int = ANY(s.splits)`);
  // rank_price is all_in_cents as a float8 (RANK_SCORES.price): its index can serve a tight price cap.
  if (f.maxPriceCents !== undefined) where.push(`s.rank_price <= ${add(f.maxPriceCents)}::float8`);
  if (f.section !== undefined) where.push(`${add(f.section)}::text = ANY(s.section_keys)`);
  if (f.clearView) where.push('NOT s.has_view_notes');
  return where;
}

/** One page in the sort's order from the cursor on, ties by id in byte order (as a Redis zset). */
function listingsPageSql(o: ListingSearchPage): SqlQuery {
  const values: unknown[] = [];
  const where = filterConditions(o.filters, o.startsAfter, values);
  const score = RANK_COLUMNS[o.sort];
  if (o.after) {
    values.push(o.after.score, o.after.id);
    // A row comparison, so the index (rank, listing_key) is entered at the cursor.
    where.push(`(${score}, s.listing_key) > ($${values.length - 1}::float8, $${values.length}::text)`);
  }
  values.push(o.take);
  const text = `SELECT s.listing_id::text AS id, s.item::text AS item, ${score} AS score, s.starts_at
  FROM listing_scores s
  WHERE ${where.join('\n    AND ')}
  ORDER BY ${score} ASC, s.listing_key ASC
  LIMIT $${values.length}`;
  return { text, values };
}

/** One listing by id, live or not (the detail endpoint answers 404 for gone ones). */
function listingByIdSql(id: string): SqlQuery {
  return {
    text: `SELECT l.id::text AS id, l.performance_id::text AS performance_id, l.show_id, l.venue_id, l.section,
    l.section_id, l.row, l.seats, l.quantity, l.splits, l.retail_cents, l.fees_cents, l.all_in_cents, l.view_notes,
    p.starts_at, v.name AS venue_name, v.city, v.time_zone,
    s.seat_quality, s.deal_score, s.explanation, s.item, l.removed_at, s.listing_id IS NOT NULL AS scored
  FROM listings l
  LEFT JOIN listing_scores s ON s.listing_id = l.id
  JOIN performances p ON p.id = l.performance_id
  JOIN venues v ON v.id = l.venue_id
  WHERE l.id = $1::bigint`,
    values: [id],
  };
}

/**
 * Per performance: listing count, lowest all-in price, best deal (the performances endpoint),
 * from the small summary ranking writes with the scores (performance_listing_stats).
 */
function performanceStatsSql(q: { show?: string; from?: string; to?: string }, startsAfter: Date): SqlQuery {
  const values: unknown[] = [startsAfter];
  const where = ['p.starts_at > $1::timestamptz'];
  if (q.show) where.push(`p.show_id = $${values.push(q.show)}`);
  if (q.from) where.push(`p.local_date >= $${values.push(q.from)}::date`);
  if (q.to) where.push(`p.local_date <= $${values.push(q.to)}::date`);
  return {
    text: `SELECT p.performance_id::text AS id, p.listing_count AS count, p.lowest_all_in_cents AS lowest,
    p.best_deal_score AS best
  FROM performance_listing_stats p WHERE ${where.join(' AND ')}`,
    values,
  };
}

/** A row of a listings page: the item's JSON as ranking stored it, its sort key and curtain. */
export interface ListingSearchRow {
  id: string;
  /** The item as ranking published it (json kept as text: the same bytes as the ranked index). */
  item: string;
  score: number;
  starts_at: Date;
}

/** One page of the listings matching `filters`, in the sort's order from the cursor on. */
export function searchListings(db: Queryable, page: ListingSearchPage): Promise<ListingSearchRow[]> {
  const sql = listingsPageSql(page);
  return queryRows<ListingSearchRow>(db, sql.text, sql.values);
}

/** A `listings` row's columns as pg returns them (bigints as text, arrays parsed). */
export interface ListingColumns {
  id: string;
  performance_id: string;
  show_id: string;
  venue_id: string;
  section: string;
  section_id: string | null;
  row: string;
  seats: number[];
  quantity: number;
  splits: number[];
  retail_cents: number;
  fees_cents: number;
  all_in_cents: number;
  view_notes: string[];
  public_notes: string | null;
  removed_at: Date | null;
  first_seen_at: Date;
  updated_at: Date;
}

/** A listing with its performance, venue and scores. */
export interface ListingDetailRow extends Omit<
  ListingColumns,
  'public_notes' | 'first_seen_at' | 'updated_at'
> {
  starts_at: Date;
  venue_name: string;
  city: string;
  time_zone: string;
  seat_quality: number;
  deal_score: number;
  explanation: string;
  /** The item as ranking published it (listing_scores.item); null for rows ranked before it was stored. */
  item: ListingItemDto | null;
}

/**
 * A listing by id: `scored` tells whether ranking has stored its score; when false, seat_quality,
 * deal_score, explanation and item are null (stored by ingestion and not ranked yet, or its
 * ranking's store not written yet).
 */
export type ScoredListingDetailRow = ListingDetailRow & { scored: boolean };

/**
 * One stored listing by id, live or gone (`removed_at`), with its scores when ranked (`scored`);
 * undefined when unknown.
 */
export function findListingDetail(db: Queryable, id: string): Promise<ScoredListingDetailRow | undefined> {
  const sql = listingByIdSql(id);
  return queryOne<ScoredListingDetailRow>(db, sql.text, sql.values);
}

/** Per performance: listing count, lowest all-in price and best deal score (may be a numeric string). */
export interface PerformanceStatsRow {
  id: string;
  count: number;
  lowest: number;
  best: number;
}

/** The stats of the performances on sale (starting after `startsAfter`) matching `q`. */
export function performanceListingStats(
  db: Queryable,
  q: { show?: string; from?: string; to?: string },
  startsAfter: Date,
): Promise<PerformanceStatsRow[]> {
  const sql = performanceStatsSql(q, startsAfter);
  return queryRows<PerformanceStatsRow>(db, sql.text, sql.values);
}

/** A listing's price history, oldest first (at most `limit` entries). */
export function listingPriceHistory(
  db: Queryable,
  listingId: string,
  limit = 500,
): Promise<{ at: Date; all_in_cents: number }[]> {
  return queryRows(
    db,
    'SELECT at, all_in_cents FROM price_history WHERE listing_id = $1::bigint ORDER BY at ASC, id ASC LIMIT $2',
    [listingId, limit],
  );
}
