import { Inject, Injectable } from '@nestjs/common';
import { ALL_SHOWS, type PerformanceDto } from '@hamiltix/contracts';
import { toZonedIso } from '@hamiltix/domain';
import { performanceListingStats, upcomingPerformances } from '@hamiltix/persistence';
import { DataSource } from 'typeorm';
import type { CachedResponse, ResponseCache } from '../cache/response-cache.js';
import { SearchMetrics } from '../http/search-metrics.service.js';
import { parseOr400 } from '../http/query-error.js';
import { parsePerformancesQuery, type PerformancesQuery } from '../query/performances-query.js';
import type { RawQuery } from '../query/query-errors.js';
import type { PerformanceStats, RankedSnapshot } from '../ranked-index/ranked-snapshot.js';
import type { RankedSnapshots } from '../ranked-index/ranked-snapshots.js';
import { SalesWindow } from '../sales/sales-window.service.js';
import { KnownShows } from '../shows/known-shows.service.js';
import { RANKED_SNAPSHOTS, RESPONSE_CACHE } from '../search.tokens.js';

type Stats = PerformanceStats;

/** How long an answer is kept (ranked / Postgres), at most: see `list`. */
const TTL_MS = 60_000;
const FALLBACK_TTL_MS = 5_000;

/**
 * GET /api/v1/performances: every performance still on sale (from Postgres, the list
 * is small; past the sales cut-off it is not listed) with its listing count, lowest all-in
 * price and best deal score (from the ranked index, else aggregated in Postgres).
 */
@Injectable()
export class PerformancesService {
  constructor(
    @Inject(RANKED_SNAPSHOTS) private readonly snapshots: RankedSnapshots,
    @Inject(RESPONSE_CACHE) private readonly cache: ResponseCache,
    private readonly db: DataSource,
    private readonly metrics: SearchMetrics,
    private readonly sales: SalesWindow,
    private readonly shows: KnownShows,
  ) {}

  async list(raw: RawQuery): Promise<CachedResponse> {
    const q = parseOr400(() => parsePerformancesQuery(raw));
    const scope = q.show ?? ALL_SHOWS;
    // A show that does not exist has no performances: answered without a cache entry or a scope.
    if (scope !== ALL_SHOWS && !(await this.shows.has(scope)))
      return this.cache.answer(scope, '[]', FALLBACK_TTL_MS);
    let snapshot: RankedSnapshot | null = null;
    try {
      snapshot = await this.snapshots.getOrAllShows(scope);
      if (!snapshot) this.metrics.degraded.inc({ endpoint: 'performances', reason: 'redis-empty' });
    } catch {
      this.metrics.degraded.inc({ endpoint: 'performances', reason: 'redis-down' });
    }
    const key = `performances|${scope}|${snapshot?.version ?? 'pg'}|${JSON.stringify([q.show, q.from, q.to])}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const startsAfter = this.sales.startsAfter();
    const rows = await upcomingPerformances(this.db, q, startsAfter);
    const stats = snapshot ? snapshot.performanceStats() : await this.statsFromPostgres(q, startsAfter);
    const body: PerformanceDto[] = rows.map((r) => {
      const s = stats.get(r.id);
      return {
        id: r.id,
        showId: r.show_id,
        startsAt: toZonedIso(r.starts_at, r.time_zone),
        venue: { id: r.venue_id, name: r.venue_name },
        city: r.city,
        listingCount: s?.count ?? 0,
        lowestAllInPrice: s?.lowest != null ? { amount: s.lowest, currency: 'USD' } : null,
        bestDealScore: s?.best ?? null,
      };
    });
    // Rows are in start order: the answer is kept until the first one closes, no longer.
    const untilFirstCloses = rows.length
      ? new Date(rows[0].starts_at).getTime() - startsAfter.getTime()
      : Infinity;
    const ttl = Math.min(snapshot ? TTL_MS : FALLBACK_TTL_MS, untilFirstCloses);
    const closesAt = rows.length ? this.sales.closesAtMs(new Date(rows[0].starts_at)) : undefined;
    return this.cache.set(key, scope, body, ttl, closesAt);
  }

  private async statsFromPostgres(q: PerformancesQuery, startsAfter: Date): Promise<Map<string, Stats>> {
    const rows = await performanceListingStats(this.db, q, startsAfter);
    return new Map(rows.map((r) => [r.id, { count: r.count, lowest: r.lowest, best: Number(r.best) }]));
  }
}
