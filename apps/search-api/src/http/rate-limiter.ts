import type { Redis } from 'ioredis';

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets. */
  retryAfter: number;
}

/**
 * Fixed one-minute windows counted in Redis, so every replica shares the counters.
 * When Redis is away it fails open: the limiter protects the service, it must not
 * take it down.
 */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly perMinute: number,
    /** Epoch ms from the process's clock. */
    private readonly now: () => number,
  ) {}

  async check(client: string): Promise<RateDecision> {
    const now = this.now();
    const window = Math.floor(now / 60_000);
    const retryAfter = Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000));
    try {
      const key = `hx:ratelimit:search:${window}:${client}`;
      const [[, count]] = (await this.redis.multi().incr(key).expire(key, 61).exec()) as [
        [Error | null, number],
      ];
      return { allowed: Number(count) <= this.perMinute, retryAfter };
    } catch {
      return { allowed: true, retryAfter };
    }
  }
}

/** The client: the first X-Forwarded-For address (set by the ingress), else the socket. */
export function clientOf(forwardedFor: string | string[] | undefined, socketIp: string | undefined): string {
  const raw = Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor;
  const first = raw?.split(',')[0]?.trim();
  const ip = first && /^[0-9a-fA-F:.]{2,45}$/.test(first) ? first : socketIp;
  return ip ?? 'unknown';
}
