import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Deduplicator } from './deduplicator.js';

/** Redis keys of the shared alert gate (derived data: a flush only lets one extra push through). */
export const ALERT_DEDUPE_PREFIX = 'hx:alerts:dedupe';

// KEYS[1] gate (exists while a push for the key is within its window), KEYS[2] count of
// repeats folded since. ARGV[1] window ms. Returns -1 to swallow, else the folded count.
// One script, so two replicas admitting the same key at the same instant cannot both win.
const ADMIT_SCRIPT = `
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
  local folded = tonumber(redis.call('GET', KEYS[2]) or '0')
  redis.call('DEL', KEYS[2])
  return folded
end
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[1]) * 10)
return -1
`;

/**
 * The de-duplication of the alert sink, shared by every replica through Redis, so an
 * error storm spread over replicas still sends one push per key per window in total.
 * While Redis is away each process folds repeats on its own (at most one push per key
 * per window per replica), never blocking or dropping the first alert of a key.
 */
export class SharedDeduplicator {
  private readonly logger = new Logger(SharedDeduplicator.name);
  private readonly local: Deduplicator;

  constructor(
    private readonly windowMs: number,
    private readonly redis?: Redis,
  ) {
    this.local = new Deduplicator(windowMs);
  }

  /** Resolves to undefined to swallow, or how many repeats were swallowed since the last one let through. */
  async admit(key: string): Promise<number | undefined> {
    if (!this.redis || this.redis.status !== 'ready') return this.local.admit(key);
    try {
      const folded = (await this.redis.eval(
        ADMIT_SCRIPT,
        2,
        gateKey(key),
        countKey(key),
        String(this.windowMs),
      )) as number;
      return folded < 0 ? undefined : folded;
    } catch (error) {
      this.logger.warn({
        message: 'shared alert gate unavailable; folding locally',
        reason: (error as Error).message,
      });
      return this.local.admit(key);
    }
  }

  /** Opens the gate again after a push that failed, so its redelivery is not swallowed. */
  async release(key: string): Promise<void> {
    this.local.release(key);
    if (!this.redis || this.redis.status !== 'ready') return;
    await this.redis.del(gateKey(key)).catch(() => undefined);
  }
}

const gateKey = (key: string) => `${ALERT_DEDUPE_PREFIX}:gate:${key}`;
const countKey = (key: string) => `${ALERT_DEDUPE_PREFIX}:folded:${key}`;
