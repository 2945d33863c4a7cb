import type { RankedListingDoc, RankSort } from '@hamiltix/contracts';
import { isAfter } from '../cursor/cursor.codec.js';

/** One sort's order of a version: docs with their zset scores, as ZRANGE returns them. */
export interface SortedDocs {
  docs: RankedListingDoc[];
  scores: Float64Array;
}

/** A ranked-index version held in memory: immutable once loaded (versions never change in place). */
export interface RankedSnapshot {
  scope: string;
  version: string;
  docs: ReadonlyMap<string, RankedListingDoc>;
  /** Loads (once) and returns the order of a sort. */
  order(sort: RankSort): Promise<SortedDocs>;
}

export interface PageResult {
  docs: RankedListingDoc[];
  /** (score, id) of the last doc when another page follows. */
  next: { score: number; id: string } | null;
}

/** First index whose (score, id) comes after `after`, by binary search (the order is sorted). */
export function startIndex(sorted: SortedDocs, after: { score: number; id: string } | undefined): number {
  if (!after) return 0;
  let lo = 0;
  let hi = sorted.docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isAfter(sorted.scores[mid], sorted.docs[mid].item.id, after)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Walks the order from the cursor, keeping `limit` docs that pass the filter. */
export function pageOf(
  sorted: SortedDocs,
  keep: (doc: RankedListingDoc) => boolean,
  limit: number,
  after?: { score: number; id: string },
): PageResult {
  const out: RankedListingDoc[] = [];
  let lastIndex = -1;
  for (let i = startIndex(sorted, after); i < sorted.docs.length; i++) {
    if (!keep(sorted.docs[i])) continue;
    if (out.length === limit) {
      const last = out[out.length - 1];
      return { docs: out, next: { score: sorted.scores[lastIndex], id: last.item.id } };
    }
    out.push(sorted.docs[i]);
    lastIndex = i;
  }
  return { docs: out, next: null };
}
