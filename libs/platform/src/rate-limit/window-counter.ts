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
 * every replica shares the counts, one round trip per hit: the notifier's alert limits (few
 * requests; the platform's RateLimiter, on every API request, batches its hits instead). Windows are numbered from the caller's clock. When Redis is away the
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
    const redisKey = `${this.prefix}${window}:${key}`;
    try {
      const results = await this.redis
        .multi()
        .incr(redisKey)
        .expire(redisKey, windowSeconds + 1)
        .exec();
      return { count: Number(results?.[0]?.[1] ?? 0), retryAfterSeconds };
    } catch (error) {
      if (performance.now() - this.lastWarning > 60_000) {
        this.lastWarning = performance.now();
        this.logger.warn(`${this.what} not enforced, Redis unavailable: ${(error as Error).message}`);
      }
      return { count: undefined, retryAfterSeconds };
    }
  }
}
