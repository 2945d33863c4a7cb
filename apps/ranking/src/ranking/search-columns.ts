import { RANK_SCORES, sectionKeysOfDoc, type RankedListingDoc } from '@hamiltix/contracts';
import { WEEKDAYS } from '@hamiltix/domain';
import type { ListingScoreColumns, PerformanceStatsColumns } from '@hamiltix/persistence';

/**
 * The denormalised search fields of listing_scores, as column arrays for one UNNEST
 * upsert. They are taken from the very docs published to Redis, so search-api's Postgres
 * fallback filters and orders exactly like the ranked index (same local dates, weekdays
 * and matinees in the venue's zone, same float sort keys, ties by id in byte order).
 */
export type SearchColumns = Omit<
  ListingScoreColumns,
  'listingId' | 'seatQuality' | 'qualityConfidence' | 'expectedCents' | 'dealScore' | 'explanation'
>;

export function searchColumns(
  ids: readonly string[],
  byId: ReadonlyMap<string, RankedListingDoc>,
): SearchColumns {
  const c: SearchColumns = {
    performanceId: [],
    venueId: [],
    cityKey: [],
    startsAt: [],
    localDate: [],
    weekday: [],
    matinee: [],
    allInCents: [],
    splits: [],
    hasViewNotes: [],
    sectionKeys: [],
    rankDeal: [],
    rankPrice: [],
    rankQuality: [],
    rankDate: [],
    item: [],
  };
  for (const id of ids) {
    const d = byId.get(id);
    if (!d) throw new Error(`no ranked doc for listing ${id}`);
    const keys = sectionKeysOfDoc(d);
    const s = {
      dealScore: d.item.dealScore,
      allInCents: d.allInCents,
      seatQuality: d.item.seatQuality,
      startsAtMs: d.startsAtMs,
    };
    c.performanceId.push(d.item.performance.id);
    c.venueId.push(d.venueId);
    c.cityKey.push(d.item.performance.city.toLowerCase());
    c.startsAt.push(new Date(d.startsAtMs).toISOString());
    c.localDate.push(d.localDate);
    c.weekday.push(WEEKDAYS.indexOf(d.weekday));
    c.matinee.push(d.matinee);
    c.allInCents.push(d.allInCents);
    c.splits.push(`{${d.item.splits.map((n) => Math.trunc(n)).join(',')}}`);
    c.hasViewNotes.push(d.item.viewNotes.length > 0);
    c.sectionKeys.push(`{${keys.map(pgArrayString).join(',')}}`);
    c.rankDeal.push(RANK_SCORES.deal(s));
    c.rankPrice.push(RANK_SCORES.price(s));
    c.rankQuality.push(RANK_SCORES.quality(s));
    c.rankDate.push(RANK_SCORES.date(s));
    c.item.push(JSON.stringify(d.item));
  }
  return c;
}

function pgArrayString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** One row of performance_listing_stats per performance of the docs (what /api/v1/performances shows). */
export function performanceStatsColumns(docs: readonly RankedListingDoc[]): PerformanceStatsColumns {
  const byPerformance = new Map<
    string,
    { doc: RankedListingDoc; count: number; lowest: number; best: number }
  >();
  for (const d of docs) {
    const s = byPerformance.get(d.item.performance.id);
    if (!s) {
      byPerformance.set(d.item.performance.id, {
        doc: d,
        count: 1,
        lowest: d.allInCents,
        best: d.item.dealScore,
      });
      continue;
    }
    s.count++;
    s.lowest = Math.min(s.lowest, d.allInCents);
    s.best = Math.max(s.best, d.item.dealScore);
  }
  const c: PerformanceStatsColumns = {
    performanceId: [],
    startsAt: [],
    localDate: [],
    listingCount: [],
    lowestAllInCents: [],
    bestDealScore: [],
  };
  for (const [id, s] of byPerformance) {
    c.performanceId.push(id);
    c.startsAt.push(new Date(s.doc.startsAtMs).toISOString());
    c.localDate.push(s.doc.localDate);
    c.listingCount.push(s.count);
    c.lowestAllInCents.push(s.lowest);
    c.bestDealScore.push(s.best);
  }
  return c;
}
