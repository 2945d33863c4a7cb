import { Injectable } from '@nestjs/common';
import { publishedScore, type RankedListingDoc, type RankedSnapshotColumns } from '@hamiltix/contracts';
import { normaliseSplits } from '@hamiltix/domain';
import {
  deleteListingScoresExcept,
  knownShowIds,
  lastShowChangeMs,
  rankedShowIds,
  replacePerformanceStats,
  showInventory,
  showOfListing,
  upsertListingScores,
  type ShowInventory,
} from '@hamiltix/persistence';
import type { RankedListing } from '@hamiltix/ranking';
import { DataSource, type EntityManager } from 'typeorm';
import { rankFullShow, type FullRanking } from './full-ranking.js';
import {
  performanceStatsColumns,
  performanceStatsOfSnapshot,
  scoreColumnsOfSnapshot,
  searchColumns,
} from './search-columns.js';

export type { ShowInventory, StoredListing, StoredVenue } from '@hamiltix/persistence';

/** Rows per listing_scores upsert: bounds the parameter text pg builds (57,000 rows in one made ~300 MB). */
const SCORE_ROWS_PER_STATEMENT = 2_000;

/** What ranking reads and writes in Postgres (SQL in libs/persistence, queries/ranking.ts). */
@Injectable()
export class ShowListingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The show's listings a buyer may still buy (of `performanceIds` only, when given): active,
   * of a performance starting after `onSaleAfter` (libs/domain onSaleStartsAfter: the sales
   * cut-off), with what checkout would sell of them — the stored quantity less checkout's open
   * holds (persistence `showInventory`) — in the splits that still fit it (libs/domain
   * normaliseSplits, as checkout judges them). A listing left with no split that fits is not on sale.
   */
  async activeListings(
    showId: string,
    onSaleAfter: Date,
    performanceIds?: readonly string[],
  ): Promise<ShowInventory> {
    const inventory = await showInventory(this.dataSource, showId, onSaleAfter, performanceIds);
    const sellable = inventory.listings.filter((l) => {
      l.splits = normaliseSplits(l.splits, l.quantity);
      return l.splits.length > 0;
    });
    return { ...inventory, listings: sellable };
  }

  /**
   * A full ranking of the show's listings a buyer may still buy (the same as activeListings),
   * in two bounded passes over one read of Postgres (full-ranking.ts).
   */
  rankFull(
    showId: string,
    onSaleAfter: Date,
    rankedAt: Date,
    mark?: (stage: string) => void,
  ): Promise<FullRanking> {
    return rankFullShow(this.dataSource, showId, onSaleAfter, rankedAt, mark);
  }

  /** The show a stored listing belongs to (undefined when ingestion has not stored it). */
  showOfListing(listingId: string): Promise<string | undefined> {
    return showOfListing(this.dataSource, listingId);
  }

  /** Shows that have listings or scores: what a full rebuild covers. */
  showIds(): Promise<string[]> {
    return rankedShowIds(this.dataSource);
  }

  /** Every show ingestion has stored (the all-shows index covers those with a live index). */
  knownShowIds(): Promise<string[]> {
    return knownShowIds(this.dataSource);
  }

  /** Newest change to a show's listings or scores (ms), to tell whether Redis is stale. */
  lastChangeMs(showId: string): Promise<number> {
    return lastShowChangeMs(this.dataSource, showId);
  }

  /**
   * Replaces the show's scores: upserted SCORE_ROWS_PER_STATEMENT rows per statement, then
   * scores of listings no longer ranked deleted (so listing_scores holds exactly what the
   * ranked index holds), and the per-performance summary replaced. With `performanceIds` (an
   * incremental ranking) only those performances' scores and stats are replaced. With the
   * scores go the search fields of each published doc (search-columns.ts), which search-api's
   * Postgres fallback reads through indexes. Runs in the caller's transaction.
   */
  async replaceScores(
    manager: EntityManager,
    showId: string,
    ranked: readonly RankedListing[],
    rankedAt: Date,
    docs: readonly RankedListingDoc[],
    performanceIds?: readonly string[],
  ): Promise<void> {
    const docOf = new Map(docs.map((d) => [d.item.id, d]));
    for (let s = 0; s < ranked.length; s += SCORE_ROWS_PER_STATEMENT) {
      const chunk = ranked.slice(s, s + SCORE_ROWS_PER_STATEMENT);
      const ids = chunk.map((r) => r.id);
      await upsertListingScores(
        manager,
        showId,
        {
          listingId: ids,
          seatQuality: chunk.map((r) => r.seatQuality),
          qualityConfidence: chunk.map((r) => r.qualityConfidence),
          expectedCents: chunk.map((r) => r.expectedCents),
          dealScore: chunk.map((r) => publishedScore(r.dealScore)),
          explanation: chunk.map((r) => r.explanation),
          ...searchColumns(ids, docOf),
        },
        rankedAt,
      );
    }
    await deleteListingScoresExcept(
      manager,
      showId,
      ranked.map((r) => r.id),
      performanceIds,
    );
    await replacePerformanceStats(manager, showId, performanceStatsColumns(docs), rankedAt, performanceIds);
  }

  /**
   * replaceScores of a full ranking from its snapshot (rows in rank order, see full-ranking.ts)
   * rather than from docs: the same rows, SCORE_ROWS_PER_STATEMENT per upsert, each batch's
   * items parsed from the snapshot's bytes and dropped before the next.
   */
  async replaceAllScores(
    manager: EntityManager,
    showId: string,
    snapshot: RankedSnapshotColumns,
    extra: Parameters<typeof scoreColumnsOfSnapshot>[3],
    rankedAt: Date,
  ): Promise<void> {
    for (let s = 0; s < snapshot.count; s += SCORE_ROWS_PER_STATEMENT) {
      const to = Math.min(snapshot.count, s + SCORE_ROWS_PER_STATEMENT);
      await upsertListingScores(manager, showId, scoreColumnsOfSnapshot(snapshot, s, to, extra), rankedAt);
    }
    await deleteListingScoresExcept(manager, showId, snapshot.ids);
    await replacePerformanceStats(manager, showId, performanceStatsOfSnapshot(snapshot), rankedAt);
  }
}
