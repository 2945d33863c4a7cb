import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { NormalisedListing } from '../normalise/normalise-listing.js';
import { copyLine } from '@hamiltix/persistence';

/** Columns of the staging table, in COPY order. Same names as `listings`. */
export const STAGE_COLUMNS = [
  'id',
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
  'content_hash',
] as const;

/** `ingest_stage` holds one batch of known listings (truncated before the next); dropped at commit. */
export const STAGE_DDL = `CREATE TEMP TABLE ingest_stage (
  id bigint NOT NULL, performance_id bigint NOT NULL, show_id text NOT NULL, venue_id text NOT NULL,
  section text NOT NULL, section_id text, "row" text NOT NULL, seats integer[] NOT NULL,
  quantity integer NOT NULL, splits integer[] NOT NULL, retail_cents integer NOT NULL,
  wholesale_cents integer NOT NULL, fees_cents integer NOT NULL, all_in_cents integer NOT NULL,
  view_notes text[] NOT NULL, public_notes text, format text, in_hand boolean NOT NULL,
  signature text, content_hash text NOT NULL
) ON COMMIT DROP`;

const COLUMN_LIST = STAGE_COLUMNS.map((c) => `"${c}"`).join(', ');
const COPY_SQL = `COPY ingest_stage (${COLUMN_LIST}) FROM STDIN`;
const COPY_NEW_SQL = `COPY listings (${COLUMN_LIST}, first_seen_at, updated_at, removed_at) FROM STDIN`;
const COPY_HISTORY_SQL = 'COPY price_history (listing_id, at, all_in_cents, retail_cents) FROM STDIN';

export function listingLine(l: NormalisedListing): string {
  return copyLine([
    l.id,
    l.performanceId,
    l.showId,
    l.venueId,
    l.section,
    l.sectionId,
    l.row,
    l.seats,
    l.quantity,
    l.splits,
    l.retailCents,
    l.wholesaleCents,
    l.feesCents,
    l.allInCents,
    l.viewNotes,
    l.publicNotes,
    l.format,
    l.inHand,
    l.signature,
    l.contentHash,
  ]);
}

/**
 * COPY lines in ~1000-row chunks, each a Buffer: few stream writes, bounded memory, and
 * the string (a deep rope after += per field) is flattened once, here, not in the socket.
 */
function* chunks<T>(
  batches: readonly (readonly T[])[],
  line: (row: T) => string,
  size = 1000,
): Generator<Buffer> {
  let text = '';
  let n = 0;
  for (const rows of batches) {
    for (const row of rows) {
      text += line(row);
      if (++n === size) {
        yield Buffer.from(text);
        text = '';
        n = 0;
      }
    }
  }
  if (text) yield Buffer.from(text);
}

/** Replaces the staged batch with `batches` (COPY). Inside the caller's transaction on `client`. */
export async function copyBatch(
  client: pg.ClientBase,
  batches: readonly (readonly NormalisedListing[])[],
  first: boolean,
): Promise<void> {
  if (!first) await client.query('TRUNCATE ingest_stage');
  await pipeline(Readable.from(chunks(batches, listingLine)), client.query(copyFrom(COPY_SQL)));
}

/**
 * Listings Postgres has never stored go straight in (COPY into `listings`, and their
 * first price into `price_history`): no staging, no comparison. The caller has checked
 * that no id exists; a race would fail the COPY on the primary key, never overwrite.
 */
export async function copyNew(
  client: pg.ClientBase,
  rows: readonly NormalisedListing[],
  at: Date,
): Promise<void> {
  const ts = `\t${at.toISOString()}`;
  const tail = `${ts}${ts}\t\\N\n`;
  await pipeline(
    Readable.from(chunks([rows], (l) => listingLine(l).slice(0, -1) + tail)),
    client.query(copyFrom(COPY_NEW_SQL)),
  );
  const stamp = at.toISOString();
  await pipeline(
    Readable.from(chunks([rows], (l) => `${l.id}\t${stamp}\t${l.allInCents}\t${l.retailCents}\n`, 4000)),
    client.query(copyFrom(COPY_HISTORY_SQL)),
  );
}
