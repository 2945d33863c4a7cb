import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An `Idempotency-Key` with the hash of its request body and the first answer. Kept at least 24 h. Written by checkout. */
@Entity({ name: 'idempotency_keys' })
@Index('idempotency_keys_expires_idx', ['expiresAt'])
/** The reconciler asks whether a stuck order still has a key awaiting its 3-D Secure check. */
@Index('idempotency_keys_order_idx', ['orderId'], { where: '"order_id" IS NOT NULL' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  /** SHA-256 of the canonical request body. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  /** `in_progress` until the first request finishes, then `completed`. */
  @Column({ type: 'text' })
  state!: 'in_progress' | 'completed';

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody!: unknown;

  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
