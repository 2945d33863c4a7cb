import { Inject, Injectable, Logger } from '@nestjs/common';
import { ALL_SHOWS } from '@hamiltix/contracts';
import type { FrontCache } from '../cache/front-cache.js';
import type { CachedResponse, ResponseCache } from '../cache/response-cache.js';
import { CursorCodec } from '../cursor/cursor.codec.js';
import { PostgresListings } from '../fallback/postgres-listings.service.js';
import { SearchMetrics } from '../http/search-metrics.service.js';
import { parseOr400 } from '../http/query-error.js';
import { canonicalFilters, parseListingsQuery, type ListingsQuery } from '../query/listings-query.js';
import type { RawQuery } from '../query/query-errors.js';
import type { RankedSnapshot } from '../ranked-index/ranked-snapshot.js';
import { pageOf } from '../ranked-index/ranked-snapshot.js';
import type { RankedSnapshots } from '../ranked-index/ranked-snapshots.js';
import { SalesWindow } from '../sales/sales-window.service.js';
import { KnownShows } from '../shows/known-shows.service.js';
import { CURSOR_CODEC, FRONT_CACHE, RANKED_SNAPSHOTS, RESPONSE_CACHE } from '../search.tokens.js';
import { snapshotFilter } from './snapshot-filter.js';

/** Answers served from Postgres are cached briefly: nothing tells us when they change. */
export const FALLBACK_TTL_MS = 5_000;

/**
 * GET /api/v1/listings: the ranked index in memory when Redis has it, else Postgres
 * (same filters, same order, a `degraded` metric). Redis trouble is never an error, and
 * a version being loaded never makes a request wait (RankedSnapshots).
 *
 * Performances past the sales cut-off are filtered out at read time on both paths. Cached
 * answers cannot outlive a cut-off either: ranked ones are keyed by the snapshot's sales
 * epoch (RankedSnapshot.salesEpoch, which moves when any of its performances closes),
 * Postgres ones expire at the cut-off of the earliest performance they list.
 */
@Injectable()
export class ListingsService {
  private readonly logger = new Logger(ListingsService.name);

  constructor(
    @Inject(RANKED_SNAPSHOTS) private readonly snapshots: RankedSnapshots,
    @Inject(RESPONSE_CACHE) private readonly cache: ResponseCache,
    @Inject(CURSOR_CODEC) private readonly codec: CursorCodec,
    @Inject(FRONT_CACHE) private readonly front: FrontCache,
    private readonly postgres: PostgresListings,
    private readonly metrics: SearchMetrics,
    private readonly sales: SalesWindow,
    private readonly shows: KnownShows,
  ) {}

  /** `url` (the raw request URL) lets the fast path answer the same URL next time. */
  async search(raw: RawQuery, url?: string): Promise<CachedResponse> {
    const q = parseOr400(() => parseListingsQuery(raw));
    const canonical = canonicalFilters(q.filters);
    const filtersHash = CursorCodec.filtersHash(canonical);
    const after = q.cursor
      ? parseOr400(() => this.codec.decode(q.cursor!, { sort: q.sort, filters: filtersHash }))
      : undefined;
    const scope = q.filters.show ?? ALL_SHOWS;
    // A show that does not exist lists nothing: answered without a cache entry or a scope.
    if (scope !== ALL_SHOWS && !(await this.shows.has(scope)))
      return this.cache.answer(scope, pageJson([], null), FALLBACK_TTL_MS);
    const tail = `${q.sort}|${q.limit}|${canonical}|${q.cursor ?? ''}`;
    const startsAfterMs = this.sales.startsAfterMs();

    const ranked = await this.snapshot(scope);
    if (ranked.snapshot) {
      const snap = ranked.snapshot;
      const epoch = snap.salesEpoch(startsAfterMs);
      const key = `listings|${snap.scope}|${snap.version}|${epoch}|${tail}`;
      let entry = this.cache.get(key);
      this.metrics.cache.inc({ endpoint: 'listings', result: entry ? 'hit' : 'miss' });
      try {
        if (!entry) {
          const page = this.fromSnapshot(snap, q, filtersHash, after, startsAfterMs);
          entry = this.cache.setBody(key, scope, page.body, undefined, page.closesAt);
        }
        if (url !== undefined && snap.scope === scope)
          this.front.remember(url, scope, snap.version, epoch, entry);
        return entry;
      } catch (error) {
        ranked.reason = 'redis-error';
        this.logger.warn({
          message: 'ranked index read failed; answering from Postgres',
          reason: (error as Error).message,
        });
      }
    }
    this.metrics.degraded.inc({ endpoint: 'listings', reason: ranked.reason });
    const key = `listings|${scope}|pg|${tail}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const page = await this.postgres.page(q.filters, new Date(startsAfterMs), q.sort, q.limit, after);
    const next = page.next
      ? this.codec.encode({ version: 'pg', sort: q.sort, filters: filtersHash, ...page.next })
      : null;
    // Kept until the first listed performance closes, at most FALLBACK_TTL_MS.
    const ttl =
      page.earliestStartMs === null
        ? FALLBACK_TTL_MS
        : Math.min(FALLBACK_TTL_MS, page.earliestStartMs - startsAfterMs);
    const closesAt = page.earliestStartMs === null ? undefined : this.sales.closesAtMs(page.earliestStartMs);
    return this.cache.setBody(key, scope, pageJson(page.items, next), ttl, closesAt);
  }

  /** The scope's snapshot; a show without its own index is read from the all-shows index. */
  private async snapshot(scope: string): Promise<{ snapshot?: RankedSnapshot; reason: string }> {
    try {
      const s = await this.snapshots.getOrAllShows(scope);
      if (s) return { snapshot: s, reason: '' };
      return { reason: this.snapshots.loading(scope) ? 'loading' : 'redis-empty' };
    } catch (error) {
      this.logger.debug?.(`Redis unavailable: ${(error as Error).message}`);
      return { reason: 'redis-down' };
    }
  }

  /** The page as JSON, assembled from the items' JSON (same bytes as JSON.stringify of the DTO). */
  private fromSnapshot(
    snapshot: RankedSnapshot,
    q: ListingsQuery,
    filtersHash: string,
    after: { score: number; id: string } | undefined,
    startsAfterMs: number,
  ): { body: string; closesAt?: number } {
    const keep = snapshotFilter(snapshot, q.filters, startsAfterMs);
    const page = pageOf(snapshot, q.sort, keep, q.limit, after);
    const next = page.next
      ? this.codec.encode({ version: snapshot.version, sort: q.sort, filters: filtersHash, ...page.next })
      : null;
    let earliest = Infinity;
    for (const i of page.indexes) earliest = Math.min(earliest, snapshot.columns.startsAtMs[i]);
    return {
      body: pageJson(
        page.indexes.map((i) => snapshot.itemJson(i)),
        next,
      ),
      closesAt: earliest === Infinity ? undefined : this.sales.closesAtMs(earliest),
    };
  }
}

/** ListingsPageDto as JSON from the items' JSON: the bytes JSON.stringify({ items, nextCursor }) gives. */
function pageJson(items: string[], nextCursor: string | null): string {
  return `{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
}
