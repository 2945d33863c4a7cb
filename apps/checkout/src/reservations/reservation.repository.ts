import type { EntityManager } from 'typeorm';

/**
 * The hold, as SQL (`$n` parameter numbers given): adds `quantity` to the listing's open
 * holds only if they stay within the listing's ceiling, and records that ceiling. The
 * ceiling is the broker's count just re-quoted (`available`) — so the sellable quantity is
 * the broker's latest count minus our orders in flight, never a ceiling frozen at the first
 * hold: a listing the broker restocks (or a broker that forgot its sales) sells again —
 * unless a sale was confirmed on the listing after the re-quote was read (`salesSeen`, the
 * listing's `confirmed_sales` read before re-quoting; NULL: read after every sale). Such a
 * quote may not show that sale yet, so the ceiling is then the lower of the quote and the
 * stored one, which every confirmed sale lowers (markConfirmed). A CHECK constraint stands
 * behind it.
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

/**
 * Local holds on listings (`listing_reservations`): the tickets of orders in flight. Postgres
 * guarantees that holds never exceed what is available: one conditional upsert per order
 * (holdUpsert), and a CHECK constraint behind it. The purchase flow takes its hold inside
 * OrderRepository.createHeld (in the statement that creates the order) and gives it back in
 * the statement that ends the order (confirmed or failed); this standalone form serves tools and tests.
 */
export class ReservationRepository {
  /**
   * Holds `quantity` tickets of a listing. `brokerAvailable` is the broker's quantity just
   * re-quoted, `salesSeen` the listing's confirmed sales read before it (undefined: after
   * every sale). Returns false when not enough tickets are left beside the other open holds.
   */
  async reserve(
    manager: EntityManager,
    listingId: string,
    quantity: number,
    brokerAvailable: number,
    salesSeen?: number,
  ): Promise<boolean> {
    if (quantity > brokerAvailable) return false;
    const rows: unknown[] = await manager.query(
      `${holdUpsert({ listingId: 1, available: 2, quantity: 3, salesSeen: 4 })} RETURNING reserved_quantity`,
      [listingId, brokerAvailable, quantity, salesSeen ?? null],
    );
    return rows.length === 1;
  }

  /** Tickets held on a listing by orders in flight. Ended orders give theirs back (OrderRepository.markConfirmed|markFailed). */
  async reserved(manager: EntityManager, listingId: string): Promise<number> {
    const rows: { reserved_quantity: number }[] = await manager.query(
      `SELECT reserved_quantity FROM listing_reservations WHERE listing_id = $1`,
      [listingId],
    );
    return rows[0]?.reserved_quantity ?? 0;
  }
}
