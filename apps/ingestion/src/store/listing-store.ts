import { Injectable } from '@nestjs/common';
import {
  MergePipeline,
  mergeListings,
  retireStartedListings,
  type ListingMergeInput,
  type ListingMergeResult,
  type Queryable,
} from '@hamiltix/persistence';
import type { QueryRunner } from 'typeorm';
import type { NormalisedListing } from '../normalise/normalise-listing.js';

export type { ListingMergeInput, ListingMergeResult } from '@hamiltix/persistence';
export { MergePipeline } from '@hamiltix/persistence';

/**
 * Bulk writes of listings and price history (the queries live in @hamiltix/persistence,
 * listing-merge): COPY into a staging table, then set-based merges.
 */
@Injectable()
export class ListingStore {
  /** Merges `listings` (first row per id wins, see MergePipeline) in one go, inside the caller's transaction on `qr`. */
  merge(
    qr: QueryRunner,
    input: ListingMergeInput & { listings: readonly NormalisedListing[] },
  ): Promise<ListingMergeResult> {
    return mergeListings(qr, input);
  }

  /**
   * Opens a merge that takes rows while the pull is still reading the broker (see
   * MergePipeline), inside the caller's transaction on `qr`.
   */
  open(qr: QueryRunner, at: Date, performanceIds: readonly string[]): Promise<MergePipeline> {
    return MergePipeline.open(qr, at, performanceIds);
  }

  /**
   * Performances that have started are over (libs/domain sales-window): their listings are
   * marked gone, never deleted, so their price history stays. Inside the pull's transaction.
   */
  retireStarted(
    db: Queryable,
    showId: string,
    now: Date,
  ): Promise<{ removed: number; performanceIds: string[] }> {
    return retireStartedListings(db, showId, now);
  }
}
