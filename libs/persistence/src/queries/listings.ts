import type { Queryable } from '../sql/queryable.js';
import { queryOne, queryRows } from '../sql/queryable.js';

/**
 * `listings` outside the pull's bulk merge (listing-merge.ts): retirements, the empty-pull
 * guard's count, and a confirmed sale taken off. Ingestion is the one writer.
 */

/**
 * Marks gone (never deletes: price history stays) the active listings of the show's
 * performances that started at or before `now`. Per performance touched: how many.
 */
export async function retireStartedListings(
  db: Queryable,
  showId: string,
  now: Date,
): Promise<{ removed: number; performanceIds: string[] }> {
  const rows = await queryRows<{ id: string; n: number }>(
    db,
    `WITH gone AS (
       UPDATE listings l SET removed_at = $2, updated_at = $2
         FROM performances p
        WHERE p.id = l.performance_id AND l.show_id = $1 AND l.removed_at IS NULL AND p.starts_at <= $2
      RETURNING l.performance_id
     )
     SELECT performance_id::text AS id, count(*)::int AS n FROM gone GROUP BY performance_id`,
    [showId, now],
  );
  return { removed: rows.reduce((sum, r) => sum + r.n, 0), performanceIds: rows.map((r) => r.id) };
}

/** Active listings of the show's performances that start after `now`. */
export async function countActiveUpcomingListings(db: Queryable, showId: string, now: Date): Promise<number> {
  const row = await queryOne<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM listings l JOIN performances p ON p.id = l.performance_id
     WHERE l.show_id = $1 AND l.removed_at IS NULL AND p.starts_at > $2`,
    [showId, now],
  );
  return row!.n;
}

/** The listing a sale lowered: its show, performance and whether nothing sellable is left. */
export interface SoldListing {
  show_id: string;
  performance_id: string;
  gone: boolean;
}

/**
 * Takes `quantity` seats off an active listing (Postgres' time as `updated_at`): what is left
 * is on sale only in the splits that still fit; when none fits (or nothing is left) the
 * listing is gone. `content_hash` becomes `sold:<messageId>` so the next pull rewrites the
 * row from the broker. Undefined when the listing is unknown or already gone.
 */
export async function sellListingSeats(
  db: Queryable,
  sale: { listingId: string; quantity: number; messageId: string },
): Promise<SoldListing | undefined> {
  return queryOne<SoldListing>(
    db,
    `UPDATE listings l SET
       quantity = GREATEST(l.quantity - $2, 0),
       splits = CASE WHEN cardinality(x.left_splits) = 0 THEN l.splits ELSE x.left_splits END,
       removed_at = CASE WHEN cardinality(x.left_splits) = 0 THEN now() ELSE NULL END,
       content_hash = 'sold:' || $3,
       updated_at = now()
     FROM (SELECT ARRAY(SELECT s FROM unnest(splits) s WHERE s <= quantity - $2 ORDER BY s) AS left_splits
             FROM listings WHERE id = $1) x
     WHERE l.id = $1 AND l.removed_at IS NULL
     RETURNING l.show_id, l.performance_id::text AS performance_id, l.removed_at IS NOT NULL AS gone`,
    [sale.listingId, sale.quantity, sale.messageId],
  );
}
