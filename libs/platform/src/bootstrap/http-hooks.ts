import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { CORRELATION_HEADER } from '@hamiltix/contracts';
import type { MetricsService } from '../metrics/metrics.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    correlationId: string;
  }
}

const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify hooks every service gets: a correlation id per request (taken from the
 * `x-correlation-id` header when it is sane, else new; echoed back), and the HTTP
 * duration histogram by route pattern and status.
 */
export function installHttpHooks(fastify: FastifyInstance, metrics: MetricsService): void {
  fastify.decorateRequest('correlationId', '');
  // Callback-style hooks: no promise per request (every request of every service runs these).
  fastify.addHook('onRequest', (request, reply, done) => {
    const incoming = request.headers[CORRELATION_HEADER];
    const id = typeof incoming === 'string' && VALID_ID.test(incoming) ? incoming : randomUUID();
    request.correlationId = id;
    void reply.header(CORRELATION_HEADER, id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
