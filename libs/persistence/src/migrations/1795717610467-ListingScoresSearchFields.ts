import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ListingScoresSearchFields1795717610467 implements MigrationInterface {
  name = 'ListingScoresSearchFields1795717610467';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "performance_id" bigint`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "venue_id" text`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "city_key" text`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "starts_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "local_date" date`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "weekday" smallint`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "matinee" boolean`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "all_in_cents" integer`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "splits" integer array`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "has_view_notes" boolean`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "section_keys" text array`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "rank_deal" double precision`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "rank_price" double precision`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "rank_quality" double precision`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "rank_date" double precision`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "listing_key" text COLLATE "C"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" ADD "item" json`);
    await queryRunner.query(
      `CREATE INDEX "listing_scores_performance_idx" ON "listing_scores"  ("performance_id", "all_in_cents") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_rank_date_idx" ON "listing_scores"  ("rank_date", "listing_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_rank_quality_idx" ON "listing_scores"  ("rank_quality", "listing_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_rank_price_idx" ON "listing_scores"  ("rank_price", "listing_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_rank_deal_idx" ON "listing_scores"  ("rank_deal", "listing_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_show_rank_date_idx" ON "listing_scores"  ("show_id", "rank_date", "listing_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_show_rank_quality_idx" ON "listing_scores"  ("show_id", "rank_quality", "listing_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_show_rank_price_idx" ON "listing_scores"  ("show_id", "rank_price", "listing_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_show_rank_deal_idx" ON "listing_scores"  ("show_id", "rank_deal", "listing_key") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."listing_scores_show_rank_deal_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_show_rank_price_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_show_rank_quality_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_show_rank_date_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_rank_deal_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_rank_price_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_rank_quality_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_rank_date_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_performance_idx"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "item"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "listing_key"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "rank_date"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "rank_quality"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "rank_price"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "rank_deal"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "section_keys"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "has_view_notes"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "splits"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "all_in_cents"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "matinee"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "weekday"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "local_date"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "starts_at"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "city_key"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "venue_id"`);
    await queryRunner.query(`ALTER TABLE "listing_scores" DROP COLUMN "performance_id"`);
  }
}
