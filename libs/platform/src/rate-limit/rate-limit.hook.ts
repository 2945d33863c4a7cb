import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateLimiter } from './rate-limiter.js';

/**
 * The rate limit as a Fastify onRequest hook, for whole URL spaces answered before Nest's
 * routing (search-api's fast path): the same limiter and the same 429 answer as
 * RateLimitGuard. Nothing is registered when the limit is off.
 */
export function installRateLimitHook(
  fastify: FastifyInstance,
  limiter: RateLimiter,
  applies: (request: FastifyRequest) => boolean,
): void {
  if (!limiter.enabled) return;
  fastify.addHook('onRequest', async (request, reply) => {
    if (!applies(request)) return;
    const decision = await limiter.check(request.ip);
    if (decision.allowed) return;
    return reply
      .status(429)
      .header('retry-after', String(decision.retryAfterSeconds))
      .header('content-type', 'application/json; charset=utf-8')
      .send({ statusCode: 429, error: 'Too Many Requests', message: decision.message });
  });
}
