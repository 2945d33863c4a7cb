import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedResponse } from '../cache/response-cache.js';
import { acceptedEncoding, encodedBody } from './encoding.js';
import { CACHE_CONTROL, matchesIfNoneMatch } from './etag.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Sends a serialised answer with its ETag; 304 without a body when the client has it.
 * Compressed (br, else gzip) when the client accepts it and the body is worth it, from the
 * copy kept on the answer (encoding.ts): a cached answer is compressed once. The ETag is
 * weak, so it is the same whatever the coding; `Vary: Accept-Encoding` on every answer.
 * An answer listing a performance whose sales close soon (`closesAt`) is cacheable by HTTP
 * caches only until then (`nowMs`: the process's clock), so no browser or CDN keeps showing
 * it past the cut-off.
 */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  entry: Pick<CachedResponse, 'body' | 'etag' | 'closesAt' | 'encoded'>,
  {
    nowMs,
    cacheControl = CACHE_CONTROL,
    contentType = JSON_TYPE,
  }: { nowMs?: number; cacheControl?: string; contentType?: string } = {},
): void {
  const header =
    entry.closesAt !== undefined && nowMs !== undefined
      ? cacheControlUntil(entry.closesAt - nowMs)
      : cacheControl;
  // CORS has set `Vary: Origin` by now: added to, not replaced.
  const vary = reply.getHeader('vary');
  void reply
    .header('etag', entry.etag)
    .header('cache-control', header)
    .header('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
  if (matchesIfNoneMatch(request.headers['if-none-match'], entry.etag)) {
    void reply.status(304).send();
    return;
  }
  void reply.header('content-type', contentType);
  const encoding = acceptedEncoding(request.headers['accept-encoding']);
  const encoded = encoding && encodedBody(entry, encoding);
  if (encoded) void reply.header('content-encoding', encoding).send(encoded);
  else void reply.send(entry.body);
}

/**
 * CACHE_CONTROL (15 s fresh + 30 s stale) for an answer good for `msLeft` more; cut short
 * (no stale serving, fresh at most until then) when it goes stale sooner than 45 s.
 */
export function cacheControlUntil(msLeft: number): string {
  if (msLeft >= 45_000) return CACHE_CONTROL;
  return `public, max-age=${Math.max(0, Math.min(15, Math.floor(msLeft / 1000)))}`;
}
