import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SavedSearches1796280267316 implements MigrationInterface {
  name = 'SavedSearches1796280267316';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "saved_searches" ("id" uuid NOT NULL, "status" text NOT NULL, "email" text NOT NULL, "show_id" text NOT NULL, "filters" jsonb NOT NULL, "target_max_cents" integer, "target_min_quality" real, "access_token_hash" text NOT NULL, "confirm_token_hash" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE, "last_sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "saved_searches_target_check" CHECK ("target_max_cents" IS NOT NULL OR "target_min_quality" IS NOT NULL), CONSTRAINT "saved_searches_status_check" CHECK ("status" IN ('pending', 'active')), CONSTRAINT "PK_d9a53c71ccc5cf66dcdc5b33dfe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "saved_searches_pending_idx" ON "saved_searches"  ("status", "created_at") `,
    );
    await queryRunner.query(`CREATE INDEX "saved_searches_email_idx" ON "saved_searches"  ("email") `);
    await queryRunner.query(
      `CREATE INDEX "saved_searches_show_status_idx" ON "saved_searches"  ("show_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "saved_search_notifications" ("search_id" uuid NOT NULL, "listing_id" bigint NOT NULL, "all_in_cents" integer NOT NULL, "notified_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e4c9dc8f983479121f64e67006f" PRIMARY KEY ("search_id", "listing_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "saved_search_notifications" ADD CONSTRAINT "FK_86c4ff5111414824049b8871fa0" FOREIGN KEY ("search_id") REFERENCES "saved_searches"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "saved_search_notifications" DROP CONSTRAINT "FK_86c4ff5111414824049b8871fa0"`,
    );
    await queryRunner.query(`DROP TABLE "saved_search_notifications"`);
    await queryRunner.query(`DROP INDEX "public"."saved_searches_show_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."saved_searches_email_idx"`);
    await queryRunner.query(`DROP INDEX "public"."saved_searches_pending_idx"`);
    await queryRunner.query(`DROP TABLE "saved_searches"`);
  }
}
