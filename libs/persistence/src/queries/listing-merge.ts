import type pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { pgClient } from '../sql/native.js';
import { ACTIVE_SQL, KNOWN_SQL, MERGE_SQL, REMOVE_SQL, bigintArray } from './listing-merge-sql.js';
import { STAGE_DDL, copyBatch, copyNew, type ListingWrite } from './listing-staging.js';

/** Rows handed over but not yet taken into a batch, beyond which the reader waits (`room()`). */
export const MAX_PENDING_ROWS = 4_000;

export interface ListingMergeInput {
  /**
   * Performances whose listings are replaced: the broker answered for them and every
   * skipped row had a readable id. Only these can lose listings.
   */
  replacedPerformanceIds: readonly string[];
  /** Ids of rows that came back garbled: kept as they are, never marked gone. */
  keepIds: readonly string[];
  /** The pull's time: first_seen_at, updated_at, removed_at, price_history.at. */
  at: Date;
}

export interface ListingMergeResult {
  added: number;
  changed: number;
  removed: number;
  priceChanges: number;
  /** Performances with any listing added, changed or gone. */
  performanceIds: string[];
  /** Postgres time: COPY into staging, and the merge + removal statements, ms (summed over batches). */
  timings: { stageMs: number; mergeMs: number; batches: number; probeMs: number; newMs: number };
}

/**
 * Merges listings into Postgres while the pull is still reading the broker: each call to
 * `write` hands over one event's complete, normalised rows; whenever the connection is
 * free, everything handed over so far becomes one batch. In a batch, listings Postgres
 * has never stored are COPYed straight into `listings` and `price_history`; the others
 * are COPYed into `ingest_stage` and merged by one set-based statement that compares
 * every column. Removals are worked out at the end from the active listings read when
 * the pipeline opened and every id handed over. While Postgres merges a batch the next events are fetched and
 * normalised, so the two sides work at once and the batches size themselves to the
 * slower one. Everything runs in the caller's transaction: the pull still commits or
 * rolls back as a whole (held-back pulls, the outbox row), and an event's rows are only
 * ever handed over whole, after its answer was read in full. Nothing else may use the
 * client until `finish()` or `abort()`.
 */
export class MergePipeline {
  private pending: ListingWrite[][] = [];
  private pendingRows = 0;
  /** Resolved (and replaced) whenever a batch has been taken or merged, or the pipeline failed. */
  private turn = resolvers();
  private running?: Promise<void>;
  private failed?: Error;
  private batches = 0;
  private readonly result: ListingMergeResult = {
    added: 0,
    changed: 0,
    removed: 0,
    priceChanges: 0,
    performanceIds: [],
    timings: { stageMs: 0, mergeMs: 0, batches: 0, probeMs: 0, newMs: 0 },
  };
  private readonly perfs = new Set<string>();
  /** Every id handed over (the removals spare them). */
  private readonly seen = new Set<string>();
  /** Active listings of the pull's performances when it began: id → performance. */
  private readonly active: Promise<Map<string, string>>;
  private staged = false;

  private constructor(
    private readonly client: pg.ClientBase,
    private readonly at: Date,
    performanceIds: readonly string[],
  ) {
    // Read while the first events are still on the wire; awaited by the first batch.
    if (!performanceIds.length) {
      this.active = Promise.resolve(new Map());
      return;
    }
    this.active = client.query(ACTIVE_SQL, [bigintArray(performanceIds)]).then(
      (r) => new Map((r.rows as { id: string; p: string }[]).map((row) => [row.id, row.p])),
      (error: Error) => {
        this.failed ??= error;
        return new Map<string, string>();
      },
    );
  }

  /**
   * `performanceIds`: the performances the pull reads; only their active listings may be
   * removed (a replaced performance must be among them).
   */
  static async open(
    runner: QueryRunner,
    at: Date,
    performanceIds: readonly string[],
  ): Promise<MergePipeline> {
    const client = await pgClient(runner);
    await client.query(STAGE_DDL);
    return new MergePipeline(client, at, performanceIds);
  }

  /** One event's rows (never part of an event: all-or-nothing per event). */
  write(rows: ListingWrite[]): void {
    if (!rows.length || this.failed) return;
    this.pending.push(rows);
    this.pendingRows += rows.length;
    this.running ??= this.drain();
  }

  /**
   * Resolves once fewer than `maxPending` rows wait for Postgres (at once when they do):
   * the reader awaits it after each `write`, so a broker faster than the merge waits
   * instead of the whole pull piling up in memory as objects (ingestion's RSS under churn).
   * Rejects with the merge's error once a batch failed: the pull is lost, so the reader
   * stops reading the broker (its calls count against the rate limit) rather than go on.
   */
  async room(maxPending = MAX_PENDING_ROWS): Promise<void> {
    while (this.pendingRows >= maxPending && !this.failed && this.running) await this.turn.promise;
    if (this.failed) throw this.failed;
  }

  /** Resolves when every batch handed over so far is merged (or the pipeline failed). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Merges what is left, then marks gone what replaced performances no longer list. */
  async finish(input: Omit<ListingMergeInput, 'at'>): Promise<ListingMergeResult> {
    await this.running;
    if (this.failed) throw this.failed;
    if (this.pending.length) await this.mergeBatch(this.take());
    const active = await this.active;
    if (this.failed) throw this.failed;
    const replaced = new Set(input.replacedPerformanceIds);
    const keep = new Set(input.keepIds);
    const gone: string[] = [];
    for (const [id, perf] of active)
      if (replaced.has(perf) && !this.seen.has(id) && !keep.has(id)) gone.push(id);
    if (gone.length) {
      const t = performance.now();
      const r = (await this.client.query(REMOVE_SQL, [this.at, bigintArray(gone)])).rows[0] as {
        removed: number;
        performance_ids: string[];
      };
      this.result.removed = r.removed;
      for (const p of r.performance_ids) this.perfs.add(p);
      this.result.timings.mergeMs += performance.now() - t;
    }
    await this.client.query('DROP TABLE IF EXISTS ingest_stage');
    this.result.performanceIds = [...this.perfs].sort();
    this.result.timings.stageMs = Math.round(this.result.timings.stageMs);
    this.result.timings.mergeMs = Math.round(this.result.timings.mergeMs);
    this.result.timings.batches = this.batches;
    this.result.timings.probeMs = Math.round(this.result.timings.probeMs);
    this.result.timings.newMs = Math.round(this.result.timings.newMs);
    return this.result;
  }

  /** Stops merging; the caller then rolls the transaction back. */
  async abort(): Promise<void> {
    this.failed ??= new Error('pull aborted');
    this.pending = [];
    await this.running;
  }

  private take(): ListingWrite[][] {
    const batch = this.pending;
    this.pending = [];
    this.pendingRows = 0;
    return batch;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length && !this.failed) {
        const batch = this.take();
        this.nextTurn();
        await this.mergeBatch(batch);
      }
    } catch (error) {
      this.failed ??= error as Error;
    } finally {
      this.running = undefined;
      this.nextTurn();
    }
  }

  private nextTurn(): void {
    const done = this.turn;
    this.turn = resolvers();
    done.resolve();
  }

  private async mergeBatch(batch: ListingWrite[][]): Promise<void> {
    const active = await this.active;
    if (this.failed) return;
    const t0 = performance.now();
    const known: ListingWrite[] = [];
    const unknown: ListingWrite[] = [];
    for (const rows of batch) {
      for (const row of rows) {
        // First row per id wins: a repeated id would fail the COPY of new listings on the
        // primary key, or match the staged batch twice (the pull de-duplicates; this holds for any caller).
        if (this.seen.has(row.id)) continue;
        this.seen.add(row.id);
        (active.has(row.id) ? known : unknown).push(row);
      }
    }
    const fresh: ListingWrite[] = [];
    if (unknown.length) {
      // Not active here: new, or stored once (removed, or under another performance).
      const stored = new Set(
        (
          (await this.client.query(KNOWN_SQL, [bigintArray(unknown.map((r) => r.id))])).rows as {
            id: string;
          }[]
        ).map((r) => r.id),
      );
      for (const row of unknown) (stored.has(row.id) ? known : fresh).push(row);
    }
    const tp = performance.now();
    this.result.timings.probeMs += tp - t0;
    if (fresh.length) {
      await copyNew(this.client, fresh, this.at);
      this.result.timings.newMs += performance.now() - tp;
      this.result.added += fresh.length;
      this.result.priceChanges += fresh.length;
      for (const row of fresh) this.perfs.add(row.performanceId);
    }
    const t1 = performance.now();
    this.result.timings.stageMs += t1 - t0;
    if (known.length) {
      await copyBatch(this.client, [known], !this.staged);
      this.staged = true;
      const t2 = performance.now();
      const r = (await this.client.query(MERGE_SQL, [this.at])).rows[0] as {
        added: number;
        changed: number;
        price_changes: number;
        performance_ids: string[];
      };
      this.result.added += r.added;
      this.result.changed += r.changed;
      this.result.priceChanges += r.price_changes;
      for (const p of r.performance_ids) this.perfs.add(p);
      this.result.timings.stageMs += t2 - t1;
      this.result.timings.mergeMs += performance.now() - t2;
    }
    this.batches++;
  }
}

/**
 * Merges `listings` (first row per id wins, see MergePipeline) in one go, inside the
 * transaction open on `runner`.
 */
export async function mergeListings(
  runner: QueryRunner,
  input: ListingMergeInput & { listings: readonly ListingWrite[] },
): Promise<ListingMergeResult> {
  const perfs = new Set(input.replacedPerformanceIds);
  for (const l of input.listings) perfs.add(l.performanceId);
  const pipeline = await MergePipeline.open(runner, input.at, [...perfs]);
  pipeline.write([...input.listings]);
  return pipeline.finish(input);
}

/** Promise.withResolvers (Node 22+), for the Node 20 runtime tests may run on. */
function resolvers(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
