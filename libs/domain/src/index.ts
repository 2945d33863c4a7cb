export * from './money.js';
export * from './fees.js';
export * from './splits.js';
export * from './time.js';
export * from './clock.js';
export * from './sales-window.js';
export * from './random.js';
