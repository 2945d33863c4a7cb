import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795715918385 implements MigrationInterface {
  name = 'Initial1795715918385';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("key" text NOT NULL, "request_hash" text NOT NULL, "state" text NOT NULL, "response_status" integer, "response_body" jsonb, "order_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0afd83cbf08c9d12089a9bffc5e" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idempotency_keys_expires_idx" ON "idempotency_keys"  ("expires_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "listing_scores" ("listing_id" bigint NOT NULL, "show_id" text NOT NULL, "seat_quality" real NOT NULL, "quality_confidence" real NOT NULL, "expected_cents" integer NOT NULL, "deal_score" real NOT NULL, "explanation" text NOT NULL, "ranked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_67e1edccdcf9e36dd29a5e41df5" PRIMARY KEY ("listing_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "listing_scores_show_deal_idx" ON "listing_scores"  ("show_id", "deal_score") `,
    );
    await queryRunner.query(
      `CREATE TABLE "listings" ("id" bigint NOT NULL, "performance_id" bigint NOT NULL, "show_id" text NOT NULL, "venue_id" text NOT NULL, "section" text NOT NULL, "section_id" text, "row" text NOT NULL, "seats" integer array NOT NULL DEFAULT '{}', "quantity" integer NOT NULL, "splits" integer array NOT NULL, "retail_cents" integer NOT NULL, "wholesale_cents" integer NOT NULL, "fees_cents" integer NOT NULL, "all_in_cents" integer NOT NULL, "view_notes" text array NOT NULL DEFAULT '{}', "public_notes" text, "format" text, "in_hand" boolean NOT NULL DEFAULT false, "signature" text, "content_hash" text NOT NULL, "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "removed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_520ecac6c99ec90bcf5a603cdcb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "listings_show_active_idx" ON "listings"  ("show_id") WHERE removed_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "listings_performance_idx" ON "listings"  ("performance_id") `);
    await queryRunner.query(
      `CREATE TABLE "orders" ("id" uuid NOT NULL, "status" text NOT NULL, "listing_id" bigint NOT NULL, "performance_id" bigint NOT NULL, "quantity" integer NOT NULL, "unit_all_in_cents" integer NOT NULL, "unit_retail_cents" integer NOT NULL, "total_cents" integer NOT NULL, "buyer_name" text NOT NULL, "buyer_email" text NOT NULL, "access_token_hash" text NOT NULL, "broker_reference" text NOT NULL, "broker_order_id" text, "failure_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_3a5da7145caae450233d5a31fb4" UNIQUE ("broker_reference"), CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "orders_status_updated_idx" ON "orders"  ("status", "updated_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "message_id" uuid NOT NULL, "subject" text NOT NULL, "payload" jsonb NOT NULL, "headers" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "UQ_2f36ee5236f2793f3e7bd554589" UNIQUE ("message_id"), CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_unpublished_idx" ON "outbox"  ("id") WHERE published_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "payments" ("id" uuid NOT NULL, "order_id" uuid NOT NULL, "provider" text NOT NULL, "provider_reference" text, "status" text NOT NULL, "amount_cents" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_197ab7af18c93fbb0c9b28b4a59" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "payments_order_idx" ON "payments"  ("order_id") `);
    await queryRunner.query(
      `CREATE TABLE "performances" ("id" bigint NOT NULL, "show_id" text NOT NULL, "venue_id" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "name" text NOT NULL, "state" text NOT NULL DEFAULT 'shown', "last_pulled_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7399cb1c8328315f371412d2312" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "performances_show_starts_idx" ON "performances"  ("show_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "price_history" ("id" BIGSERIAL NOT NULL, "listing_id" bigint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "all_in_cents" integer NOT NULL, "retail_cents" integer NOT NULL, CONSTRAINT "PK_e41e25472373d4b574b153229e9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "price_history_listing_at_idx" ON "price_history"  ("listing_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "processed_messages" ("consumer" text NOT NULL, "message_id" text NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d4853eee97acfc588e49f9290d1" PRIMARY KEY ("consumer", "message_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "shows" ("id" text NOT NULL, "title" text NOT NULL, "broker_performer_id" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_23f2c58b18da6e7fa802eea543c" UNIQUE ("broker_performer_id"), CONSTRAINT "PK_db2b12161dbc5081c4f50025669" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "venues" ("id" text NOT NULL, "broker_venue_id" integer NOT NULL, "name" text NOT NULL, "city" text NOT NULL, "time_zone" text NOT NULL, CONSTRAINT "UQ_dce216b6d1a068eea7fb47c2312" UNIQUE ("broker_venue_id"), CONSTRAINT "PK_cb0f885278d12384eb7a81818be" PRIMARY KEY ("id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "venues"`);
    await queryRunner.query(`DROP TABLE "shows"`);
    await queryRunner.query(`DROP TABLE "processed_messages"`);
    await queryRunner.query(`DROP INDEX "public"."price_history_listing_at_idx"`);
    await queryRunner.query(`DROP TABLE "price_history"`);
    await queryRunner.query(`DROP INDEX "public"."performances_show_starts_idx"`);
    await queryRunner.query(`DROP TABLE "performances"`);
    await queryRunner.query(`DROP INDEX "public"."payments_order_idx"`);
    await queryRunner.query(`DROP TABLE "payments"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_unpublished_idx"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP INDEX "public"."orders_status_updated_idx"`);
    await queryRunner.query(`DROP TABLE "orders"`);
    await queryRunner.query(`DROP INDEX "public"."listings_performance_idx"`);
    await queryRunner.query(`DROP INDEX "public"."listings_show_active_idx"`);
    await queryRunner.query(`DROP TABLE "listings"`);
    await queryRunner.query(`DROP INDEX "public"."listing_scores_show_deal_idx"`);
    await queryRunner.query(`DROP TABLE "listing_scores"`);
    await queryRunner.query(`DROP INDEX "public"."idempotency_keys_expires_idx"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
