import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Clock } from '@hamiltix/domain';
import { CLOCK, REDIS, TooManyRequestsError, WindowCounter } from '@hamiltix/platform';
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
 * The alert API's own limits, counted in fixed windows in Redis (the platform's WindowCounter,
 * one Redis round trip per hit; shared by replicas), on in development too: they
 * guard the mail reputation, not the CPU. Fails open when Redis is away: the limiter protects
 * the service and the mail reputation, it must not take sign-ups down. Keys hold a client
 * address or a hash of an email address, never the address itself.
 */
@Injectable()
export class AlertRateLimiter {
  private readonly counter: WindowCounter;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ALERT_LIMITS) readonly limits: AlertLimits,
  ) {
    this.counter = new WindowCounter(
      redis,
      limits.prefix,
      new Logger(AlertRateLimiter.name),
      'alert rate limit',
    );
  }

  /** Throws 429 (with Retry-After) when `key` has been seen more than `limit` times in the window. */
  async hit(key: string, limit: number, windowSeconds: number, message: string): Promise<void> {
    if (limit <= 0) return;
    const { count, retryAfterSeconds } = await this.counter.hit(
      key,
      windowSeconds,
      this.clock.now().getTime(),
    );
    if (count !== undefined && count > limit) {
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
