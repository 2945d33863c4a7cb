export * from './subjects.js';
export * from './messages.js';
export * from './api.js';
export * from './ranked-index.js';
export * from './ranked-snapshot.js';
export * from './ranked-delta.js';
