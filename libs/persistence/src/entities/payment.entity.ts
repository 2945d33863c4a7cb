import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type PaymentStatus = 'pending' | 'authorised' | 'captured' | 'voided' | 'declined' | 'failed';

/**
 * An order's payment: one per order. Written by checkout only. No card data, only the
 * provider's reference (a Stripe PaymentIntent id, or the sandbox's `sbx_…`) and the
 * provider's own state of it, so any replica can capture or void what another authorised.
 */
@Entity({ name: 'payments' })
@Index('payments_order_idx', ['orderId'], { unique: true })
@Index('payments_provider_reference_idx', ['providerReference'])
export class PaymentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  /** `stripe` or `sandbox`. */
  @Column({ type: 'text' })
  provider!: string;

  /** The provider's id for this payment (Stripe PaymentIntent id), recorded as soon as it exists. */
  @Column({ name: 'provider_reference', type: 'text', nullable: true })
  providerReference!: string | null;

  /** Our view of the payment, moved with the order in the order's own statements. */
  @Column({ type: 'text' })
  status!: PaymentStatus;

  /**
   * The provider's state of the payment as last seen (Stripe's PaymentIntent `status`, e.g.
   * `requires_capture`, `succeeded`, `canceled`; the sandbox's `authorised`/`captured`/`voided`).
   */
  @Column({ name: 'provider_state', type: 'text', nullable: true })
  providerState!: string | null;

  /**
   * Capture or cancel calls to the provider that failed without an answer (5xx, timeout).
   * Part of the next call's Idempotency-Key: Stripe replays a key's first answer, 500s
   * included, so a retry after a failure needs a new key (a PaymentIntent can be captured
   * only once whatever the key, so a new key can never charge twice).
   */
  @Column({ name: 'provider_retries', type: 'integer', default: 0 })
  providerRetries!: number;

  /** The order's all-in total, cents (USD). */
  @Column({ name: 'amount_cents', type: 'integer' })
  amountCents!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
