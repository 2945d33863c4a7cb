import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data only: `listing_reservations.reserved_quantity` now counts the orders in flight only
 * (confirmed sales are in the broker's own count). Recomputes it from the open orders.
 */
export class ListingReservationsOpenHoldsOnly1796281000000 implements MigrationInterface {
  name = 'ListingReservationsOpenHoldsOnly1796281000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE listing_reservations r SET reserved_quantity = COALESCE(
         (SELECT sum(o.quantity) FROM orders o
           WHERE o.listing_id = r.listing_id AND o.status IN ('created', 'authorised', 'broker_pending')), 0)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Back to "in flight plus sold", within the CHECK's ceiling.
    await queryRunner.query(
      `UPDATE listing_reservations r SET reserved_quantity = LEAST(r.available_quantity, COALESCE(
         (SELECT sum(o.quantity) FROM orders o
           WHERE o.listing_id = r.listing_id AND o.status IN ('created', 'authorised', 'broker_pending', 'confirmed')), 0))`,
    );
  }
}
