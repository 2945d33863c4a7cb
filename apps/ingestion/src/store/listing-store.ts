import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { QueryRunner } from 'typeorm';
import type { NormalisedListing } from '../normalise/normalise-listing.js';
import { MergePipeline, type ListingMergeInput, type ListingMergeResult } from './merge-pipeline.js';

export type { ListingMergeInput, ListingMergeResult } from './merge-pipeline.js';
export { MergePipeline } from './merge-pipeline.js';

/** The native pg client under a TypeORM query runner (needed for COPY). */
export function pgClient(qr: QueryRunner): pg.ClientBase {
  const client = (qr as unknown as { databaseConnection?: pg.ClientBase }).databaseConnection;
  if (!client) throw new Error('query runner is not connected');
  return client;
}

/** Bulk writes of listings and price history: COPY into a staging table, then set-based merges. */
@Injectable()
export class ListingStore {
  /** Merges `listings` (first row per id wins, see MergePipeline) in one go, inside the caller's transaction on `qr`. */
  async merge(
    qr: QueryRunner,
    input: ListingMergeInput & { listings: readonly NormalisedListing[] },
  ): Promise<ListingMergeResult> {
    const perfs = new Set(input.replacedPerformanceIds);
    for (const l of input.listings) perfs.add(l.performanceId);
    const pipeline = await this.open(qr, input.at, [...perfs]);
    pipeline.write([...input.listings]);
    return pipeline.finish(input);
  }

  /**
   * Opens a merge that takes rows while the pull is still reading the broker (see
   * MergePipeline), inside the caller's transaction on `qr`.
   */
  open(qr: QueryRunner, at: Date, performanceIds: readonly string[]): Promise<MergePipeline> {
    return MergePipeline.open(pgClient(qr), at, performanceIds);
  }
}
