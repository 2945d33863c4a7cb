import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SavedSearchEntity } from './saved-search.entity.js';

/**
 * The all-in price at which a listing was last mailed for a saved search: the listing is
 * mailed again for that search only when its price drops below this. Deleted with the search.
 */
@Entity({ name: 'saved_search_notifications' })
export class SavedSearchNotificationEntity {
  @PrimaryColumn({ name: 'search_id', type: 'uuid' })
  searchId!: string;

  @ManyToOne(() => SavedSearchEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'search_id' })
  search?: SavedSearchEntity;

  @PrimaryColumn({ name: 'listing_id', type: 'bigint' })
  listingId!: string;

  /** All-in per ticket when mailed, cents. */
  @Column({ name: 'all_in_cents', type: 'integer' })
  allInCents!: number;

  @Column({ name: 'notified_at', type: 'timestamptz' })
  notifiedAt!: Date;
}
