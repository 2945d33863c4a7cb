import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedResponse } from '../cache/response-cache.js';
import { CACHE_CONTROL, matchesIfNoneMatch } from './etag.js';

/** Sends a serialised answer with its ETag; 304 without a body when the client has it. */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  entry: Pick<CachedResponse, 'body' | 'etag'>,
  cacheControl = CACHE_CONTROL,
): void {
  void reply.header('etag', entry.etag).header('cache-control', cacheControl);
  if (matchesIfNoneMatch(request.headers['if-none-match'], entry.etag)) {
    void reply.status(304).send();
    return;
  }
  void reply.header('content-type', 'application/json; charset=utf-8').send(entry.body);
}
