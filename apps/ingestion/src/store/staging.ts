import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { NormalisedListing } from '../normalise/normalise-listing.js';
import { copyLine } from './copy-encoding.js';

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

export const STAGE_DDL = `CREATE TEMP TABLE ingest_stage (
  id bigint NOT NULL, performance_id bigint NOT NULL, show_id text NOT NULL, venue_id text NOT NULL,
  section text NOT NULL, section_id text, "row" text NOT NULL, seats integer[] NOT NULL,
  quantity integer NOT NULL, splits integer[] NOT NULL, retail_cents integer NOT NULL,
  wholesale_cents integer NOT NULL, fees_cents integer NOT NULL, all_in_cents integer NOT NULL,
  view_notes text[] NOT NULL, public_notes text, format text, in_hand boolean NOT NULL,
  signature text, content_hash text NOT NULL
) ON COMMIT DROP`;

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

/** Lines in chunks of ~1000 rows: few stream writes, bounded memory. */
function* chunks(rows: readonly NormalisedListing[], size = 1000): Generator<string> {
  for (let i = 0; i < rows.length; i += size) {
    let text = '';
    const end = Math.min(rows.length, i + size);
    for (let j = i; j < end; j++) text += listingLine(rows[j]);
    yield text;
  }
}

/**
 * COPYs the rows into a fresh `ingest_stage` temp table (dropped at commit) and
 * ANALYZEs it, since autovacuum never analyzes temp tables and the merge joins on it.
 * Must run inside the caller's transaction on `client`.
 */
export async function stageListings(
  client: pg.ClientBase,
  rows: readonly NormalisedListing[],
): Promise<void> {
  await client.query(STAGE_DDL);
  const stream = client.query(
    copyFrom(`COPY ingest_stage (${STAGE_COLUMNS.map((c) => `"${c}"`).join(', ')}) FROM STDIN`),
  );
  await pipeline(Readable.from(chunks(rows)), stream);
  await client.query('ANALYZE ingest_stage');
}

/**
 * A COPY into `ingest_stage` kept open while the pull is still reading the broker, so
 * Postgres ingests one event's rows while the next are on the wire. Nothing else may
 * run on the client until `finish()`.
 */
export class StageWriter {
  private readonly input = new PassThrough();
  private readonly done: Promise<void>;
  private failed?: Error;

  private constructor(private readonly client: pg.ClientBase) {
    const stream = client.query(
      copyFrom(`COPY ingest_stage (${STAGE_COLUMNS.map((c) => `"${c}"`).join(', ')}) FROM STDIN`),
    );
    this.done = pipeline(this.input, stream).catch((error: Error) => {
      this.failed = error;
    });
  }

  static async open(client: pg.ClientBase): Promise<StageWriter> {
    await client.query(STAGE_DDL);
    return new StageWriter(client);
  }

  write(rows: readonly NormalisedListing[]): void {
    if (!rows.length || this.failed) return;
    let text = '';
    for (const r of rows) text += listingLine(r);
    this.input.write(text);
  }

  async finish(): Promise<void> {
    this.input.end();
    await this.done;
    if (this.failed) throw this.failed;
    await this.client.query('ANALYZE ingest_stage');
  }

  /** Ends the COPY with an error; the transaction must then be rolled back. */
  async abort(): Promise<void> {
    this.input.destroy(new Error('pull aborted'));
    await this.done;
  }
}
