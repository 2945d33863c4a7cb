import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `listing_reservations.confirmed_sales`: how many sales checkout has confirmed on the listing,
 * so a hold can tell a re-quote read before the latest sale (which may not show it yet) from
 * one read after it. Existing rows start at 0 (their sales are in the broker's count by now).
 */
export class ListingReservationsConfirmedSales1796282000000 implements MigrationInterface {
  name = 'ListingReservationsConfirmedSales1796282000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "listing_reservations" ADD "confirmed_sales" integer NOT NULL DEFAULT '0'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "listing_reservations" DROP COLUMN "confirmed_sales"`);
  }
}
