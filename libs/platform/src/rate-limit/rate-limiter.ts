import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Clock } from '@hamiltix/domain';
import type { Redis } from 'ioredis';
import { CLOCK } from '../clock/clock.provider.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { REDIS } from '../redis/redis.providers.js';

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the client's window resets (for Retry-After); at least 1. */
  retryAfterSeconds: number;
  /** What to tell a refused client. */
  message: string;
}

const WINDOW_MS = 60_000;

/**
 * The one rate limiter: RATE_LIMIT_PER_MINUTE requests per client per service (0 = off,
 * the development default), in fixed one-minute windows of the injected CLOCK, counted in
 * Redis (`hx:ratelimit:<service>:<window>:<client>`) so every replica shares the counts.
 * The client is Fastify's `request.ip`, which honours X-Forwarded-For only through
 * TRUSTED_PROXY_HOPS proxies (bootstrap.ts): a client cannot pick its own address.
 * When Redis is away it fails open (logged): losing the limiter must not stop the service.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private lastWarning = -Infinity;
  readonly perMinute: number;
  private readonly prefix: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.perMinute = config.rateLimitPerMinute;
    this.prefix = `hx:ratelimit:${config.service}:`;
  }

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  /** Counts one request of `client` (an IP address) and says whether it may go on. */
  async check(client: string | undefined): Promise<RateDecision> {
    const nowMs = this.clock.now().getTime();
    const window = Math.floor(nowMs / WINDOW_MS);
    const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - nowMs) / 1000));
    const message = `Too many requests from your address (at most ${this.perMinute} a minute). Wait ${retryAfterSeconds} seconds and try again.`;
    if (!this.enabled) return { allowed: true, retryAfterSeconds, message };
    const key = `${this.prefix}${window}:${(client || 'unknown').slice(0, 64)}`;
    try {
      const results = await this.redis.multi().incr(key).expire(key, 61).exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      return { allowed: count <= this.perMinute, retryAfterSeconds, message };
    } catch (error) {
      if (performance.now() - this.lastWarning > WINDOW_MS) {
        this.lastWarning = performance.now();
        this.logger.warn(`rate limit not enforced, Redis unavailable: ${(error as Error).message}`);
      }
      return { allowed: true, retryAfterSeconds, message };
    }
  }
}
