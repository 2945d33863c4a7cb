export * from './queryable.js';
export * from './prepared.js';
export * from './advisory-lock.js';
export * from './copy.js';
export * from './copy-encoding.js';
export { pgClient } from './native.js';
export * from './notify.js';
