import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { TooManyRequestsError } from '../errors/domain-errors.js';
import { RateLimiter } from './rate-limiter.js';

/**
 * The rate limit on a Nest route (`@UseGuards(RateLimitGuard)`): 429 with Retry-After
 * through the platform's exception filter once the client is over its minute's budget.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.limiter.enabled) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const decision = this.limiter.check(request.ip);
    if (!decision.allowed)
      throw new TooManyRequestsError(decision.message, { retryAfterSeconds: decision.retryAfterSeconds });
    return true;
  }
}
