import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Clock } from '@hamiltix/domain';
import { APP_CONFIG, CLOCK, REDIS, TooManyRequestsError, type AppConfig } from '@hamiltix/platform';
import type { FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';

/** Redis key prefix of the counters (tests use their own). */
export const RATE_LIMIT_PREFIX = Symbol('RATE_LIMIT_PREFIX');

/**
 * Orders per client per minute (RATE_LIMIT_PER_MINUTE; 0 = off, the development default).
 * The client is the first `X-Forwarded-For` address (the ingress sets it), else the peer.
 * Fixed one-minute windows counted in Redis, shared by every replica. When Redis is away
 * the limit is not enforced (logged): losing the limiter must not stop sales.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger(RateLimitGuard.name);
  private lastWarning = -Infinity;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(RATE_LIMIT_PREFIX) private readonly prefix: string,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const limit = this.config.rateLimitPerMinute;
    if (limit <= 0) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const nowMs = this.clock.now().getTime();
    const window = Math.floor(nowMs / 60_000);
    const key = `${this.prefix}${clientOf(request)}:${window}`;
    let count: number;
    try {
      const results = await this.redis.pipeline().set(key, 0, 'EX', 61, 'NX').incr(key).exec();
      count = Number(results?.[1]?.[1] ?? 0);
    } catch (error) {
      if (performance.now() - this.lastWarning > 60_000) {
        this.lastWarning = performance.now();
        this.logger.warn(`rate limit not enforced, Redis unavailable: ${(error as Error).message}`);
      }
      return true;
    }
    if (count > limit) {
      const retryAfterSeconds = 60 - Math.floor((nowMs / 1000) % 60);
      throw new TooManyRequestsError(
        `Too many order attempts from your address. Wait ${retryAfterSeconds} seconds and try again.`,
        {
          retryAfterSeconds,
        },
      );
    }
    return true;
  }
}

export function clientOf(request: FastifyRequest): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return (first || request.socket?.remoteAddress || 'unknown').slice(0, 64);
}
