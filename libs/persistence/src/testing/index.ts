export * from './test-database.js';
export * from './orders.js';
