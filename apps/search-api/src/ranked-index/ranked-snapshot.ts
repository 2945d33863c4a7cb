import {
  snapshotItem,
  snapshotItemJson,
  type ListingItemDto,
  type RankedSnapshotColumns,
  type RankSort,
} from '@hamiltix/contracts';
import { isAfter } from '../cursor/cursor.codec.js';

export interface PerformanceStats {
  count: number;
  lowest: number | null;
  best: number | null;
}

/**
 * A ranked-index version held in memory, columnar (libs/contracts ranked-snapshot.ts):
 * immutable (versions never change in place), every sort's order ready, items kept as
 * UTF-8 JSON until a page needs them.
 */
export class RankedSnapshot {
  /** Listing indexes sorted by id (binary-searched): 4 bytes a listing, not a Map entry. */
  private byId?: Uint32Array;
  private stats?: Map<string, PerformanceStats>;
  private starts?: Float64Array;
  private readonly decoder = new TextDecoder();

  constructor(
    readonly scope: string,
    readonly version: string,
    readonly columns: RankedSnapshotColumns,
  ) {}

  get size(): number {
    return this.columns.count;
  }

  order(sort: RankSort): { order: Uint32Array; scores: Float64Array } {
    return this.columns.orders[sort];
  }

  id(i: number): string {
    return this.columns.ids[i];
  }

  /** The item's JSON, byte for byte what ranking published. */
  itemJson(i: number): string {
    return snapshotItemJson(this.columns, i, this.decoder);
  }

  /** The published item of a listing id, undefined when this version does not rank it. */
  item(id: string): ListingItemDto | undefined {
    const ids = this.columns.ids;
    const byId = (this.byId ??= Uint32Array.from(ids.keys()).sort((a, b) =>
      ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0,
    ));
    let lo = 0;
    let hi = byId.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[byId[mid]] < id) lo = mid + 1;
      else hi = mid;
    }
    return lo < byId.length && ids[byId[lo]] === id ? snapshotItem(this.columns, byId[lo]) : undefined;
  }

  /**
   * How many of the snapshot's distinct performance start instants are at or before
   * `startsAfterMs` (SalesWindow), i.e. how many of its start times have closed: it changes
   * exactly when one of its performances crosses the sales cut-off, so caches key their
   * answers by (version, epoch) and a closed listing is never served from them. Binary
   * search over the sorted distinct starts (computed once per snapshot).
   */
  salesEpoch(startsAfterMs: number): number {
    this.starts ??= distinctSorted(this.columns.startsAtMs);
    const s = this.starts;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] <= startsAfterMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Per performance id: listing count, lowest all-in cents, best deal score (computed once). */
  performanceStats(): ReadonlyMap<string, PerformanceStats> {
    if (this.stats) return this.stats;
    const c = this.columns;
    const byIndex: PerformanceStats[] = c.performances.map(() => ({ count: 0, lowest: null, best: null }));
    for (let i = 0; i < c.count; i++) {
      const s = byIndex[c.performance[i]];
      s.count++;
      s.lowest = s.lowest === null ? c.allInCents[i] : Math.min(s.lowest, c.allInCents[i]);
      s.best = s.best === null ? c.dealScore[i] : Math.max(s.best, c.dealScore[i]);
    }
    this.stats = new Map(c.performances.map((p, i) => [p, byIndex[i]]));
    return this.stats;
  }
}

export interface PageResult {
  /** Listing indexes of the page, in order. */
  indexes: number[];
  /** (score, id) of the last listing when another page follows. */
  next: { score: number; id: string } | null;
}

/** First position whose (score, id) comes after `after`, by binary search (the order is sorted). */
export function startIndex(
  snapshot: RankedSnapshot,
  sort: RankSort,
  after: { score: number; id: string } | undefined,
): number {
  if (!after) return 0;
  const { order, scores } = snapshot.order(sort);
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isAfter(scores[mid], snapshot.id(order[mid]), after)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Walks the sort's order from the cursor, keeping `limit` listings that pass the filter. */
export function pageOf(
  snapshot: RankedSnapshot,
  sort: RankSort,
  keep: (i: number) => boolean,
  limit: number,
  after?: { score: number; id: string },
): PageResult {
  const { order, scores } = snapshot.order(sort);
  const out: number[] = [];
  let lastPos = -1;
  for (let pos = startIndex(snapshot, sort, after); pos < order.length; pos++) {
    const i = order[pos];
    if (!keep(i)) continue;
    if (out.length === limit) {
      return { indexes: out, next: { score: scores[lastPos], id: snapshot.id(out[out.length - 1]) } };
    }
    out.push(i);
    lastPos = pos;
  }
  return { indexes: out, next: null };
}

function distinctSorted(values: Float64Array): Float64Array {
  const sorted = Float64Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i];
  return sorted.slice(0, n);
}
