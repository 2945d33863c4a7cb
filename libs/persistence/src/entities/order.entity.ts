import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type OrderStatus = 'created' | 'authorised' | 'broker_pending' | 'confirmed' | 'failed' | 'refunded';

/** A buyer's order. Written by checkout only. Buyer data is kept to what the order needs. */
@Entity({ name: 'orders' })
@Index('orders_status_updated_idx', ['status', 'updatedAt'])
export class OrderEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  status!: OrderStatus;

  @Column({ name: 'listing_id', type: 'bigint' })
  listingId!: string;

  @Column({ name: 'performance_id', type: 'bigint' })
  performanceId!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  /** All-in price per ticket charged, cents. */
  @Column({ name: 'unit_all_in_cents', type: 'integer' })
  unitAllInCents!: number;

  /** Broker retail price per ticket at order time, cents. */
  @Column({ name: 'unit_retail_cents', type: 'integer' })
  unitRetailCents!: number;

  @Column({ name: 'total_cents', type: 'integer' })
  totalCents!: number;

  @Column({ name: 'buyer_name', type: 'text' })
  buyerName!: string;

  @Column({ name: 'buyer_email', type: 'text' })
  buyerEmail!: string;

  /** SHA-256 of the bearer access token given to the buyer; the token itself is never stored. */
  @Column({ name: 'access_token_hash', type: 'text' })
  accessTokenHash!: string;

  /** Stable reference sent to the broker so that a retry can never order twice. */
  @Column({ name: 'broker_reference', type: 'text', unique: true })
  brokerReference!: string;

  @Column({ name: 'broker_order_id', type: 'text', nullable: true })
  brokerOrderId!: string | null;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
