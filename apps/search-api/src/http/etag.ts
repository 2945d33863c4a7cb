import { createHash } from 'node:crypto';

/** A weak ETag of the body (weak: a compressed copy is the same representation). */
export function etagOf(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** If-None-Match by the weak comparison of RFC 9110 §13.1.2: a list, `*`, W/ ignored. */
export function matchesIfNoneMatch(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return value.split(',').some((t) => t.trim().replace(/^W\//, '') === opaque);
}

/** Short, CDN-friendly: fresh for 15 s, then served stale while the CDN revalidates. */
export const CACHE_CONTROL = 'public, max-age=15, stale-while-revalidate=30';
