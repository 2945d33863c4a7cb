export * from './entities/index.js';
export * from './data-source.js';
export * from './database.js';
export * from './migrate.js';
export { MIGRATIONS } from './migrations/index.js';
export * from './sql/index.js';
export * from './queries/index.js';
