import type { RankSort } from '@hamiltix/contracts';
import { WEEKDAYS } from '@hamiltix/domain';
import type { ListingFilters } from '../query/listings-query.js';

/**
 * The Postgres fallback of GET /api/v1/listings, answered from the search fields ranking
 * stores in listing_scores with each ranking (apps/ranking search-columns.ts): the same
 * docs it publishes to Redis, so the same filters (local date, weekday and matinee already
 * judged in the venue's zone), the same float sort keys and the same tie order (ids in byte
 * order, like zset members). Each sort has an index (show_id?, rank_<sort>, listing_key),
 * so a page is an index walk from the cursor with a LIMIT, never a scan and a sort.
 * ranking deletes the scores of listings it no longer ranks (removed, sold out, past), so
 * the rows here are the listings of the ranked index; a performance past its sales cut-off
 * is filtered out here too (`starts_at > startsAfter`), whether or not ranking ran since.
 */

/** The sort key column of each sort: RANK_SCORES as stored (ascending = best first). */
export const RANK_COLUMNS: Record<RankSort, string> = {
  deal: 's.rank_deal',
  price: 's.rank_price',
  quality: 's.rank_quality',
  date: 's.rank_date',
};

export interface SqlQuery {
  text: string;
  values: unknown[];
}

export interface PageSqlOptions {
  filters: ListingFilters;
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
export function filterConditions(f: ListingFilters, startsAfter: Date, values: unknown[] = []): string[] {
  const add = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where: string[] = [`s.starts_at > ${add(startsAfter)}::timestamptz`];
  if (f.show !== undefined) where.push(`s.show_id = ${add(f.show)}`);
  // listing-filter.ts compares the lower-cased city with the (already lower-cased) parameter.
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
export function listingsPageSql(o: PageSqlOptions): SqlQuery {
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
export function listingByIdSql(id: string): SqlQuery {
  return {
    text: `SELECT l.id::text AS id, l.performance_id::text AS performance_id, l.show_id, l.venue_id, l.section,
    l.section_id, l.row, l.seats, l.quantity, l.splits, l.retail_cents, l.fees_cents, l.all_in_cents, l.view_notes,
    p.starts_at, v.name AS venue_name, v.city, v.time_zone,
    s.seat_quality, s.deal_score, s.explanation, s.item, l.removed_at
  FROM listings l
  JOIN listing_scores s ON s.listing_id = l.id
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
export function performanceStatsSql(
  q: { show?: string; from?: string; to?: string },
  startsAfter: Date,
): SqlQuery {
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
