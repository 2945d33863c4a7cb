export * from './signing.js';
export * from './errors.js';
export * from './backoff.js';
export * from './options.js';
export * from './types.js';
export * from './broker-client.js';
export * from './keep-alive-transport.js';
export { parseListingRow, parseEventRow } from './schemas.js';
