import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PerformanceBrokerUpdatedAt1795718077050 implements MigrationInterface {
  name = 'PerformanceBrokerUpdatedAt1795718077050';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "performances" ADD "broker_updated_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "performances" DROP COLUMN "broker_updated_at"`);
  }
}
