import type { RankSort } from '@hamiltix/contracts';
import { MATINEE_BEFORE_HOUR, WEEKDAYS } from '@hamiltix/domain';
import type { ListingFilters } from '../query/listings-query.js';

/**
 * The Postgres fallback of GET /api/v1/listings: the same filters and order as the
 * ranked index (listing-filter.ts and RANK_SCORES), in SQL. Local dates, weekdays and
 * matinees are judged in the venue's zone (`AT TIME ZONE v.time_zone`), like ranking
 * does when it precomputes them.
 */

/** The score of each sort, as RANK_SCORES computes it (ascending = best first). */
export const SQL_SCORES: Record<RankSort, string> = {
  deal: '(-s.deal_score)::float8',
  price: 'l.all_in_cents::float8',
  quality: '(-s.seat_quality)::float8',
  date: '(extract(epoch from p.starts_at) * 1000)::float8',
};

/** Columns every listing query selects (see fallback/listing-row.ts). */
export const LISTING_COLUMNS = `
  l.id::text AS id, l.performance_id::text AS performance_id, l.show_id, l.venue_id, l.section, l.section_id,
  l.row, l.seats, l.quantity, l.splits, l.retail_cents, l.fees_cents, l.all_in_cents, l.view_notes,
  p.starts_at, v.name AS venue_name, v.city, v.time_zone,
  s.seat_quality, s.deal_score, s.explanation`;

/** Only live listings with a score, for performances still to come. */
export const LISTING_FROM = `
  FROM listings l
  JOIN listing_scores s ON s.listing_id = l.id
  JOIN performances p ON p.id = l.performance_id
  JOIN venues v ON v.id = l.venue_id
  WHERE l.removed_at IS NULL AND p.starts_at > now()`;

export const LOCAL_TS = '(p.starts_at AT TIME ZONE v.time_zone)';

export interface SqlQuery {
  text: string;
  values: unknown[];
}

export interface PageSqlOptions {
  filters: ListingFilters;
  sort: RankSort;
  /** Rows to fetch (page size + 1, to know whether a next page exists). */
  take: number;
  after?: { score: number; id: string };
  /** "venueId:sectionId" pairs whose seat-map level is the `section` filter (from libs/venues). */
  levelSections?: string[];
}

/** Appends `AND ...` conditions for the filters; returns them with their values. */
export function filterConditions(
  f: ListingFilters,
  levelSections: string[] = [],
  values: unknown[] = [],
): string[] {
  const add = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where: string[] = [];
  if (f.show !== undefined) where.push(`l.show_id = ${add(f.show)}`);
  if (f.city !== undefined) where.push(`lower(v.city) = ${add(f.city)}`);
  if (f.from !== undefined) where.push(`${LOCAL_TS}::date >= ${add(f.from)}::date`);
  if (f.to !== undefined) where.push(`${LOCAL_TS}::date <= ${add(f.to)}::date`);
  if (f.days !== undefined) {
    const dows = f.days.map((d) => WEEKDAYS.indexOf(d));
    where.push(`extract(dow from ${LOCAL_TS})::int = ANY(${add(dows)}::int[])`);
  }
  if (f.time !== undefined) {
    where.push(`extract(hour from ${LOCAL_TS}) ${f.time === 'matinee' ? '<' : '>='} ${MATINEE_BEFORE_HOUR}`);
  }
  if (f.quantity !== undefined) where.push(`${add(f.quantity)}::int = ANY(l.splits)`);
  if (f.maxPriceCents !== undefined) where.push(`l.all_in_cents <= ${add(f.maxPriceCents)}`);
  if (f.section !== undefined) {
    const s = add(f.section);
    where.push(
      `(lower(l.section) = ${s} OR lower(l.section_id) = ${s} OR (l.venue_id || ':' || l.section_id) = ANY(${add(levelSections)}::text[]))`,
    );
  }
  if (f.clearView) where.push('cardinality(l.view_notes) = 0');
  return where;
}

/** One page in the sort's order, ties by id in byte order (as a Redis zset). */
export function listingsPageSql(o: PageSqlOptions): SqlQuery {
  const values: unknown[] = [];
  const where = filterConditions(o.filters, o.levelSections, values);
  const score = SQL_SCORES[o.sort];
  if (o.after) {
    values.push(o.after.score, o.after.id);
    const a = values.length - 1;
    where.push(`(${score} > $${a} OR (${score} = $${a} AND l.id::text COLLATE "C" > $${a + 1}))`);
  }
  values.push(o.take);
  const text = `SELECT ${LISTING_COLUMNS}, ${score} AS score
  ${LISTING_FROM}${where.map((w) => `\n  AND ${w}`).join('')}
  ORDER BY score ASC, l.id::text COLLATE "C" ASC
  LIMIT $${values.length}`;
  return { text, values };
}

/** One listing by id, live or not (the detail endpoint answers 404 for gone ones). */
export function listingByIdSql(id: string): SqlQuery {
  return {
    text: `SELECT ${LISTING_COLUMNS}, l.removed_at
  FROM listings l
  JOIN listing_scores s ON s.listing_id = l.id
  JOIN performances p ON p.id = l.performance_id
  JOIN venues v ON v.id = l.venue_id
  WHERE l.id = $1::bigint`,
    values: [id],
  };
}
