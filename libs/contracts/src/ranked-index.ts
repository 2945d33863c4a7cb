/**
 * Redis layout of the ranked indexes: written by ranking, read by search-api.
 * NEVER CHANGE A KEY SHAPE IN PLACE: add a new prefix version (hx:v2:...) instead.
 *
 * Each rebuild writes a fresh version under new keys, then swaps both pointers in one
 * transaction, so readers never see a half-built index. Old versions expire shortly
 * after (readers in flight finish on the version they started on).
 *
 *   hx:v1:current:<scope>              STRING  version id now live for the scope (its :meta and :snapshot complete)
 *   hx:v1:current-snapshot:<scope>     STRING  version whose :snapshot is complete (search-api reads this one);
 *                                              swapped together with `current`. An index written before that
 *                                              swapped it first, before the zsets and docs [1]
 *   hx:v1:<scope>:<version>:by:<sort>  ZSET    member listing id, score per sort (see RANK_SCORES) [1]
 *   hx:v1:<scope>:<version>:docs       HASH    listing id -> JSON RankedListingDoc [1]
 *   hx:v1:<scope>:<version>:meta       STRING  JSON { showIds, listings, builtAt, versions? } (versions: _all only,
 *                                              the show versions it was built from)
 *   hx:v1:<scope>:<version>:snapshot   STRING  the same version, columnar (ranked-snapshot.ts); written in pieces
 *                                              (SET, then APPENDs) and read in GETRANGE pieces, not in one big command
 *
 * <scope> is a show id (e.g. "hamilton") or ALL_SHOWS for the index across shows.
 * [1] No longer written by ranking (search-api reads only the snapshot); a reader may still find
 *     them in an index written before snapshots existed.
 */
export const RANKED_INDEX_PREFIX = 'hx:v1';
export const ALL_SHOWS = '_all';
export const RANK_SORTS = ['deal', 'price', 'quality', 'date'] as const;
export type RankSort = (typeof RANK_SORTS)[number];

/**
 * How each zset is scored. Readers always walk with ZRANGE ascending by score, so
 * "best first" sorts are stored negated; ties break on the member (listing id) order.
 *   deal:    -dealScore            (best deal first)
 *   price:   allInCents            (cheapest first)
 *   quality: -seatQuality          (best seats first)
 *   date:    startsAtMs            (soonest first)
 */
export const RANK_SCORES: Record<
  RankSort,
  (doc: { dealScore: number; allInCents: number; seatQuality: number; startsAtMs: number }) => number
> = {
  deal: (d) => -d.dealScore,
  price: (d) => d.allInCents,
  quality: (d) => -d.seatQuality,
  date: (d) => d.startsAtMs,
};

/** How long a replaced version stays readable after the swap, seconds. */
export const OLD_VERSION_TTL_SECONDS = 60;

export const rankedKeys = {
  current: (scope: string) => `${RANKED_INDEX_PREFIX}:current:${scope}`,
  currentSnapshot: (scope: string) => `${RANKED_INDEX_PREFIX}:current-snapshot:${scope}`,
  sorted: (scope: string, version: string, sort: RankSort) =>
    `${RANKED_INDEX_PREFIX}:${scope}:${version}:by:${sort}`,
  docs: (scope: string, version: string) => `${RANKED_INDEX_PREFIX}:${scope}:${version}:docs`,
  meta: (scope: string, version: string) => `${RANKED_INDEX_PREFIX}:${scope}:${version}:meta`,
  snapshot: (scope: string, version: string) => `${RANKED_INDEX_PREFIX}:${scope}:${version}:snapshot`,
};

/**
 * Scores (dealScore, seatQuality) as published: two decimals, the precision the `real`
 * columns of listing_scores keep; ranking orders by the same value, and the Postgres
 * fallback of search-api rounds stored scores with this so both paths print the same numbers.
 */
export function publishedScore(score: number): number {
  return Math.round(Number(score) * 100) / 100;
}
