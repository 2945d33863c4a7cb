import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { EntityManager, QueryRunner } from 'typeorm';
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

  /**
   * Performances that have started are over (libs/domain sales-window): their listings are
   * marked gone, never deleted, so their price history stays. Inside the pull's transaction.
   */
  async retireStarted(
    manager: EntityManager,
    showId: string,
    now: Date,
  ): Promise<{ removed: number; performanceIds: string[] }> {
    const rows = (await manager.query(
      `WITH gone AS (
         UPDATE listings l SET removed_at = $2, updated_at = $2
           FROM performances p
          WHERE p.id = l.performance_id AND l.show_id = $1 AND l.removed_at IS NULL AND p.starts_at <= $2
        RETURNING l.performance_id
       )
       SELECT performance_id::text AS id, count(*)::int AS n FROM gone GROUP BY performance_id`,
      [showId, now],
    )) as { id: string; n: number }[];
    return { removed: rows.reduce((sum, r) => sum + r.n, 0), performanceIds: rows.map((r) => r.id) };
  }
}
