export * from './test-database.js';
export * from './seed.js';
export * from './orders.js';
export * from './inventory.js';
