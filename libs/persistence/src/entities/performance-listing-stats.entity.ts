import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Per performance: what GET /api/v1/performances shows about its ranked listings. Written by
 * ranking with the scores (same transaction), read by search-api when Redis cannot answer, so
 * that endpoint never aggregates listing_scores per request.
 */
@Entity({ name: 'performance_listing_stats' })
@Index('performance_listing_stats_show_idx', ['showId', 'startsAt'])
export class PerformanceListingStatsEntity {
  @PrimaryColumn({ name: 'performance_id', type: 'bigint' })
  performanceId!: string;

  @Column({ name: 'show_id', type: 'text' })
  showId!: string;

  /** Curtain, UTC. */
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  /** Date of the curtain in the venue's zone. */
  @Column({ name: 'local_date', type: 'date' })
  localDate!: string;

  @Column({ name: 'listing_count', type: 'integer' })
  listingCount!: number;

  /** All-in per ticket, cents. */
  @Column({ name: 'lowest_all_in_cents', type: 'integer' })
  lowestAllInCents!: number;

  /** Best dealScore of its listings, exactly as published (float8). */
  @Column({ name: 'best_deal_score', type: 'double precision' })
  bestDealScore!: number;

  @Column({ name: 'ranked_at', type: 'timestamptz', default: () => 'now()' })
  rankedAt!: Date;
}
