import type { ListingColumns } from '../queries/listing-search.js';
import { execute, queryOne, queryRows, type Queryable } from '../sql/queryable.js';

/**
 * What ingestion, ranking, search-api and notifier tests write directly (listings as a pull
 * would leave them, checkout's holds) and read back to check what a service stored. Rows keep
 * the columns' own (snake_case) names. Test code only.
 */

/** A listing as ingestion stores one (defaults: quantity = seats, one split of all of them, no fees). */
export interface TestListing {
  id: string;
  performanceId: string;
  showId: string;
  venueId: string;
  section: string;
  sectionId: string | null;
  row: string;
  seats: readonly number[];
  allInCents: number;
  quantity?: number;
  splits?: readonly number[];
  retailCents?: number;
  wholesaleCents?: number;
  feesCents?: number;
  viewNotes?: readonly string[];
  /** first_seen_at and updated_at (default: now()). */
  seenAt?: Date;
}

/** Inserts listings (their performances must exist). */
export async function insertTestListings(db: Queryable, listings: readonly TestListing[]): Promise<void> {
  for (const l of listings) {
    await execute(
      db,
      `INSERT INTO listings (id, performance_id, show_id, venue_id, section, section_id, row, seats, quantity, splits,
                             retail_cents, wholesale_cents, fees_cents, all_in_cents, view_notes, content_hash,
                             first_seen_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'h',
               COALESCE($16, now()), COALESCE($16, now()))`,
      [
        l.id,
        l.performanceId,
        l.showId,
        l.venueId,
        l.section,
        l.sectionId,
        l.row,
        l.seats,
        l.quantity ?? l.seats.length,
        l.splits ?? [l.quantity ?? l.seats.length],
        l.retailCents ?? l.allInCents,
        l.wholesaleCents ?? l.allInCents,
        l.feesCents ?? 0,
        l.allInCents,
        l.viewNotes ?? [],
        l.seenAt ?? null,
      ],
    );
  }
}

/** What a test changes on stored listings (as a pull or a sale would). */
export interface TestListingPatch {
  sectionId?: string | null;
  row?: string;
  seats?: readonly number[];
  quantity?: number;
  splits?: readonly number[];
  allInCents?: number;
  retailCents?: number;
  wholesaleCents?: number;
  /** null: on sale again. */
  removedAt?: Date | null;
  /** first_seen_at and updated_at. */
  seenAt?: Date;
  updatedAt?: Date;
}

const PATCH_COLUMNS: Record<keyof TestListingPatch, string[]> = {
  sectionId: ['section_id'],
  row: ['"row"'],
  seats: ['seats'],
  quantity: ['quantity'],
  splits: ['splits'],
  allInCents: ['all_in_cents'],
  retailCents: ['retail_cents'],
  wholesaleCents: ['wholesale_cents'],
  updatedAt: ['updated_at'],
  removedAt: ['removed_at'],
  seenAt: ['first_seen_at', 'updated_at'],
};

/** Changes listings (`ids` undefined: every listing). */
export async function updateTestListings(
  db: Queryable,
  ids: readonly string[] | undefined,
  patch: TestListingPatch,
): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [ids ?? null];
  for (const [key, value] of Object.entries(patch) as [keyof TestListingPatch, unknown][]) {
    if (value === undefined) continue;
    values.push(value);
    for (const column of PATCH_COLUMNS[key]) sets.push(`${column} = $${values.length}`);
  }
  if (!sets.length) return;
  await execute(
    db,
    `UPDATE listings SET ${sets.join(', ')} WHERE $1::bigint[] IS NULL OR id = ANY($1::bigint[])`,
    values,
  );
}

/** A stored listing, with how many prices its history holds and the newest of them. */
export interface StoredListingRow extends Omit<ListingColumns, 'venue_id' | 'fees_cents'> {
  /** removed_at IS NULL */
  active: boolean;
  /** price_history rows of the listing. */
  history: number;
  /** The newest price_history all-in (null: none). */
  last_price: number | null;
}

/** Stored listings by id, of a performance, and/or only those on sale; by id. */
export function listingRows(
  db: Queryable,
  filter: { ids?: readonly string[]; performanceId?: string; activeOnly?: boolean } = {},
): Promise<StoredListingRow[]> {
  return queryRows<StoredListingRow>(
    db,
    `SELECT l.id::text, l.performance_id::text, l.show_id, l.section, l.section_id, l."row", l.seats, l.quantity,
            l.splits, l.retail_cents, l.all_in_cents, l.view_notes, l.public_notes, l.removed_at, l.first_seen_at,
            l.updated_at, l.removed_at IS NULL AS active,
            (SELECT count(*)::int FROM price_history h WHERE h.listing_id = l.id) AS history,
            (SELECT h.all_in_cents FROM price_history h WHERE h.listing_id = l.id ORDER BY h.id DESC LIMIT 1) AS last_price
       FROM listings l
      WHERE ($1::bigint[] IS NULL OR l.id = ANY($1::bigint[]))
        AND ($2::bigint IS NULL OR l.performance_id = $2::bigint)
        AND (NOT $3::boolean OR l.removed_at IS NULL)
      ORDER BY l.id`,
    [filter.ids ?? null, filter.performanceId ?? null, filter.activeOnly ?? false],
  );
}

/** A listing's all-in prices in price_history, oldest first. */
export async function priceHistory(db: Queryable, listingId: string): Promise<number[]> {
  const rows = await queryRows<{ all_in_cents: number }>(
    db,
    'SELECT all_in_cents FROM price_history WHERE listing_id = $1 ORDER BY id',
    [listingId],
  );
  return rows.map((r) => r.all_in_cents);
}

/** A stored performance, soonest first. */
export interface StoredPerformanceRow {
  id: string;
  show_id: string;
  starts_at: Date;
  last_pulled_at: Date | null;
}

export function performanceRows(db: Queryable): Promise<StoredPerformanceRow[]> {
  return queryRows<StoredPerformanceRow>(
    db,
    'SELECT id::text, show_id, starts_at, last_pulled_at FROM performances ORDER BY starts_at, id',
  );
}

/** Tables tests count rows of. */
export type CountedTable =
  | 'performances'
  | 'price_history'
  | 'listings'
  | 'listing_scores'
  | 'saved_searches'
  | 'saved_search_notifications'
  | 'outbox';

/** How many rows a table holds. */
export async function tableRowCount(db: Queryable, table: CountedTable): Promise<number> {
  const row = await queryOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM ${table}`);
  return row!.n;
}

/** Every outbox message (oldest first). */
export function outboxMessages<P = Record<string, unknown>>(
  db: Queryable,
): Promise<{ subject: string; payload: P }[]> {
  return queryRows(db, 'SELECT subject, payload FROM outbox ORDER BY id');
}

/** Checkout's open hold on a listing, as its hold statement leaves one (4 available). */
export async function setTestHold(db: Queryable, listingId: string, reserved: number): Promise<void> {
  await execute(
    db,
    `INSERT INTO listing_reservations (listing_id, available_quantity, reserved_quantity) VALUES ($1, 4, $2)
     ON CONFLICT (listing_id) DO UPDATE SET reserved_quantity = $2`,
    [listingId, reserved],
  );
}

/** A listing_scores row as ranking wrote it (the columns tests look at). */
export interface ListingScoreRow {
  listing_id: string;
  show_id: string;
  performance_id: string;
  seat_quality: number;
  deal_score: number;
  explanation: string;
  all_in_cents: number;
  listing_key: string;
}

/** Scored listings of a show, or of some listings, in the fallback's deal order (rank_deal, listing_key). */
export function listingScoreRows(
  db: Queryable,
  filter: { showId?: string; listingIds?: readonly string[] } = {},
): Promise<ListingScoreRow[]> {
  return queryRows<ListingScoreRow>(
    db,
    `SELECT listing_id::text, show_id, performance_id::text, seat_quality, deal_score, explanation, all_in_cents,
            listing_key
       FROM listing_scores
      WHERE ($1::text IS NULL OR show_id = $1) AND ($2::bigint[] IS NULL OR listing_id = ANY($2::bigint[]))
      ORDER BY rank_deal, listing_key`,
    [filter.showId ?? null, filter.listingIds ?? null],
  );
}

/** The search fields ranking stored for one listing (search-api's fallback reads them). */
export function listingScoreSearchFields(
  db: Queryable,
  listingId: string,
): Promise<Record<string, unknown> | undefined> {
  return queryOne(
    db,
    `SELECT item::text AS item, local_date::text AS local_date, weekday, matinee, all_in_cents, splits,
            has_view_notes, section_keys, city_key, rank_price, rank_date
       FROM listing_scores WHERE listing_id = $1`,
    [listingId],
  );
}

/** performance_listing_stats of a show, by performance. */
export function performanceStatsRows(
  db: Queryable,
  showId: string,
): Promise<{ performance_id: string; listing_count: number; lowest_all_in_cents: number }[]> {
  return queryRows(
    db,
    `SELECT performance_id::text, listing_count, lowest_all_in_cents FROM performance_listing_stats
      WHERE show_id = $1 ORDER BY performance_id`,
    [showId],
  );
}

/** Saved searches of an address. */
export function savedSearchesOf(db: Queryable, email: string): Promise<{ id: string; status: string }[]> {
  return queryRows(db, 'SELECT id::text, status FROM saved_searches WHERE email = $1 ORDER BY id', [email]);
}

/** Renames a table (to make a query fail inside a service, not by a dependency going away). */
export async function renameTable(db: Queryable, from: string, to: string): Promise<void> {
  for (const name of [from, to])
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a table name: ${name}`);
  await execute(db, `ALTER TABLE ${from} RENAME TO ${to}`);
}
