/**
 * A ranked-index DELTA (subject `rankings.delta.v1.<showId>`, core NATS): what an incremental
 * ranking changed, small enough to send to every search-api replica, which applies it to the
 * snapshot it holds instead of reading the whole new version from Redis.
 *
 * Layout: "HXD1" | u32 header length (little-endian) | header JSON (UTF-8) | padding to 8 |
 * the changed rows as a ranked snapshot (ranked-snapshot.ts, its own bytes to the end).
 * Header: { showId, performances, scopes: [{ scope, base, version, copyOf? }] }.
 *
 * Applying it to a scope's snapshot of version `base` drops that show's rows of `performances`
 * and adds `rows` (composeRankedColumns: kept base rows first, then the delta's), giving
 * version `version` byte for byte: ranking writes exactly applyRankedDelta's columns (or, for
 * the all-shows scope of a single show, a copy of the show's, the same bytes) to Redis under
 * that version, after the delta is sent. A reader holding any other version of a scope
 * ignores the delta for it and loads the new version from Redis as before.
 */
import { z } from 'zod';
import { composeRankedColumns, decodeRankedSnapshot, type RankedSnapshotColumns } from './ranked-snapshot.js';

const MAGIC = 'HXD1';
/** A delta larger than this is not sent (readers load the version from Redis). */
export const RANKED_DELTA_MAX_BYTES = 512 * 1024;

const version = z.string().min(1).max(64);
export const RankedDeltaHeader = z.object({
  showId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** Performances whose rows the delta replaces (all of them: rows not in `rows` are gone). */
  performances: z.array(z.string().min(1).max(64)).max(10_000),
  /** The scopes it applies to: the show's own and, when ranking could, the all-shows scope. */
  scopes: z
    .array(
      z.object({
        scope: z.string().min(1).max(64),
        base: version,
        version,
        /**
         * Set when this scope's base and new versions are byte copies of that (earlier)
         * scope's (the all-shows index of a single show): a reader holding both applies once.
         */
        copyOf: z.string().min(1).max(64).optional(),
      }),
    )
    .min(1)
    .max(2),
});
export type RankedDeltaHeader = z.infer<typeof RankedDeltaHeader>;

export interface RankedDelta extends RankedDeltaHeader {
  /** The replacing rows (docs of the changed performances still on sale), decoded. */
  rows: RankedSnapshotColumns;
}

/** The message bytes of a delta: its header, then `rows` (the bytes of encodeRankedSnapshot). */
export function encodeRankedDelta(header: RankedDeltaHeader, rows: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify(RankedDeltaHeader.parse(header)));
  const start = align8(8 + head.length);
  const out = new Uint8Array(start + rows.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, head.length, true);
  out.set(head, 8);
  out.set(rows, start);
  return out;
}

/** Reads a delta message; throws on anything malformed (bad magic, header, snapshot). */
export function decodeRankedDelta(bytes: Uint8Array): RankedDelta {
  const dec = new TextDecoder();
  if (bytes.length < 8 || dec.decode(bytes.subarray(0, 4)) !== MAGIC)
    throw new Error('not a ranked delta (bad magic)');
  const length = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
  if (8 + length > bytes.length) throw new Error('ranked delta: header truncated');
  const header = RankedDeltaHeader.parse(JSON.parse(dec.decode(bytes.subarray(8, 8 + length))));
  // decodeRankedSnapshot copies the rows once if they are not 8-aligned in memory.
  return { ...header, rows: decodeRankedSnapshot(bytes.subarray(align8(8 + length))) };
}

/**
 * `base` with the delta's show's rows of its performances replaced by its rows: the columns of
 * the delta's version of a scope whose `base` version these are. Deterministic, so every
 * replica (and ranking, which writes encodeRankedColumns of it to Redis) gets the same bytes.
 */
export function applyRankedDelta(
  base: RankedSnapshotColumns,
  delta: Pick<RankedDelta, 'showId' | 'performances' | 'rows'>,
): RankedSnapshotColumns {
  const replaced = new Set(delta.performances);
  const dropShow = base.shows.map((s) => s === delta.showId);
  const dropPerformance = base.performances.map((p) => replaced.has(p));
  return composeRankedColumns([
    { columns: base, keep: (i) => !(dropShow[base.show[i]] && dropPerformance[base.performance[i]]) },
    { columns: delta.rows },
  ]);
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
