import type { Cents } from '@hamiltix/domain';
import type pg from 'pg';
import { copyChunks, copyIn } from '../sql/copy.js';
import { copyLine } from '../sql/copy-encoding.js';

/**
 * A listing as a pull writes it (ingestion's normalised listing): integer cents per ticket,
 * ids as decimal strings (bigint). The columns of `listings` a pull fills.
 */
export interface ListingWrite {
  id: string;
  performanceId: string;
  showId: string;
  venueId: string;
  section: string;
  sectionId: string | null;
  row: string;
  seats: number[];
  quantity: number;
  splits: number[];
  retailCents: Cents;
  wholesaleCents: Cents;
  feesCents: Cents;
  allInCents: Cents;
  viewNotes: string[];
  publicNotes: string | null;
  format: string | null;
  inHand: boolean;
  signature: string | null;
  /** Fingerprint of the fields above (ingestion's normalise/fingerprint.ts). */
  contentHash: string;
}

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

const STAGE = { table: 'ingest_stage', columns: STAGE_COLUMNS };
const NEW_LISTINGS = {
  table: 'listings',
  columns: [...STAGE_COLUMNS, 'first_seen_at', 'updated_at', 'removed_at'],
};
const PRICE_HISTORY = {
  table: 'price_history',
  columns: ['listing_id', 'at', 'all_in_cents', 'retail_cents'],
};

export function listingLine(l: ListingWrite): string {
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

/** Replaces the staged batch with `batches` (COPY). Inside the caller's transaction on `client`. */
export async function copyBatch(
  client: pg.ClientBase,
  batches: readonly (readonly ListingWrite[])[],
  first: boolean,
): Promise<void> {
  if (!first) await client.query('TRUNCATE ingest_stage');
  await copyIn(client, STAGE, copyChunks(batches, listingLine));
}

/**
 * Listings Postgres has never stored go straight in (COPY into `listings`, and their
 * first price into `price_history`): no staging, no comparison. The caller has checked
 * that no id exists; a race would fail the COPY on the primary key, never overwrite.
 */
export async function copyNew(client: pg.ClientBase, rows: readonly ListingWrite[], at: Date): Promise<void> {
  const ts = `\t${at.toISOString()}`;
  const tail = `${ts}${ts}\t\\N\n`;
  await copyIn(
    client,
    NEW_LISTINGS,
    copyChunks([rows], (l) => listingLine(l).slice(0, -1) + tail),
  );
  const stamp = at.toISOString();
  await copyIn(
    client,
    PRICE_HISTORY,
    copyChunks([rows], (l) => `${l.id}\t${stamp}\t${l.allInCents}\t${l.retailCents}\n`, 4000),
  );
}
