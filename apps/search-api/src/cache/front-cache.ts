import type { RankedSnapshots } from '../ranked-index/ranked-snapshots.js';
import type { SalesWindow } from '../sales/sales-window.service.js';
import type { CachedResponse } from './response-cache.js';

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
 */
export class FrontCache {
  private readonly entries = new Map<string, FrontEntry>();

  constructor(
    private readonly snapshots: RankedSnapshots,
    private readonly sales: Pick<SalesWindow, 'nowMs' | 'startsAfterMs'>,
    private readonly maxEntries = 5000,
  ) {}

  lookup(url: string): CachedResponse | undefined {
    const e = this.entries.get(url);
    if (!e) return undefined;
    const held = this.snapshots.peek(e.scope);
    if (
      e.entry.expiresAt <= this.sales.nowMs() ||
      held?.version !== e.version ||
      held.salesEpoch(this.sales.startsAfterMs()) !== e.epoch
    ) {
      this.entries.delete(url);
      return undefined;
    }
    return e.entry;
  }

  remember(url: string, scope: string, version: string, epoch: number, entry: CachedResponse): void {
    this.entries.delete(url);
    this.entries.set(url, { scope, version, epoch, entry });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
