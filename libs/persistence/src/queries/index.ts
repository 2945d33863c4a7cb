// One module per table or aggregate; each exports typed functions taking a Queryable.
export * from './orders.js';
export * from './payments.js';
export * from './reservations.js';
export * from './idempotency.js';
export * from './processed-messages.js';
