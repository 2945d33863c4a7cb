// What several benchmarks share (run.mjs skips files starting with "_").
import { loadavg } from 'node:os';

export const log = (...a) => console.log(...a);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The 1, 5 and 15 minute load averages, as printed beside every figure. */
export const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
/** The p-th percentile (0..100) of `xs` (nearest rank; `xs` is not changed). */
export const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/**
 * The variables of a whole stack run by a bench: private Postgres, Redis and NATS, the broker
 * sandbox at `base('broker-sandbox')` with its clock stopped, no rate limit, and ingestion
 * pulling only at start and when the bench asks.
 */
export const stackEnv = ({ db, redis, nats, base, scale }) => ({
  APP_ENV: 'development',
  DATABASE_URL: db.url,
  REDIS_URL: redis.url,
  NATS_URL: nats.url,
  BROKER_BASE_URL: base('broker-sandbox'),
  SANDBOX_SCALE: scale,
  SANDBOX_CLOCK_SPEED: '0',
  RATE_LIMIT_PER_MINUTE: '0',
  INGESTION_INTERVAL_SECONDS: '3600',
  INGESTION_CHANGES_INTERVAL_SECONDS: '0',
});
