import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Clock } from '@hamiltix/domain';
import type { Redis } from 'ioredis';
import { CLOCK } from '../clock/clock.provider.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { REDIS } from '../redis/redis.providers.js';
import { WindowCounter } from './window-counter.js';

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the client's window resets (for Retry-After); at least 1. */
  retryAfterSeconds: number;
  /** What to tell a refused client. */
  message: string;
}

const WINDOW_SECONDS = 60;

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
  readonly perMinute: number;
  private readonly counter: WindowCounter;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS) redis: Redis,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.perMinute = config.rateLimitPerMinute;
    this.counter = new WindowCounter(
      redis,
      `hx:ratelimit:${config.service}:`,
      new Logger(RateLimiter.name),
      'rate limit',
    );
  }

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  /** Counts one request of `client` (an IP address) and says whether it may go on. */
  async check(client: string | undefined): Promise<RateDecision> {
    const nowMs = this.clock.now().getTime();
    if (!this.enabled)
      return { allowed: true, ...this.refusal(WINDOW_SECONDS - ((nowMs / 1000) % WINDOW_SECONDS)) };
    const { count, retryAfterSeconds } = await this.counter.hit(
      (client || 'unknown').slice(0, 64),
      WINDOW_SECONDS,
      nowMs,
    );
    return { allowed: count === undefined || count <= this.perMinute, ...this.refusal(retryAfterSeconds) };
  }

  private refusal(seconds: number): Pick<RateDecision, 'retryAfterSeconds' | 'message'> {
    const retryAfterSeconds = Math.max(1, Math.ceil(seconds));
    return {
      retryAfterSeconds,
      message: `Too many requests from your address (at most ${this.perMinute} a minute). Wait ${retryAfterSeconds} seconds and try again.`,
    };
  }
}
