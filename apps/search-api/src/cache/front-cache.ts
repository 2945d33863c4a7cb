import type { RankedSnapshots } from '../ranked-index/ranked-snapshots.js';
import type { SalesWindow } from '../sales/sales-window.service.js';
import { entryBytes, type CachedResponse } from './response-cache.js';

/** Default budget of the fast path's cache: URLs and the answers they hold. */
export const FRONT_CACHE_MAX_BYTES = 16 * 1024 * 1024;

interface FrontEntry {
  scope: string;
  version: string;
  /** RankedSnapshot.salesEpoch when answered: a performance closing since makes it stale. */
  epoch: number;
  entry: CachedResponse;
}

/**
 * Answers of GET /api/v1/listings by raw URL, for the onRequest fast path (http-setup.ts):
 * a URL seen before is answered from here before Nest routing, when the version it was
 * computed from is still the one a request would be answered from (RankedSnapshots.peek:
 * pointer checked within its TTL and that version held). Otherwise the request takes the
 * normal route, which validates, answers and refills this. Only answers from the ranked
 * index are kept (never Postgres ones, never errors), so validation errors, rate limiting
 * (an earlier hook) and headers are exactly those of the normal route. An answer is also
 * stale once a performance of its snapshot has crossed the sales cut-off since (epoch).
 * When the scope's pointer is past its TTL the fast path re-reads it (`recheck`) and answers
 * from here still, rather than sending every request of that moment down the normal route.
 * Bounded by bytes (URL and answer counted, `maxBytes`), oldest first: a URL is as long as
 * a client makes it, up to MAX_URL_LENGTH.
 */
export class FrontCache {
  private readonly entries = new Map<string, FrontEntry>();
  private totalBytes = 0;

  constructor(
    private readonly snapshots: RankedSnapshots,
    private readonly sales: Pick<SalesWindow, 'nowMs' | 'startsAfterMs'>,
    private readonly maxBytes = FRONT_CACHE_MAX_BYTES,
  ) {}

  lookup(url: string): CachedResponse | undefined {
    const found = this.find(url);
    return typeof found === 'string' ? undefined : found;
  }

  /**
   * `lookup`, except when the answer cannot be judged without Redis: the scope's pointer was
   * not checked within its TTL (or a new version of it is loading), so RankedSnapshots.peek
   * knows nothing. Then the entry is kept and its scope returned, for `recheck`.
   */
  find(url: string): CachedResponse | string | undefined {
    const e = this.entries.get(url);
    if (!e) return undefined;
    if (e.entry.expiresAt <= this.sales.nowMs()) {
      this.delete(url, e);
      return undefined;
    }
    const held = this.snapshots.peek(e.scope);
    if (held === undefined) return e.scope;
    if (held.version !== e.version || held.salesEpoch(this.sales.startsAfterMs()) !== e.epoch) {
      this.delete(url, e);
      return undefined;
    }
    return e.entry;
  }

  /**
   * The answer `find` could not judge, judged once the scope's pointer is read again: the
   * Redis read a request on the normal route would wait for first anyway (RankedSnapshots.get,
   * one read shared by every request waiting on it), instead of every request arriving in
   * that moment taking the normal route. Still not judged (a new version is loading): dropped,
   * and the request takes the normal route. Rejects when Redis fails.
   */
  async recheck(url: string, scope: string): Promise<CachedResponse | undefined> {
    await this.snapshots.get(scope);
    const found = this.find(url);
    if (typeof found !== 'string') return found;
    const e = this.entries.get(url);
    if (e) this.delete(url, e);
    return undefined;
  }

  remember(url: string, scope: string, version: string, epoch: number, entry: CachedResponse): void {
    const previous = this.entries.get(url);
    if (previous) this.delete(url, previous);
    const bytes = entryBytes(url, entry.body);
    if (bytes > this.maxBytes) return;
    this.entries.set(url, { scope, version, epoch, entry });
    this.totalBytes += bytes;
    for (const [oldest, e] of this.entries) {
      if (this.totalBytes <= this.maxBytes) break;
      this.delete(oldest, e);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held, as counted by `entryBytes`. */
  get bytes(): number {
    return this.totalBytes;
  }

  private delete(url: string, e: FrontEntry): void {
    this.entries.delete(url);
    this.totalBytes -= entryBytes(url, e.entry.body);
  }
}
