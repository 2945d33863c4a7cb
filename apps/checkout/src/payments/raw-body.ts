import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The bytes of a request body exactly as received (only on the routes that asked for them). */
export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return (request as FastifyRequest & { rawBody?: Buffer }).rawBody;
}

/**
 * Keeps the raw JSON body on `request.rawBody` for the given routes (a signed webhook is
 * verified over the exact bytes, which parsing and re-serialising would change), and parses
 * JSON for every route with Fastify's own default parser, so nothing else changes.
 */
export function keepRawBody(fastify: FastifyInstance, routes: string[]): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  if (fastify.hasContentTypeParser('application/json')) fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (routes.includes(request.routeOptions.url ?? '')) (request as { rawBody?: Buffer }).rawBody = bytes;
    parseJson(request, bytes.toString('utf8'), done);
  });
}
