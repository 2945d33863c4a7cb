import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PerformanceListingStats1795720361080 implements MigrationInterface {
  name = 'PerformanceListingStats1795720361080';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "performance_listing_stats" ("performance_id" bigint NOT NULL, "show_id" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "local_date" date NOT NULL, "listing_count" integer NOT NULL, "lowest_all_in_cents" integer NOT NULL, "best_deal_score" double precision NOT NULL, "ranked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_300dfa41a0ef06e662b2bddc438" PRIMARY KEY ("performance_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "performance_listing_stats_show_idx" ON "performance_listing_stats"  ("show_id", "starts_at") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."performance_listing_stats_show_idx"`);
    await queryRunner.query(`DROP TABLE "performance_listing_stats"`);
  }
}
