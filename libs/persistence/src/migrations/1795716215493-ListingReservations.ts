import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ListingReservations1795716215493 implements MigrationInterface {
  name = 'ListingReservations1795716215493';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "listing_reservations" ("listing_id" bigint NOT NULL, "available_quantity" integer NOT NULL, "reserved_quantity" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "listing_reservations_within_available" CHECK ("reserved_quantity" >= 0 AND "reserved_quantity" <= "available_quantity"), CONSTRAINT "PK_5a400a4103db815290a06a9c5ab" PRIMARY KEY ("listing_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "listing_reservations"`);
  }
}
