import type { EntityManager } from 'typeorm';

/**
 * Local holds on listings (`listing_reservations`). Postgres guarantees that holds never
 * exceed what is available: one conditional upsert per order, and a CHECK constraint
 * behind it. The purchase flow takes its hold inside OrderRepository.createHeld (the same
 * upsert, in the statement that creates the order); this standalone form serves tools and tests.
 */
export class ReservationRepository {
  /**
   * Holds `quantity` tickets of a listing. `brokerAvailable` is the broker's quantity
   * just re-quoted; it becomes the listing's ceiling the first time the listing is held
   * (afterwards the ceiling stays: tickets we sold are gone from the broker's count).
   * Returns false when not enough tickets are left.
   */
  async reserve(
    manager: EntityManager,
    listingId: string,
    quantity: number,
    brokerAvailable: number,
  ): Promise<boolean> {
    if (quantity > brokerAvailable) return false;
    const rows: unknown[] = await manager.query(
      `INSERT INTO listing_reservations (listing_id, available_quantity, reserved_quantity, updated_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (listing_id) DO UPDATE
         SET reserved_quantity = listing_reservations.reserved_quantity + EXCLUDED.reserved_quantity, updated_at = now()
         WHERE listing_reservations.reserved_quantity + EXCLUDED.reserved_quantity <= listing_reservations.available_quantity
       RETURNING reserved_quantity`,
      [listingId, brokerAvailable, quantity],
    );
    return rows.length === 1;
  }

  /** Tickets held on a listing (in flight plus sold). Failed orders give theirs back in OrderRepository.markFailed. */
  async reserved(manager: EntityManager, listingId: string): Promise<number> {
    const rows: { reserved_quantity: number }[] = await manager.query(
      `SELECT reserved_quantity FROM listing_reservations WHERE listing_id = $1`,
      [listingId],
    );
    return rows[0]?.reserved_quantity ?? 0;
  }
}
