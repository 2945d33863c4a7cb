// One module per table or aggregate; each exports typed functions taking a Queryable.
export * from './catalogue.js';
export * from './listings.js';
export * from './listing-merge.js';
export type { ListingWrite } from './listing-staging.js';
export * from './outbox.js';
export * from './listing-search.js';
export * from './saved-searches.js';
export * from './scored-listings.js';
export * from './sandbox-journal.js';
export * from './orders.js';
export * from './payments.js';
export { listingHold, purgeSpentHolds, type ListingHold } from './reservations.js';
export * from './idempotency.js';
export * from './ranking.js';
