import { Inject, Injectable } from '@nestjs/common';
import type { ListingDetailDto } from '@hamiltix/contracts';
import { BadRequestError, NotFoundError } from '@hamiltix/platform';
import { seatMap, seatSightlineView } from '@hamiltix/venues';
import { listingPriceHistory } from '@hamiltix/persistence';
import { DataSource } from 'typeorm';
import type { ResponseCache, CachedResponse } from '../cache/response-cache.js';
import { PostgresListings } from '../fallback/postgres-listings.service.js';
import { SearchMetrics } from '../http/search-metrics.service.js';
import type { RankedSnapshots } from '../ranked-index/ranked-snapshots.js';
import { SalesWindow } from '../sales/sales-window.service.js';
import { RANKED_SNAPSHOTS, RESPONSE_CACHE } from '../search.tokens.js';

const DETAIL_TTL_MS = 15_000;

/** The 404 of a listing whose performance is past the sales cut-off. */
export const PERFORMANCE_CLOSED_MESSAGE = 'Sales for this performance have closed.';

/**
 * GET /api/v1/listings/:id: the ranked item (Redis, else Postgres) with its price
 * history and breakdown (Postgres, the source of truth) and its seats on the map.
 * A listing whose performance is past the sales cut-off is gone for buyers: 404 with
 * `reason: "performance_closed"` so the site can say why (judged on every request, from
 * the performance's start in Postgres, before any cached answer is looked at).
 */
@Injectable()
export class ListingDetailService {
  constructor(
    @Inject(RANKED_SNAPSHOTS) private readonly snapshots: RankedSnapshots,
    @Inject(RESPONSE_CACHE) private readonly cache: ResponseCache,
    private readonly postgres: PostgresListings,
    private readonly db: DataSource,
    private readonly metrics: SearchMetrics,
    private readonly sales: SalesWindow,
  ) {}

  async detail(id: string): Promise<CachedResponse> {
    if (!/^\d{1,18}$/.test(id))
      throw new BadRequestError('id: expected the numeric listing id given by /api/v1/listings');
    const row = await this.postgres.byId(id);
    if (row && new Date(row.starts_at).getTime() <= this.sales.startsAfterMs())
      throw new NotFoundError(PERFORMANCE_CLOSED_MESSAGE, { details: { reason: 'performance_closed' } });
    const gone = () => new NotFoundError(`listing ${id} is unknown or no longer on sale`);
    if (!row || row.removed_at) throw gone();
    // Ranked: its stored item. Not scored in Postgres: only what the live ranked index holds
    // (ranking publishes to Redis before its scores are stored, and a listing it left out,
    // not sellable, has no score either).
    let item = row.scored ? this.postgres.toItem(row) : undefined;
    let version = 'pg';
    try {
      const snapshot = await this.snapshots.getOrAllShows(row.show_id);
      const published = snapshot?.item(id);
      if (snapshot && published) {
        item = published;
        version = snapshot.version;
      } else if (!snapshot) this.metrics.degraded.inc({ endpoint: 'listing', reason: 'redis-empty' });
    } catch {
      this.metrics.degraded.inc({ endpoint: 'listing', reason: 'redis-down' });
    }
    if (!item) throw gone();
    const key = `listing|${id}|${version}|${row.all_in_cents}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const history = await listingPriceHistory(this.db, id, 500);
    const body: ListingDetailDto = {
      ...item,
      priceHistory: history.map((h) => ({ at: new Date(h.at).toISOString(), amount: h.all_in_cents })),
      priceBreakdown: {
        ticket: { amount: row.retail_cents, currency: 'USD' },
        fees: { amount: row.fees_cents, currency: 'USD' },
        total: { amount: row.all_in_cents, currency: 'USD' },
      },
      seatPositions: seatPositions(row.venue_id, row.section_id, row.row, row.seats ?? []),
      sectionId: row.section_id,
    };
    return this.cache.set(
      key,
      row.show_id,
      body,
      DETAIL_TTL_MS,
      this.sales.closesAtMs(new Date(row.starts_at)),
    );
  }
}

function seatPositions(
  venueId: string,
  sectionId: string | null,
  rowName: string,
  seats: number[],
): ListingDetailDto['seatPositions'] {
  if (!sectionId || seats.length === 0) return [];
  const map = seatMap(venueId);
  const section = map?.sections.find((s) => s.id === sectionId);
  const row = section?.rows.find((r) => r.name.toUpperCase() === rowName.toUpperCase());
  if (!section || !row) return [];
  const wanted = new Set(seats);
  return row.seats
    .filter((s) => wanted.has(s.n))
    .map((s) => ({
      section: section.id,
      row: row.name,
      number: s.n,
      x: s.x,
      y: s.y,
      sightline: seatSightlineView(venueId, section.id, row.name, s.n) ?? null,
    }));
}
