import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentsProviderState1796280504342 implements MigrationInterface {
  name = 'PaymentsProviderState1796280504342';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."payments_order_idx"`);
    await queryRunner.query(`ALTER TABLE "payments" ADD "provider_state" text`);
    await queryRunner.query(`ALTER TABLE "payments" ADD "provider_retries" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `CREATE INDEX "payments_provider_reference_idx" ON "payments"  ("provider_reference") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "payments_order_idx" ON "payments"  ("order_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."payments_order_idx"`);
    await queryRunner.query(`DROP INDEX "public"."payments_provider_reference_idx"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "provider_retries"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "provider_state"`);
    await queryRunner.query(`CREATE INDEX "payments_order_idx" ON "payments" USING btree ("order_id") `);
  }
}
