export * from './config.schema.js';
export * from './config.js';
