import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type SavedSearchStatus = 'pending' | 'active';

/** The search page's filters a saved search keeps (the `GET /api/v1/listings` filters of one show). */
export interface SavedSearchFilters {
  /** Lower-cased. */
  city?: string;
  /** YYYY-MM-DD in the venue's zone, inclusive. */
  from?: string;
  to?: string;
  /** 0 = Sunday, in the venue's zone. */
  days?: number[];
  time?: 'matinee' | 'evening';
  quantity?: number;
  /** All-in per ticket, integer cents. */
  maxPriceCents?: number;
  /** Lower-cased: a level, a libs/venues section id or the broker's section name. */
  section?: string;
  clearView?: boolean;
}

/**
 * A buyer's saved search with a price and/or quality target (docs/architecture.md,
 * "Public HTTP API", alerts). Written by the notifier only. The row, and with it the
 * email address, exists only while the search is pending confirmation or active:
 * unsubscribing deletes it, and a pending one is deleted after 7 days.
 */
@Entity({ name: 'saved_searches' })
@Check('saved_searches_status_check', `"status" IN ('pending', 'active')`)
@Check('saved_searches_target_check', `"target_max_cents" IS NOT NULL OR "target_min_quality" IS NOT NULL`)
@Index('saved_searches_show_status_idx', ['showId', 'status'])
@Index('saved_searches_email_idx', ['email'])
@Index('saved_searches_pending_idx', ['status', 'createdAt'])
export class SavedSearchEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  status!: SavedSearchStatus;

  /** Lower-cased. Personal data: never logged, never in metrics or alerts. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'show_id', type: 'text' })
  showId!: string;

  @Column({ type: 'jsonb' })
  filters!: SavedSearchFilters;

  /** Target: an all-in price per ticket at or below this, cents. */
  @Column({ name: 'target_max_cents', type: 'integer', nullable: true })
  targetMaxCents!: number | null;

  /** Target: a seat quality (0..100) of at least this. */
  @Column({ name: 'target_min_quality', type: 'real', nullable: true })
  targetMinQuality!: number | null;

  /** SHA-256 of the access token (the manage link's); the token itself is never stored. */
  @Column({ name: 'access_token_hash', type: 'text' })
  accessTokenHash!: string;

  /** SHA-256 of the confirmation token while pending; null once confirmed. */
  @Column({ name: 'confirm_token_hash', type: 'text', nullable: true })
  confirmTokenHash!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  /** When the last alert mail went out (the ALERT_MIN_INTERVAL_MINUTES gate). */
  @Column({ name: 'last_sent_at', type: 'timestamptz', nullable: true })
  lastSentAt!: Date | null;
}
