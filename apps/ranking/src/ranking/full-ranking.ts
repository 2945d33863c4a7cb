import { RankedSnapshotBuilder } from '@hamiltix/contracts';
import { releaseGarbageNow } from '@hamiltix/platform';
import { normaliseSplits } from '@hamiltix/domain';
import { listingsByIds, showInventoryBatches, venueNames, type StoredListing } from '@hamiltix/persistence';
import {
  explain,
  memoFormat,
  rankColumns,
  seatLabel,
  toRankable,
  type FitColumns,
  type FitSummary,
  type ShowFit,
} from '@hamiltix/ranking';
import type { DataSource } from 'typeorm';
import { buildDocs } from './ranked-docs.js';

/** Rows per FETCH of the first pass. */
export const FIT_ROWS_PER_FETCH = 5_000;
/** Listings per batch of the second pass (loaded by id, turned into docs, added to the snapshot). */
export const DOC_ROWS_PER_BATCH = 2_000;

/** A full ranking of a show: its snapshot, and per snapshot row what listing_scores needs beyond it. */
export interface FullRanking {
  /** The show's ranked snapshot, rows best deal first (encodeRankedSnapshot of the docs, byte for byte). */
  snapshot: Uint8Array;
  count: number;
  fit: FitSummary;
  model: ShowFit;
  /** Per snapshot row (rank order): libs/venues' confidence in the seat quality. */
  qualityConfidence: Float64Array;
  /** Per snapshot row: the fitted expected all-in price, cents. */
  expectedCents: Float64Array;
}

/**
 * A full ranking in two passes over one REPEATABLE READ read of Postgres, holding no object
 * per listing across the show:
 *  1. the show's sellable listings through a cursor, FIT_ROWS_PER_FETCH rows at a time, each
 *     reduced to what the fit reads (price, seat quality, venue, performance) in columns;
 *     the fit, scores and order come from those columns (libs/ranking rankColumns);
 *  2. in rank order, DOC_ROWS_PER_BATCH listings at a time: their rows loaded again by id
 *     (the same snapshot, so the same rows), their docs built and added to the snapshot.
 * The result equals rankShow + buildDocs + encodeRankedSnapshot of the whole show, byte for byte.
 */
export async function rankFullShow(
  dataSource: DataSource,
  showId: string,
  onSaleAfter: Date,
  rankedAt: Date,
  mark: (stage: string) => void = () => {},
  batches = { fetch: FIT_ROWS_PER_FETCH, docs: DOC_ROWS_PER_BATCH },
): Promise<FullRanking> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const pass1 = new ColumnsBuilder();
    for await (const rows of showInventoryBatches(manager, showId, onSaleAfter, batches.fetch)) {
      for (const row of rows) if (sellable(row)) pass1.add(row);
    }
    const { columns, ids } = pass1.finish();
    mark('load');
    const ranking = rankColumns(columns, ids, rankedAt);
    mark('rank');
    const n = columns.count;
    const venues = await venueNames(manager);
    const builder = new RankedSnapshotBuilder(n);
    const format = memoFormat();
    const qualityConfidence = new Float64Array(n);
    const expectedCents = new Float64Array(n);
    for (let from = 0; from < n; from += batches.docs) {
      const to = Math.min(n, from + batches.docs);
      const batch = Array.from(ranking.order.subarray(from, to));
      const rows = await listingsByIds(
        manager,
        showId,
        onSaleAfter,
        batch.map((i) => ids[i]),
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      const listings: StoredListing[] = [];
      const ranked = batch.map((i, k) => {
        const row = byId.get(ids[i]);
        if (!row || !sellable(row)) throw new Error(`listing ${ids[i]} changed between the passes`);
        listings.push(row);
        qualityConfidence[from + k] = pass1.qualityConfidence[i];
        expectedCents[from + k] = ranking.expectedCents[i];
        return {
          id: row.id,
          seatQuality: columns.seatQuality[i],
          dealScore: ranking.dealScore[i],
          explanation: explain(
            seatLabel(row.venueId, row.sectionId, row.section, row.row),
            row.allInCents,
            ranking.expectedCents[i],
            row.viewNotes,
            format,
          ),
        };
      });
      builder.add(buildDocs(showId, { listings, venues }, ranked));
    }
    // The batches' rows and docs (promoted a batch at a time, 20–30 MB over the live heap)
    // and the pages V8 pooled since the run began are dead: handed back before the snapshot is
    // finished and written to Redis, the moment of ranking's RSS peak under churn (issue 12:
    // 223–227 MiB before, 210–214 after; ~0.2 s of a 5–7 s run).
    releaseGarbageNow();
    mark('docs');
    const snapshot = builder.finish();
    mark('snapshot');
    return {
      snapshot,
      count: n,
      fit: ranking.fit,
      model: ranking.model,
      qualityConfidence,
      expectedCents,
    };
  });
}

/**
 * What checkout would sell of the listing, in the splits that still fit it (libs/domain
 * normaliseSplits, as ShowListingsRepository.activeListings judges); false when none fits.
 */
function sellable(row: StoredListing): boolean {
  row.splits = normaliseSplits(row.splits, row.quantity);
  return row.splits.length > 0;
}

/** The first pass's columns, grown a row at a time (plain number arrays: 8 bytes a row each). */
class ColumnsBuilder {
  private readonly ids: string[] = [];
  private readonly allInCents: number[] = [];
  private readonly seatQuality: number[] = [];
  private readonly confidence: number[] = [];
  private readonly venueOf: number[] = [];
  private readonly perfOf: number[] = [];
  private readonly venueIds: string[] = [];
  private readonly perfStartsAtMs: number[] = [];
  private readonly perfTimeZone: string[] = [];
  private readonly venueIndex = new Map<string, number>();
  private readonly perfIndex = new Map<string, number>();
  qualityConfidence = new Float64Array(0);

  /** Seat quality from libs/venues exactly as rankShow's input (toRankable); unrankable rows left out as rankShow does. */
  add(row: StoredListing): void {
    const l = toRankable(row);
    if (!(Number.isFinite(l.allInCents) && l.allInCents > 0 && Number.isFinite(l.seatQuality))) return;
    this.ids.push(l.id);
    this.allInCents.push(l.allInCents);
    this.seatQuality.push(l.seatQuality);
    this.confidence.push(l.qualityConfidence);
    let v = this.venueIndex.get(l.venueId);
    if (v === undefined) {
      v = this.venueIds.length;
      this.venueIds.push(l.venueId);
      this.venueIndex.set(l.venueId, v);
    }
    this.venueOf.push(v);
    let p = this.perfIndex.get(l.performanceId);
    if (p === undefined) {
      p = this.perfStartsAtMs.length;
      this.perfStartsAtMs.push(l.startsAtMs);
      this.perfTimeZone.push(l.timeZone);
      this.perfIndex.set(l.performanceId, p);
    }
    this.perfOf.push(p);
  }

  finish(): { columns: FitColumns; ids: string[] } {
    this.qualityConfidence = Float64Array.from(this.confidence);
    return {
      columns: {
        count: this.ids.length,
        allInCents: Float64Array.from(this.allInCents),
        seatQuality: Float64Array.from(this.seatQuality),
        venueOf: Int32Array.from(this.venueOf),
        venueIds: this.venueIds,
        perfOf: Int32Array.from(this.perfOf),
        perfStartsAtMs: this.perfStartsAtMs,
        perfTimeZone: this.perfTimeZone,
      },
      ids: this.ids,
    };
  }
}
