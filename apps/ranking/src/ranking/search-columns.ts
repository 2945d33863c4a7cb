import {
  RANK_SCORES,
  SNAPSHOT_FLAG_MATINEE,
  SNAPSHOT_FLAG_VIEW_NOTES,
  SNAPSHOT_NO_KEY,
  decodeRankedSnapshot,
  encodeRankedSnapshot,
  sectionKeysOfDoc,
  snapshotItemJson,
  type ListingItemDto,
  type RankedListingDoc,
  type RankedSnapshotColumns,
} from '@hamiltix/contracts';
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

/** Search columns with no rows yet. */
function emptySearchColumns(): SearchColumns {
  return {
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
}

export function searchColumns(
  ids: readonly string[],
  byId: ReadonlyMap<string, RankedListingDoc>,
): SearchColumns {
  const c = emptySearchColumns();
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

/**
 * One row of performance_listing_stats per performance of the docs (what /api/v1/performances
 * shows): performanceStatsOfSnapshot of the docs' snapshot, so both rankings count alike. An
 * incremental ranking's few docs only: encoding them is cheap.
 */
export function performanceStatsColumns(docs: readonly RankedListingDoc[]): PerformanceStatsColumns {
  return performanceStatsOfSnapshot(decodeRankedSnapshot(encodeRankedSnapshot(docs)));
}

/**
 * listing_scores rows [from, to) of a full ranking from its published snapshot (rows in rank
 * order) and what the snapshot does not hold (`extra`, per row): the same values searchColumns
 * and replaceScores write from the docs, without the docs (the item JSON is the very bytes of
 * JSON.stringify(doc.item), parsed here a batch at a time).
 */
export function scoreColumnsOfSnapshot(
  c: RankedSnapshotColumns,
  from: number,
  to: number,
  extra: { qualityConfidence: Float64Array; expectedCents: Float64Array },
): ListingScoreColumns {
  const out: ListingScoreColumns = {
    listingId: [],
    seatQuality: [],
    qualityConfidence: [],
    expectedCents: [],
    dealScore: [],
    explanation: [],
    ...emptySearchColumns(),
  };
  const decoder = new TextDecoder();
  for (let i = from; i < to; i++) {
    const json = snapshotItemJson(c, i, decoder);
    const item = JSON.parse(json) as ListingItemDto;
    const keys: string[] = [];
    for (let j = 0; j < 3; j++) {
      const k = c.keys[3 * i + j];
      if (k !== SNAPSHOT_NO_KEY) keys.push(c.sectionKeys[k]);
    }
    const s = {
      dealScore: item.dealScore,
      allInCents: c.allInCents[i],
      seatQuality: item.seatQuality,
      startsAtMs: c.startsAtMs[i],
    };
    out.listingId.push(c.ids[i]);
    out.seatQuality.push(item.seatQuality);
    out.qualityConfidence.push(extra.qualityConfidence[i]);
    out.expectedCents.push(extra.expectedCents[i]);
    out.dealScore.push(item.dealScore);
    out.explanation.push(item.explanation);
    out.performanceId.push(c.performances[c.performance[i]]);
    out.venueId.push(item.performance.venue.id);
    out.cityKey.push(c.cities[c.city[i]]);
    out.startsAt.push(new Date(c.startsAtMs[i]).toISOString());
    out.localDate.push(c.dates[c.date[i]]);
    out.weekday.push(c.weekday[i]);
    out.matinee.push((c.flags[i] & SNAPSHOT_FLAG_MATINEE) !== 0);
    out.allInCents.push(c.allInCents[i]);
    out.splits.push(`{${item.splits.map((n) => Math.trunc(n)).join(',')}}`);
    out.hasViewNotes.push((c.flags[i] & SNAPSHOT_FLAG_VIEW_NOTES) !== 0);
    out.sectionKeys.push(`{${keys.map(pgArrayString).join(',')}}`);
    out.rankDeal.push(RANK_SCORES.deal(s));
    out.rankPrice.push(RANK_SCORES.price(s));
    out.rankQuality.push(RANK_SCORES.quality(s));
    out.rankDate.push(RANK_SCORES.date(s));
    out.item.push(json);
  }
  return out;
}

/** performanceStatsColumns of the snapshot's rows (performances in order of first row, as of the docs). */
export function performanceStatsOfSnapshot(c: RankedSnapshotColumns): PerformanceStatsColumns {
  const P = c.performances.length;
  const first = new Int32Array(P).fill(-1);
  const count = new Int32Array(P);
  const lowest = new Float64Array(P);
  const best = new Float64Array(P);
  const seen: number[] = [];
  for (let i = 0; i < c.count; i++) {
    const p = c.performance[i];
    if (first[p] < 0) {
      first[p] = i;
      seen.push(p);
      lowest[p] = c.allInCents[i];
      best[p] = c.dealScore[i];
    } else {
      lowest[p] = Math.min(lowest[p], c.allInCents[i]);
      best[p] = Math.max(best[p], c.dealScore[i]);
    }
    count[p]++;
  }
  const out: PerformanceStatsColumns = {
    performanceId: [],
    startsAt: [],
    localDate: [],
    listingCount: [],
    lowestAllInCents: [],
    bestDealScore: [],
  };
  for (const p of seen) {
    out.performanceId.push(c.performances[p]);
    out.startsAt.push(new Date(c.startsAtMs[first[p]]).toISOString());
    out.localDate.push(c.dates[c.date[first[p]]]);
    out.listingCount.push(count[p]);
    out.lowestAllInCents.push(lowest[p]);
    out.bestDealScore.push(best[p]);
  }
  return out;
}
