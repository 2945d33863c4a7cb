import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A resale listing (broker "ticket group"), normalised. Written by ingestion only.
 * Money is integer cents per ticket. A listing that disappears from the broker is
 * marked `removed_at`, never deleted, so orders and price history keep their target.
 */
@Entity({ name: 'listings' })
@Index('listings_performance_idx', ['performanceId'])
@Index('listings_show_active_idx', ['showId'], { where: 'removed_at IS NULL' })
export class ListingEntity {
  /** The broker listing id, stable across pulls. */
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'performance_id', type: 'bigint' })
  performanceId!: string;

  @Column({ name: 'show_id', type: 'text' })
  showId!: string;

  @Column({ name: 'venue_id', type: 'text' })
  venueId!: string;

  /** Section as the broker named it. */
  @Column({ type: 'text' })
  section!: string;

  /** libs/venues section id, when the resolver knew the section. */
  @Column({ name: 'section_id', type: 'text', nullable: true })
  sectionId!: string | null;

  @Column({ type: 'text' })
  row!: string;

  /** Seat numbers, when the broker gave them (empty otherwise). */
  @Column({ type: 'integer', array: true, default: () => "'{}'" })
  seats!: number[];

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ type: 'integer', array: true })
  splits!: number[];

  /** Broker retail price per ticket, cents. */
  @Column({ name: 'retail_cents', type: 'integer' })
  retailCents!: number;

  /** Broker wholesale price per ticket, cents (the order floor). */
  @Column({ name: 'wholesale_cents', type: 'integer' })
  wholesaleCents!: number;

  /** Mandatory buyer fees per ticket, cents. */
  @Column({ name: 'fees_cents', type: 'integer' })
  feesCents!: number;

  /** All-in price per ticket (retail + fees), cents. */
  @Column({ name: 'all_in_cents', type: 'integer' })
  allInCents!: number;

  /** Notes a buyer must see: the broker's public notes plus the venue's known notes for these seats. */
  @Column({ name: 'view_notes', type: 'text', array: true, default: () => "'{}'" })
  viewNotes!: string[];

  @Column({ name: 'public_notes', type: 'text', nullable: true })
  publicNotes!: string | null;

  @Column({ type: 'text', nullable: true })
  format!: string | null;

  @Column({ name: 'in_hand', type: 'boolean', default: false })
  inHand!: boolean;

  /** The broker's token pinning price and quantity; needed to order. */
  @Column({ type: 'text', nullable: true })
  signature!: string | null;

  /** Hash of every stored field, for change detection on the next pull. */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash!: string;

  @Column({ name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' })
  firstSeenAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;
}
