import type { ListingItemDto } from '@hamiltix/contracts';
import { queryRows, type Queryable } from '../sql/queryable.js';

/**
 * Reads of the listings ranking scored (`listing_scores` with its search fields, written by
 * ranking): the notifier's matching. search-api's fallback reads are in listing-search.ts.
 */

/** What matching needs of a ranked listing (arrays and keys may be null on old rows). */
export interface ScoredListingRow {
  id: string;
  all_in_cents: number;
  seat_quality: number;
  local_date: string;
  weekday: number;
  matinee: boolean;
  has_view_notes: boolean;
  splits: number[] | null;
  section_keys: string[] | null;
  city_key: string | null;
  /** The performance's start, epoch ms. */
  starts_ms: number;
}

/** The show's ranked listings of performances starting after `startsAfter`. */
export function scoredListingsOfShow(
  db: Queryable,
  showId: string,
  startsAfter: Date,
): Promise<ScoredListingRow[]> {
  return queryRows<ScoredListingRow>(
    db,
    `SELECT listing_id::text AS id, all_in_cents, seat_quality, local_date::text AS local_date, weekday,
            matinee, has_view_notes, splits, section_keys, city_key,
            (extract(epoch FROM starts_at) * 1000)::float8 AS starts_ms
       FROM listing_scores
      WHERE show_id = $1 AND all_in_cents IS NOT NULL AND starts_at > $2`,
    [showId, startsAfter],
  );
}

/** The items ranking published for these listings (those it stored one for), by id. */
export async function publishedItems(
  db: Queryable,
  listingIds: readonly string[],
): Promise<Map<string, ListingItemDto>> {
  if (!listingIds.length) return new Map();
  const rows = await queryRows<{ id: string; item: ListingItemDto }>(
    db,
    `SELECT listing_id::text AS id, item FROM listing_scores WHERE listing_id = ANY($1::bigint[]) AND item IS NOT NULL`,
    [listingIds],
  );
  return new Map(rows.map((r) => [r.id, r.item]));
}
