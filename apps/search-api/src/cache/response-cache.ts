import type { Encodable } from '../http/encoding.js';
import { etagOf } from '../http/etag.js';

export interface CachedResponse extends Encodable {
  body: string;
  etag: string;
  /** Show id the answer depends on, or ALL_SHOWS when it spans every show. */
  scope: string;
  expiresAt: number;
  /** When sales close for the earliest performance it lists (epoch ms), if it lists any. */
  closesAt?: number;
}

/** Default budget of the response cache: the serialised answers, keys included. */
export const RESPONSE_CACHE_MAX_BYTES = 32 * 1024 * 1024;

/**
 * What an entry costs, bytes, counted high: two bytes per character (V8 keeps non-Latin-1
 * strings, such as bodies with "·", as UTF-16), one more per character of the body for its
 * compressed copies (made as clients ask for them; each is kept only when at most half the
 * body's length: http/encoding.ts), plus the entry's objects.
 */
export function entryBytes(key: string, body: string): number {
  return 2 * key.length + 3 * body.length + 200;
}

/**
 * Serialised answers, keyed by endpoint + ranked version + sales epoch + normalised query.
 * Bounded by bytes (`maxBytes`, least recently used goes first), not by a count of entries
 * whose size a query decides, and dropped per scope when rankings.updated says a show's
 * ranking changed. The version in the key also makes a stale entry unreachable.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private totalBytes = 0;

  /** `now`: epoch ms from the process's clock (search.module wires SalesWindow.nowMs). */
  constructor(
    private readonly now: () => number,
    private readonly maxBytes = RESPONSE_CACHE_MAX_BYTES,
    private readonly ttlMs = 60_000,
  ) {}

  get(key: string): CachedResponse | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.delete(key, e);
      return undefined;
    }
    // Refresh recency (Map keeps insertion order).
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  set(key: string, scope: string, value: unknown, ttlMs = this.ttlMs, closesAt?: number): CachedResponse {
    return this.setBody(key, scope, JSON.stringify(value), ttlMs, closesAt);
  }

  /** Stores an answer already serialised (pages assembled from the snapshot's item JSON). */
  setBody(key: string, scope: string, body: string, ttlMs = this.ttlMs, closesAt?: number): CachedResponse {
    const entry = this.answer(scope, body, ttlMs, closesAt);
    const previous = this.entries.get(key);
    if (previous) this.delete(key, previous);
    const bytes = entryBytes(key, body);
    // An answer larger than the whole budget is served, never kept.
    if (bytes > this.maxBytes) return entry;
    this.entries.set(key, entry);
    this.totalBytes += bytes;
    for (const [oldest, e] of this.entries) {
      if (this.totalBytes <= this.maxBytes) break;
      this.delete(oldest, e);
    }
    return entry;
  }

  /** An answer as the cache would give it (ETag, expiry), kept nowhere: for queries not worth keeping. */
  answer(scope: string, body: string, ttlMs = this.ttlMs, closesAt?: number): CachedResponse {
    return { body, etag: etagOf(body), scope, expiresAt: this.now() + ttlMs, closesAt };
  }

  /** Drops every entry of these scopes; returns how many went. */
  drop(scopes: readonly string[]): number {
    let n = 0;
    for (const [k, e] of this.entries) {
      if (scopes.includes(e.scope)) {
        this.delete(k, e);
        n++;
      }
    }
    return n;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held, as counted by `entryBytes`. */
  get bytes(): number {
    return this.totalBytes;
  }

  private delete(key: string, e: CachedResponse): void {
    this.entries.delete(key);
    this.totalBytes -= entryBytes(key, e.body);
  }
}
