import type { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

/** One hit counted in a fixed window. */
export interface WindowHit {
  /** Hits of the key in this window, this one included; undefined when Redis could not count. */
  count: number | undefined;
  /** Seconds until the window ends (for Retry-After); at least 1. */
  retryAfterSeconds: number;
}

/** The fixed window an instant falls in, numbered from the epoch, and the seconds left in it (at least 1). */
export function fixedWindow(
  nowMs: number,
  windowSeconds: number,
): { window: number; retryAfterSeconds: number } {
  const windowMs = windowSeconds * 1000;
  const window = Math.floor(nowMs / windowMs);
  return { window, retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * windowMs - nowMs) / 1000)) };
}

/**
 * Fixed windows counted in Redis (`<prefix><window>:<key>`, INCRBY then EXPIRE in one MULTI),
 * so every replica shares the counts: `hit`, one round trip per hit, for the notifier's alert
 * limits (few requests); `add`, many keys' hits in one, for the platform's RateLimiter (every
 * API request, sent in batches). Windows are numbered from the caller's clock. When Redis is
 * away `hit`'s count is undefined (callers fail open), and a warning is logged at most once a
 * minute (`warnUnavailable`).
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
    const { window, retryAfterSeconds } = fixedWindow(nowMs, windowSeconds);
    try {
      const [count] = await this.add([{ key, window, adding: 1 }], windowSeconds);
      return { count: Number.isFinite(count) ? count : 0, retryAfterSeconds };
    } catch (error) {
      this.warnUnavailable(error as Error, 'not enforced');
      return { count: undefined, retryAfterSeconds };
    }
  }

  /** Logs that Redis failed and what that means (`<what> <meaning>, Redis unavailable`), at most once a minute. */
  warnUnavailable(error: Error, meaning: string): void {
    if (performance.now() - this.lastWarning <= 60_000) return;
    this.lastWarning = performance.now();
    this.logger.warn(`${this.what} ${meaning}, Redis unavailable: ${error.message}`);
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
