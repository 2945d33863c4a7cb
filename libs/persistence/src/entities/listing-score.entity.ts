import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Filter columns carried at the end of each sort index (rank_price first: price indexes lead with it). */
const FILTER_KEYS = ['rankPrice', 'localDate', 'weekday', 'matinee', 'hasViewNotes'];

/** Seat quality and deal score of a listing. Written by ranking only. */
@Entity({ name: 'listing_scores' })
@Index('listing_scores_show_deal_idx', ['showId', 'dealScore'])
// One index per sort, per show and across shows: the fallback walks them in order with a LIMIT.
// The trailing columns are filters checked on the index entries (btree conditions on non-leading
// columns), so rows a price cap or a date window excludes cost no heap visit.
@Index('listing_scores_show_rank_deal_idx', ['showId', 'rankDeal', 'listingKey', ...FILTER_KEYS])
@Index('listing_scores_show_rank_price_idx', ['showId', 'rankPrice', 'listingKey', ...FILTER_KEYS.slice(1)])
@Index('listing_scores_show_rank_quality_idx', ['showId', 'rankQuality', 'listingKey', ...FILTER_KEYS])
@Index('listing_scores_show_rank_date_idx', ['showId', 'rankDate', 'listingKey', ...FILTER_KEYS])
@Index('listing_scores_rank_deal_idx', ['rankDeal', 'listingKey', ...FILTER_KEYS])
@Index('listing_scores_rank_price_idx', ['rankPrice', 'listingKey', ...FILTER_KEYS.slice(1)])
@Index('listing_scores_rank_quality_idx', ['rankQuality', 'listingKey', ...FILTER_KEYS])
@Index('listing_scores_rank_date_idx', ['rankDate', 'listingKey', ...FILTER_KEYS])
@Index('listing_scores_performance_idx', ['performanceId', 'allInCents'])
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

  // ---- Denormalised search fields (written by ranking with the scores, read by search-api's
  // Postgres fallback so it answers from indexes, with no joins or time-zone maths per query).
  // Nullable: rows written before these columns existed are rewritten by the next ranking.

  @Column({ name: 'performance_id', type: 'bigint', nullable: true })
  performanceId!: string | null;

  @Column({ name: 'venue_id', type: 'text', nullable: true })
  venueId!: string | null;

  /** Venue's city, lower case (the `city` filter compares lower case). */
  @Column({ name: 'city_key', type: 'text', nullable: true })
  cityKey!: string | null;

  /** Curtain, UTC. */
  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt!: Date | null;

  /** Date of the curtain in the venue's zone (the `from`/`to` filters). */
  @Column({ name: 'local_date', type: 'date', nullable: true })
  localDate!: string | null;

  /** Weekday in the venue's zone, 0 = Sunday (the `days` filter). */
  @Column({ name: 'weekday', type: 'smallint', nullable: true })
  weekday!: number | null;

  /** Curtain before MATINEE_BEFORE_HOUR in the venue's zone (the `time` filter). */
  @Column({ name: 'matinee', type: 'boolean', nullable: true })
  matinee!: boolean | null;

  /** All-in per ticket, cents. */
  @Column({ name: 'all_in_cents', type: 'integer', nullable: true })
  allInCents!: number | null;

  @Column({ name: 'splits', type: 'integer', array: true, nullable: true })
  splits!: number[] | null;

  @Column({ name: 'has_view_notes', type: 'boolean', nullable: true })
  hasViewNotes!: boolean | null;

  /** What the `section` filter matches, lower case: the seat-map level, section id and broker name. */
  @Column({ name: 'section_keys', type: 'text', array: true, nullable: true })
  sectionKeys!: string[] | null;

  /** Sort keys exactly as RANK_SCORES computes them (ascending = best first), float8 like a zset score. */
  @Column({ name: 'rank_deal', type: 'double precision', nullable: true })
  rankDeal!: number | null;

  @Column({ name: 'rank_price', type: 'double precision', nullable: true })
  rankPrice!: number | null;

  @Column({ name: 'rank_quality', type: 'double precision', nullable: true })
  rankQuality!: number | null;

  @Column({ name: 'rank_date', type: 'double precision', nullable: true })
  rankDate!: number | null;

  /** The listing id as text in byte order: ties break like zset members. */
  @Column({ name: 'listing_key', type: 'text', collation: 'C', nullable: true })
  listingKey!: string | null;

  /** The public ListingItemDto, as ranking published it to Redis (json keeps its key order). */
  @Column({ name: 'item', type: 'json', nullable: true })
  item!: unknown;
}
