import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedResponse } from '../cache/response-cache.js';
import { CACHE_CONTROL, matchesIfNoneMatch } from './etag.js';

/**
 * Sends a serialised answer with its ETag; 304 without a body when the client has it.
 * An answer listing a performance whose sales close soon (`closesAt`) is cacheable by HTTP
 * caches only until then (`nowMs`: the process's clock), so no browser or CDN keeps showing
 * it past the cut-off.
 */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  entry: Pick<CachedResponse, 'body' | 'etag' | 'closesAt'>,
  { nowMs, cacheControl = CACHE_CONTROL }: { nowMs?: number; cacheControl?: string } = {},
): void {
  const header =
    entry.closesAt !== undefined && nowMs !== undefined
      ? cacheControlUntil(entry.closesAt - nowMs)
      : cacheControl;
  void reply.header('etag', entry.etag).header('cache-control', header);
  if (matchesIfNoneMatch(request.headers['if-none-match'], entry.etag)) {
    void reply.status(304).send();
    return;
  }
  void reply.header('content-type', 'application/json; charset=utf-8').send(entry.body);
}

/**
 * CACHE_CONTROL (15 s fresh + 30 s stale) for an answer good for `msLeft` more; cut short
 * (no stale serving, fresh at most until then) when it goes stale sooner than 45 s.
 */
export function cacheControlUntil(msLeft: number): string {
  if (msLeft >= 45_000) return CACHE_CONTROL;
  return `public, max-age=${Math.max(0, Math.min(15, Math.floor(msLeft / 1000)))}`;
}
