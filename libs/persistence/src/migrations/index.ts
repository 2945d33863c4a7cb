import type { MigrationInterface } from 'typeorm';
import { Initial1795715918385 } from './1795715918385-Initial.js';
import { ListingReservations1795716215493 } from './1795716215493-ListingReservations.js';
import { ListingScoresSearchFields1795717610467 } from './1795717610467-ListingScoresSearchFields.js';
import { ListingScoresFilterKeys1795719615363 } from './1795719615363-ListingScoresFilterKeys.js';
import { PerformanceBrokerUpdatedAt1795718077050 } from './1795718077050-PerformanceBrokerUpdatedAt.js';
import { PerformanceListingStats1795720361080 } from './1795720361080-PerformanceListingStats.js';
import { SavedSearches1796280267316 } from './1796280267316-SavedSearches.js';
import { PaymentsProviderState1796280504342 } from './1796280504342-PaymentsProviderState.js';
import { ListingReservationsOpenHoldsOnly1796281000000 } from './1796281000000-ListingReservationsOpenHoldsOnly.js';
import { ListingReservationsConfirmedSales1796282000000 } from './1796282000000-ListingReservationsConfirmedSales.js';
import { IdempotencyKeysOrderIndex1796299886307 } from './1796299886307-IdempotencyKeysOrderIndex.js';

/** Every migration, in order. `npm run migration:generate -- Name` writes new ones; add them here. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795715918385,
  ListingReservations1795716215493,
  ListingScoresSearchFields1795717610467,
  PerformanceBrokerUpdatedAt1795718077050,
  ListingScoresFilterKeys1795719615363,
  PerformanceListingStats1795720361080,
  SavedSearches1796280267316,
  PaymentsProviderState1796280504342,
  ListingReservationsOpenHoldsOnly1796281000000,
  ListingReservationsConfirmedSales1796282000000,
  IdempotencyKeysOrderIndex1796299886307,
];
