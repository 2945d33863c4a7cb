import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ListingScoresFilterKeys1795719615363 implements MigrationInterface {
  name = 'ListingScoresFilterKeys1795719615363';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."listing_scores_rank_date_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_rank_quality_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_rank_price_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_rank_deal_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_show_rank_date_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_show_rank_quality_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_show_rank_price_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_show_rank_deal_idx"`);
    await queryRunner.query(
      `CREATE INDEX "listing_scores_rank_date_idx" ON "listing_scores"  ("rank_date", "listing_key", "rank_price", "local_date", "weekday", "matinee", "has_view_notes") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_rank_quality_idx" ON "listing_scores"  ("rank_quality", "listing_key", "rank_price", "local_date", "weekday", "matinee", "has_view_notes") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_rank_price_idx" ON "listing_scores"  ("rank_price", "listing_key", "local_date", "weekday", "matinee", "has_view_notes") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_rank_deal_idx" ON "listing_scores"  ("rank_deal", "listing_key", "rank_price", "local_date", "weekday", "matinee", "has_view_notes") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_show_rank_date_idx" ON "listing_scores"  ("show_id", "rank_date", "listing_key", "rank_price", "local_date", "weekday", "matinee", "has_view_notes") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_show_rank_quality_idx" ON "listing_scores"  ("show_id", "rank_quality", "listing_key", "rank_price", "local_date", "weekday", "matinee", "has_view_notes") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_show_rank_price_idx" ON "listing_scores"  ("show_id", "rank_price", "listing_key", "local_date", "weekday", "matinee", "has_view_notes") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_show_rank_deal_idx" ON "listing_scores"  ("show_id", "rank_deal", "listing_key", "rank_price", "local_date", "weekday", "matinee", "has_view_notes") `,
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
    await queryRunner.query(
      `CREATE INDEX "listing_scores_show_rank_deal_idx" ON "listing_scores" USING btree ("show_id", "rank_deal", "listing_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_show_rank_price_idx" ON "listing_scores" USING btree ("show_id", "rank_price", "listing_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_show_rank_quality_idx" ON "listing_scores" USING btree ("show_id", "rank_quality", "listing_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_show_rank_date_idx" ON "listing_scores" USING btree ("show_id", "rank_date", "listing_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_rank_deal_idx" ON "listing_scores" USING btree ("rank_deal", "listing_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_rank_price_idx" ON "listing_scores" USING btree ("rank_price", "listing_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_rank_quality_idx" ON "listing_scores" USING btree ("rank_quality", "listing_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_rank_date_idx" ON "listing_scores" USING btree ("rank_date", "listing_key") `,
    );
  }
}
