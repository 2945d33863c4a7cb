import { execute, queryOne, type Queryable } from '../sql/queryable.js';

/**
 * The hold on a listing's seats (`listing_reservations`), as SQL for the statement that
 * creates an order (orders.ts createHeldOrder; `$n` parameter numbers given): adds `quantity`
 * to the listing's open holds only if they stay within the listing's ceiling, and records that
 * ceiling. The ceiling is the broker's count just re-quoted (`available`) — so the sellable
 * quantity is the broker's latest count minus checkout's orders in flight, never a ceiling
 * frozen at the first hold: a listing the broker restocks (or a broker that forgot its sales)
 * sells again — unless a sale was confirmed on the listing after the re-quote was read
 * (`salesSeen`, the listing's `confirmed_sales` read before re-quoting; NULL: read after every
 * sale). Such a quote may not show that sale yet, so the ceiling is then the lower of the
 * quote and the stored one, which every confirmed sale lowers (markOrderConfirmed). A CHECK
 * constraint (reserved ≤ available) stands behind it.
 */
export function holdUpsert(p: {
  listingId: number;
  available: number;
  quantity: number;
  salesSeen: number;
}): string {
  const ceiling = `CASE WHEN listing_reservations.confirmed_sales > COALESCE($${p.salesSeen}::int, listing_reservations.confirmed_sales)
             THEN LEAST(EXCLUDED.available_quantity, listing_reservations.available_quantity)
             ELSE EXCLUDED.available_quantity END`;
  return `INSERT INTO listing_reservations (listing_id, available_quantity, reserved_quantity, updated_at)
         VALUES ($${p.listingId}, $${p.available}, $${p.quantity}, now())
         ON CONFLICT (listing_id) DO UPDATE
           SET reserved_quantity = listing_reservations.reserved_quantity + EXCLUDED.reserved_quantity,
               available_quantity = ${ceiling}, updated_at = now()
           WHERE listing_reservations.reserved_quantity + EXCLUDED.reserved_quantity <= ${ceiling}`;
}

/** A listing's hold row: open holds, ceiling and confirmed sales (zeros when it has none). */
export interface ListingHold {
  reserved: number;
  available: number;
  confirmedSales: number;
}

/** Tickets of a listing held by orders in flight, its ceiling and its confirmed sales. */
export async function listingHold(db: Queryable, listingId: string): Promise<ListingHold> {
  const row = await queryOne<{
    reserved_quantity: number;
    available_quantity: number;
    confirmed_sales: number;
  }>(
    db,
    `SELECT reserved_quantity, available_quantity, confirmed_sales FROM listing_reservations WHERE listing_id = $1`,
    [listingId],
  );
  return {
    reserved: row?.reserved_quantity ?? 0,
    available: row?.available_quantity ?? 0,
    confirmedSales: row?.confirmed_sales ?? 0,
  };
}

/**
 * Deletes the hold rows no purchase can use again: no open holds, and no stored listing of a
 * performance starting after `startsAfter` (the caller's clock: nobody buys a seat for a
 * performance that has begun). A listing the broker withdrew but whose performance is still
 * ahead keeps its row, so a restock is still judged against its confirmed sales. Returns the
 * rows deleted.
 */
export function purgeSpentHolds(db: Queryable, startsAfter: Date): Promise<number> {
  return execute(
    db,
    `DELETE FROM listing_reservations r
      WHERE r.reserved_quantity = 0
        AND NOT EXISTS (SELECT 1 FROM listings l JOIN performances p ON p.id = l.performance_id
                         WHERE l.id = r.listing_id AND p.starts_at > $1)`,
    [startsAfter],
  );
}
