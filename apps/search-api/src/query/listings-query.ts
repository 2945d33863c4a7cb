import type { RankSort } from '@hamiltix/contracts';
import type { ListingSearchFilters } from '@hamiltix/persistence';
import type { z } from 'zod';
import {
  cityParam,
  clearViewParam,
  cursorParam,
  dateParam,
  daysParam,
  limitParam,
  maxPriceParam,
  quantityParam,
  sectionParam,
  showParam,
  sortParam,
  timeParam,
} from './params.js';
import { checkParams, QueryError, type RawQuery } from './query-errors.js';

/** The filters of GET /api/v1/listings, normalised (what the cursor's filters hash covers). */
/** What the listings endpoint filters on (the same fields the Postgres fallback filters). */
export type ListingFilters = ListingSearchFilters;

export interface ListingsQuery {
  filters: ListingFilters;
  sort: RankSort;
  limit: number;
  cursor?: string;
}

export const LISTINGS_PARAMS = {
  show: showParam,
  city: cityParam,
  from: dateParam,
  to: dateParam,
  days: daysParam,
  time: timeParam,
  quantity: quantityParam,
  maxPrice: maxPriceParam,
  section: sectionParam,
  clearView: clearViewParam,
  sort: sortParam,
  limit: limitParam,
  cursor: cursorParam,
} as const;

export const DEFAULT_LIMIT = 25;

/** Parses one parameter; throws a QueryError naming it and what is allowed. */
export function parseParam<S extends z.ZodType>(name: string, schema: S, value: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new QueryError(name, `${name}: ${result.error.issues[0]?.message ?? 'invalid value'}`);
}

export function parseListingsQuery(raw: RawQuery): ListingsQuery {
  const q = checkParams(raw, Object.keys(LISTINGS_PARAMS));
  const p = LISTINGS_PARAMS;
  const filters: ListingFilters = { clearView: false };
  if (q.show !== undefined) filters.show = parseParam('show', p.show, q.show);
  if (q.city !== undefined) filters.city = parseParam('city', p.city, q.city).trim().toLowerCase();
  if (q.from !== undefined) filters.from = parseParam('from', p.from, q.from);
  if (q.to !== undefined) filters.to = parseParam('to', p.to, q.to);
  checkRange(filters.from, filters.to);
  if (q.days !== undefined) filters.days = parseParam('days', p.days, q.days);
  if (q.time !== undefined) filters.time = parseParam('time', p.time, q.time);
  if (q.quantity !== undefined) filters.quantity = parseParam('quantity', p.quantity, q.quantity);
  if (q.maxPrice !== undefined) filters.maxPriceCents = parseParam('maxPrice', p.maxPrice, q.maxPrice);
  if (q.section !== undefined)
    filters.section = parseParam('section', p.section, q.section).trim().toLowerCase();
  if (q.clearView !== undefined) filters.clearView = parseParam('clearView', p.clearView, q.clearView);
  return {
    filters,
    sort: q.sort === undefined ? 'deal' : parseParam('sort', p.sort, q.sort),
    limit: q.limit === undefined ? DEFAULT_LIMIT : parseParam('limit', p.limit, q.limit),
    cursor: q.cursor === undefined ? undefined : parseParam('cursor', p.cursor, q.cursor),
  };
}

export function checkRange(from: string | undefined, to: string | undefined): void {
  if (from && to && to < from) {
    throw new QueryError('to', `to: ${to} is before from (${from}); expected to on or after from`);
  }
}

/** A stable text form of the filters (key order fixed), for cache keys and the cursor hash. */
export function canonicalFilters(f: ListingFilters): string {
  return JSON.stringify([
    f.show ?? null,
    f.city ?? null,
    f.from ?? null,
    f.to ?? null,
    f.days ?? null,
    f.time ?? null,
    f.quantity ?? null,
    f.maxPriceCents ?? null,
    f.section ?? null,
    f.clearView,
  ]);
}
