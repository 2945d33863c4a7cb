import type { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

/** One hit counted in a fixed window. */
export interface WindowHit {
  /** Hits of the key in this window, this one included; undefined when Redis could not count. */
  count: number | undefined;
  /** Seconds until the window ends (for Retry-After); at least 1. */
  retryAfterSeconds: number;
}

/**
 * Fixed windows counted in Redis (`<prefix><window>:<key>`, INCR then EXPIRE in one MULTI), so
 * every replica shares the counts: `hit`, one round trip per hit, for the notifier's alert
 * limits (few requests); `add`, many keys' hits in one, for the platform's RateLimiter (every
 * API request, sent in batches). Windows are numbered from the caller's clock. When Redis is away the
 * count is undefined (callers fail open) and a warning is logged at most once a minute.
 */
export class WindowCounter {
  private lastWarning = -Infinity;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
    /** What is not enforced while Redis is away, for the warning ("rate limit"). */
    private readonly what: string,
  ) {}

  async hit(key: string, windowSeconds: number, nowMs: number): Promise<WindowHit> {
    const windowMs = windowSeconds * 1000;
    const window = Math.floor(nowMs / windowMs);
    const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - nowMs) / 1000));
    try {
      const [count] = await this.add([{ key, window, adding: 1 }], windowSeconds);
      return { count: Number.isFinite(count) ? count : 0, retryAfterSeconds };
    } catch (error) {
      if (performance.now() - this.lastWarning > 60_000) {
        this.lastWarning = performance.now();
        this.logger.warn(`${this.what} not enforced, Redis unavailable: ${(error as Error).message}`);
      }
      return { count: undefined, retryAfterSeconds };
    }
  }

  /**
   * Adds hits to several keys' windows in one MULTI (INCRBY then EXPIRE each); resolves to each
   * key's total in its window, this addition included (NaN where Redis answered none). Rejects
   * when Redis fails: callers decide what that means (the platform's RateLimiter sends in batches).
   */
  async add(
    hits: readonly { key: string; window: number; adding: number }[],
    windowSeconds: number,
  ): Promise<number[]> {
    const multi = this.redis.multi();
    for (const { key, window, adding } of hits) {
      const redisKey = `${this.prefix}${window}:${key}`;
      multi.incrby(redisKey, adding).expire(redisKey, windowSeconds + 1);
    }
    const results = await multi.exec();
    return hits.map((_, i) => Number(results?.[2 * i]?.[1]));
  }
}
