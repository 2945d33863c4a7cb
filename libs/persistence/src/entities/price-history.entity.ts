import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every price a listing has had, all-in cents per ticket. Written by ingestion. */
@Entity({ name: 'price_history' })
@Index('price_history_listing_at_idx', ['listingId', 'at'])
export class PriceHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'listing_id', type: 'bigint' })
  listingId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ name: 'all_in_cents', type: 'integer' })
  allInCents!: number;

  @Column({ name: 'retail_cents', type: 'integer' })
  retailCents!: number;
}
