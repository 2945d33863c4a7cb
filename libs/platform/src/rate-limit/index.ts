export * from './rate-limiter.js';
export * from './rate-limit.guard.js';
export * from './rate-limit.hook.js';
export * from './window-counter.js';
