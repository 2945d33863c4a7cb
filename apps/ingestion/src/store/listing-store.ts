import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { QueryRunner } from 'typeorm';
import type { NormalisedListing } from '../normalise/normalise-listing.js';
import { StageWriter, stageListings } from './staging.js';

export interface ListingMergeInput {
  /**
   * Performances whose listings are replaced: the broker answered for them and every
   * skipped row had a readable id. Only these can lose listings.
   */
  replacedPerformanceIds: readonly string[];
  /** Ids of rows that came back garbled: kept as they are, never marked gone. */
  keepIds: readonly string[];
  at: Date;
}

export interface ListingMergeResult {
  added: number;
  changed: number;
  removed: number;
  priceChanges: number;
  /** Performances with any listing added, changed or gone. */
  performanceIds: string[];
  /** COPY into staging, and the merge + removal statements, ms. */
  timings: { stageMs: number; mergeMs: number };
}

/** The native pg client under a TypeORM query runner (needed for COPY). */
export function pgClient(qr: QueryRunner): pg.ClientBase {
  const client = (qr as unknown as { databaseConnection?: pg.ClientBase }).databaseConnection;
  if (!client) throw new Error('query runner is not connected');
  return client;
}

const UPDATABLE = [
  'performance_id',
  'show_id',
  'venue_id',
  'section',
  'section_id',
  'row',
  'seats',
  'quantity',
  'splits',
  'retail_cents',
  'wholesale_cents',
  'fees_cents',
  'all_in_cents',
  'view_notes',
  'public_notes',
  'format',
  'in_hand',
  'signature',
];
const q = (c: string) => `"${c}"`;

/**
 * One statement merges the staged rows. Rows whose every stored field is unchanged are
 * not touched at all (compared column by column: cheaper than hashing every row); new
 * (or returning) rows are inserted, changed ones updated, and a price-history row is
 * written whenever the all-in price is new or moved. `content_hash` (a fingerprint made
 * in normalisation) is written with the row, for readers that want a cheap change test.
 */
const MERGE_SQL = `
WITH diff AS MATERIALIZED (
  SELECT s.*, l.id IS NULL AS is_new, l.removed_at IS NOT NULL AS was_removed, l.all_in_cents AS old_all_in
  FROM ingest_stage s LEFT JOIN listings l ON l.id = s.id
  WHERE l.id IS NULL OR l.removed_at IS NOT NULL
     OR (${UPDATABLE.map((c) => `l.${q(c)}`).join(', ')}) IS DISTINCT FROM (${UPDATABLE.map((c) => `s.${q(c)}`).join(', ')})
), up AS (
  INSERT INTO listings (id, ${UPDATABLE.map(q).join(', ')}, content_hash, first_seen_at, updated_at, removed_at)
  SELECT id, ${UPDATABLE.map(q).join(', ')}, content_hash, $1, $1, NULL FROM diff
  ON CONFLICT (id) DO UPDATE SET ${UPDATABLE.map((c) => `${q(c)} = EXCLUDED.${q(c)}`).join(', ')},
    content_hash = EXCLUDED.content_hash, updated_at = EXCLUDED.updated_at, removed_at = NULL
  RETURNING 1
), hist AS (
  INSERT INTO price_history (listing_id, at, all_in_cents, retail_cents)
  SELECT id, $1, all_in_cents, retail_cents FROM diff WHERE is_new OR was_removed OR old_all_in <> all_in_cents
  RETURNING 1
)
SELECT count(*) FILTER (WHERE is_new OR was_removed)::int AS added,
       count(*) FILTER (WHERE NOT is_new AND NOT was_removed)::int AS changed,
       (SELECT count(*) FROM hist)::int AS price_changes,
       (SELECT count(*) FROM up)::int AS written,
       coalesce(array_agg(DISTINCT performance_id::text), '{}') AS performance_ids
FROM diff`;

/** Marks gone what a replaced performance no longer lists (never deletes: orders point at them). */
const REMOVE_SQL = `
WITH gone AS (
  UPDATE listings l SET removed_at = $1, updated_at = $1
  WHERE l.performance_id = ANY($2::bigint[]) AND l.removed_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM ingest_stage s WHERE s.id = l.id)
    AND NOT (l.id = ANY($3::bigint[]))
  RETURNING l.performance_id
)
SELECT count(*)::int AS removed, coalesce(array_agg(DISTINCT performance_id::text), '{}') AS performance_ids FROM gone`;

/** Bulk writes of listings and price history: COPY into a staging table, then set-based merges. */
@Injectable()
export class ListingStore {
  /** Stages then merges `listings` (de-duplicated by id), inside the caller's transaction on `qr`. */
  async merge(
    qr: QueryRunner,
    input: ListingMergeInput & { listings: readonly NormalisedListing[] },
  ): Promise<ListingMergeResult> {
    const t0 = performance.now();
    await stageListings(pgClient(qr), input.listings);
    const r = await this.mergeStaged(qr, input);
    r.timings.stageMs = Math.round(performance.now() - t0) - r.timings.mergeMs;
    return r;
  }

  /** Opens the staging COPY for rows that arrive while the pull reads the broker. */
  openStage(qr: QueryRunner): Promise<StageWriter> {
    return StageWriter.open(pgClient(qr));
  }

  /** Merges what is in `ingest_stage` (see openStage), inside the caller's transaction. */
  async mergeStaged(qr: QueryRunner, input: ListingMergeInput): Promise<ListingMergeResult> {
    const client = pgClient(qr);
    const t1 = performance.now();
    const merged = (await client.query(MERGE_SQL, [input.at])).rows[0] as {
      added: number;
      changed: number;
      price_changes: number;
      performance_ids: string[];
    };
    let removed = 0;
    let removedPerfs: string[] = [];
    if (input.replacedPerformanceIds.length) {
      const r = (await client.query(REMOVE_SQL, [input.at, input.replacedPerformanceIds, input.keepIds]))
        .rows[0] as {
        removed: number;
        performance_ids: string[];
      };
      removed = r.removed;
      removedPerfs = r.performance_ids;
    }
    await client.query('DROP TABLE IF EXISTS ingest_stage');
    return {
      added: merged.added,
      changed: merged.changed,
      removed,
      priceChanges: merged.price_changes,
      performanceIds: [...new Set([...merged.performance_ids, ...removedPerfs])].sort(),
      timings: { stageMs: 0, mergeMs: Math.round(performance.now() - t1) },
    };
  }

  /** Active listings of these performances (for the empty-pull guard). */
  async activeCount(qr: QueryRunner, showId: string, performanceIds: readonly string[]): Promise<number> {
    const rows = (await qr.query(
      'SELECT count(*)::int AS n FROM listings WHERE show_id = $1 AND removed_at IS NULL AND performance_id = ANY($2::bigint[])',
      [showId, performanceIds],
    )) as { n: number }[];
    return rows[0].n;
  }
}
