import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index on `idempotency_keys.order_id` (keys linked to an order only): the reconciler's
 * stuck-orders query asks, per stuck order, whether a key still awaits its 3-D Secure check.
 */
export class IdempotencyKeysOrderIndex1796299886307 implements MigrationInterface {
  name = 'IdempotencyKeysOrderIndex1796299886307';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idempotency_keys_order_idx" ON "idempotency_keys"  ("order_id") WHERE "order_id" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idempotency_keys_order_idx"`);
  }
}
