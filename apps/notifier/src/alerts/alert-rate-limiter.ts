import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Clock } from '@hamiltix/domain';
import { CLOCK, REDIS, TooManyRequestsError } from '@hamiltix/platform';
import type { FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';

/** Limits of the alert API; tests substitute their own through DI. */
export interface AlertLimits {
  /** Sign-ups (POST /api/v1/alerts) per client per minute. */
  signupsPerClientPerMinute: number;
  /** Other alert requests per client per minute. */
  requestsPerClientPerMinute: number;
  /** Sign-ups (so confirmation mails) per email address per hour. */
  signupsPerAddressPerHour: number;
  /** Redis key prefix of the counters. */
  prefix: string;
}

export const ALERT_LIMITS = Symbol('ALERT_LIMITS');

export const DEFAULT_ALERT_LIMITS: AlertLimits = {
  signupsPerClientPerMinute: 10,
  requestsPerClientPerMinute: 60,
  signupsPerAddressPerHour: 5,
  prefix: 'hx:ratelimit:alerts:',
};

/**
 * Fixed windows counted in Redis (shared by replicas), the pattern of the platform's
 * RateLimiter, with the alert API's own limits (on in development too: they guard the mail
 * reputation, not the CPU). Fails open when Redis is away: the limiter protects the service and
 * the mail reputation, it must not take sign-ups down. Keys hold a client address or a hash
 * of an email address, never the address itself.
 */
@Injectable()
export class AlertRateLimiter {
  private readonly logger = new Logger(AlertRateLimiter.name);
  private lastWarning = -Infinity;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ALERT_LIMITS) readonly limits: AlertLimits,
  ) {}

  /** Throws 429 (with Retry-After) when `key` has been seen more than `limit` times in the window. */
  async hit(key: string, limit: number, windowSeconds: number, message: string): Promise<void> {
    if (limit <= 0) return;
    const nowMs = this.clock.now().getTime();
    const window = Math.floor(nowMs / (windowSeconds * 1000));
    const redisKey = `${this.limits.prefix}${key}:${window}`;
    let count: number;
    try {
      const results = await this.redis
        .multi()
        .incr(redisKey)
        .expire(redisKey, windowSeconds + 1)
        .exec();
      count = Number(results?.[0]?.[1] ?? 0);
    } catch (error) {
      if (performance.now() - this.lastWarning > 60_000) {
        this.lastWarning = performance.now();
        this.logger.warn(`alert rate limit not enforced, Redis unavailable: ${(error as Error).message}`);
      }
      return;
    }
    if (count > limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * windowSeconds * 1000 - nowMs) / 1000));
      throw new TooManyRequestsError(`${message} Wait ${retryAfterSeconds} seconds and try again.`, {
        retryAfterSeconds,
      });
    }
  }
}

/**
 * The client: Fastify's `request.ip`, which honours X-Forwarded-For only through
 * TRUSTED_PROXY_HOPS proxies (the platform's bootstrap), so a client cannot pick its own
 * address — the same client the platform's RateLimiter counts.
 */
export function clientOf(request: FastifyRequest): string {
  return (request.ip || 'unknown').slice(0, 64);
}
