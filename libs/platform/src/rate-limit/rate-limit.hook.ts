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
  // Callback-style: the limiter decides from memory, so no promise per request.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!applies(request)) return done();
    const decision = limiter.check(request.ip);
    if (decision.allowed) return done();
    void reply
      .status(429)
      .header('retry-after', String(decision.retryAfterSeconds))
      .header('content-type', 'application/json; charset=utf-8')
      .send({ statusCode: 429, error: 'Too Many Requests', message: decision.message });
  });
}
