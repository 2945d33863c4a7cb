export * from './test-database.js';
export * from './seed.js';
