import { etagOf } from '../http/etag.js';

export interface CachedResponse {
  body: string;
  etag: string;
  /** Show id the answer depends on, or ALL_SHOWS when it spans every show. */
  scope: string;
  expiresAt: number;
  /** When sales close for the earliest performance it lists (epoch ms), if it lists any. */
  closesAt?: number;
}

/**
 * Serialised answers, keyed by endpoint + ranked version + normalised query. Bounded
 * (least recently used goes first) and dropped per scope when rankings.updated says a
 * show's ranking changed. The version in the key also makes a stale entry unreachable.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();

  /** `now`: epoch ms from the process's clock (search.module wires SalesWindow.nowMs). */
  constructor(
    private readonly now: () => number,
    private readonly maxEntries = 5000,
    private readonly ttlMs = 60_000,
  ) {}

  get(key: string): CachedResponse | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.entries.delete(key);
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
    const entry: CachedResponse = {
      body,
      etag: etagOf(body),
      scope,
      expiresAt: this.now() + ttlMs,
      closesAt,
    };
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return entry;
  }

  /** Drops every entry of these scopes; returns how many went. */
  drop(scopes: readonly string[]): number {
    let n = 0;
    for (const [k, e] of this.entries) {
      if (scopes.includes(e.scope)) {
        this.entries.delete(k);
        n++;
      }
    }
    return n;
  }

  get size(): number {
    return this.entries.size;
  }
}
