import { IdempotencyKeyEntity } from './idempotency-key.entity.js';
import { ListingReservationEntity } from './listing-reservation.entity.js';
import { ListingScoreEntity } from './listing-score.entity.js';
import { ListingEntity } from './listing.entity.js';
import { OrderEntity } from './order.entity.js';
import { OutboxEntity } from './outbox.entity.js';
import { PaymentEntity } from './payment.entity.js';
import { PerformanceListingStatsEntity } from './performance-listing-stats.entity.js';
import { PerformanceEntity } from './performance.entity.js';
import { PriceHistoryEntity } from './price-history.entity.js';
import { ProcessedMessageEntity } from './processed-message.entity.js';
import { SavedSearchNotificationEntity } from './saved-search-notification.entity.js';
import { SavedSearchEntity } from './saved-search.entity.js';
import { ShowEntity } from './show.entity.js';
import { VenueEntity } from './venue.entity.js';

export {
  IdempotencyKeyEntity,
  ListingReservationEntity,
  ListingScoreEntity,
  ListingEntity,
  OrderEntity,
  OutboxEntity,
  PaymentEntity,
  PerformanceEntity,
  PerformanceListingStatsEntity,
  PriceHistoryEntity,
  ProcessedMessageEntity,
  SavedSearchEntity,
  SavedSearchNotificationEntity,
  ShowEntity,
  VenueEntity,
};
export type { OrderStatus } from './order.entity.js';
export type { PaymentStatus } from './payment.entity.js';
export type { SavedSearchFilters, SavedSearchStatus } from './saved-search.entity.js';

/** Every entity, for the data source. Add new entities here and generate a migration. */
export const ENTITIES = [
  ShowEntity,
  VenueEntity,
  PerformanceEntity,
  ListingEntity,
  PriceHistoryEntity,
  ListingScoreEntity,
  OrderEntity,
  PaymentEntity,
  IdempotencyKeyEntity,
  OutboxEntity,
  ProcessedMessageEntity,
  ListingReservationEntity,
  PerformanceListingStatsEntity,
  SavedSearchEntity,
  SavedSearchNotificationEntity,
];
