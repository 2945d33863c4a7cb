import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Seat quality and deal score of a listing. Written by ranking only. */
@Entity({ name: 'listing_scores' })
@Index('listing_scores_show_deal_idx', ['showId', 'dealScore'])
export class ListingScoreEntity {
  @PrimaryColumn({ name: 'listing_id', type: 'bigint' })
  listingId!: string;

  @Column({ name: 'show_id', type: 'text' })
  showId!: string;

  /** 0..100, the same for the same seat on every date. */
  @Column({ name: 'seat_quality', type: 'real' })
  seatQuality!: number;

  /** 0..1: how sure the seat model is (lower when seats or section were unknown). */
  @Column({ name: 'quality_confidence', type: 'real' })
  qualityConfidence!: number;

  /** Fitted expected all-in price per ticket, cents. */
  @Column({ name: 'expected_cents', type: 'integer' })
  expectedCents!: number;

  /** 0..100, comparable across dates and venues of one show. */
  @Column({ name: 'deal_score', type: 'real' })
  dealScore!: number;

  @Column({ type: 'text' })
  explanation!: string;

  @Column({ name: 'ranked_at', type: 'timestamptz', default: () => 'now()' })
  rankedAt!: Date;
}
