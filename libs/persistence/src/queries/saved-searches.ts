import type { DataSource } from 'typeorm';
import {
  SavedSearchEntity,
  type SavedSearchFilters,
  type SavedSearchStatus,
} from '../entities/saved-search.entity.js';
import { lockForTransaction } from '../sql/advisory-lock.js';
import { execute, queryOne, queryRows, type Queryable } from '../sql/queryable.js';

/** The notifier's tables (`saved_searches`, `saved_search_notifications`); it is their only writer. */

/** An active search as matching needs it, with what was already mailed for it. */
export interface ActiveSearchRow {
  id: string;
  email: string;
  showId: string;
  filters: SavedSearchFilters;
  targetMaxCents: number | null;
  targetMinQuality: number | null;
  lastSentAt: Date | null;
  /** Listing id → the all-in price last mailed for it. */
  notified: Map<string, number>;
}

const addressLock = (email: string) => `saved_searches:${email}`;

/**
 * Inserts a pending search unless its address already has `maxPerAddress` searches; the
 * count and the insert run under a per-address transaction lock, so two sign-ups at once
 * cannot both squeeze under the limit. Returns false when the limit is reached.
 */
export function insertSavedSearchWithinLimit(
  dataSource: DataSource,
  search: SavedSearchEntity,
  maxPerAddress: number,
): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    await lockForTransaction(manager, addressLock(search.email));
    const { n } = (await queryOne<{ n: number }>(
      manager,
      'SELECT count(*)::int AS n FROM saved_searches WHERE email = $1',
      [search.email],
    ))!;
    if (n >= maxPerAddress) return false;
    await manager.insert(SavedSearchEntity, search);
    return true;
  });
}

/** Whether ingestion knows the show (the `shows` table). */
export async function showExists(db: Queryable, showId: string): Promise<boolean> {
  return (await queryOne(db, 'SELECT 1 FROM shows WHERE id = $1', [showId])) !== undefined;
}

export function findSavedSearch(dataSource: DataSource, id: string): Promise<SavedSearchEntity | null> {
  return dataSource.getRepository(SavedSearchEntity).findOneBy({ id });
}

/** Deletes the search (its address and its notification history with it). */
export async function deleteSavedSearch(dataSource: DataSource, id: string): Promise<boolean> {
  const result = await dataSource.getRepository(SavedSearchEntity).delete({ id });
  return (result.affected ?? 0) > 0;
}

/** pending → active, unless the address already has `maxActive` other active searches. */
export function activateSavedSearch(
  dataSource: DataSource,
  search: { id: string; email: string },
  now: Date,
  maxActive: number,
): Promise<'active' | 'limit'> {
  return dataSource.transaction(async (manager) => {
    await lockForTransaction(manager, addressLock(search.email));
    const { n } = (await queryOne<{ n: number }>(
      manager,
      `SELECT count(*)::int AS n FROM saved_searches WHERE email = $1 AND status = 'active' AND id <> $2`,
      [search.email, search.id],
    ))!;
    if (n >= maxActive) return 'limit';
    await execute(
      manager,
      `UPDATE saved_searches SET status = 'active', confirmed_at = coalesce(confirmed_at, $2) WHERE id = $1`,
      [search.id, now],
    );
    return 'active';
  });
}

/** Deletes pending searches created before `cutoff` (never confirmed), address and all. */
export function deletePendingSavedSearchesBefore(db: Queryable, cutoff: Date): Promise<number> {
  return execute(db, `DELETE FROM saved_searches WHERE status = 'pending' AND created_at < $1`, [cutoff]);
}

export async function countSavedSearchesByStatus(db: Queryable): Promise<Record<SavedSearchStatus, number>> {
  const rows = await queryRows<{ status: SavedSearchStatus; n: number }>(
    db,
    'SELECT status, count(*)::int AS n FROM saved_searches GROUP BY status',
  );
  const counts: Record<SavedSearchStatus, number> = { pending: 0, active: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** Active searches of one show that may mail now (none sent since `sentBefore`), with their history. */
export async function activeSavedSearchesForShow(
  db: Queryable,
  showId: string,
  sentBefore: Date,
): Promise<ActiveSearchRow[]> {
  const rows = await queryRows<{
    id: string;
    email: string;
    show_id: string;
    filters: SavedSearchFilters;
    target_max_cents: number | null;
    target_min_quality: number | null;
    last_sent_at: Date | null;
  }>(
    db,
    `SELECT id, email, show_id, filters, target_max_cents, target_min_quality, last_sent_at
       FROM saved_searches
      WHERE show_id = $1 AND status = 'active' AND (last_sent_at IS NULL OR last_sent_at <= $2)`,
    [showId, sentBefore],
  );
  const byId = new Map<string, ActiveSearchRow>();
  for (const r of rows) {
    byId.set(r.id, {
      id: r.id,
      email: r.email,
      showId: r.show_id,
      filters: r.filters,
      targetMaxCents: r.target_max_cents,
      targetMinQuality: r.target_min_quality,
      lastSentAt: r.last_sent_at,
      notified: new Map(),
    });
  }
  if (byId.size) {
    const notified = await queryRows<{ search_id: string; listing_id: string; all_in_cents: number }>(
      db,
      `SELECT n.search_id, n.listing_id::text AS listing_id, n.all_in_cents
         FROM saved_search_notifications n
         JOIN saved_searches s ON s.id = n.search_id
        WHERE s.show_id = $1 AND s.status = 'active' AND (s.last_sent_at IS NULL OR s.last_sent_at <= $2)`,
      [showId, sentBefore],
    );
    for (const n of notified) byId.get(n.search_id)?.notified.set(n.listing_id, n.all_in_cents);
  }
  return [...byId.values()];
}

/**
 * Claims the right to mail a search now: sets last_sent_at only if nothing was sent since
 * `sentBefore`. Two replicas handling two rankings of one show cannot both mail it.
 */
export async function claimSavedSearchSend(
  db: Queryable,
  id: string,
  now: Date,
  sentBefore: Date,
): Promise<boolean> {
  const updated = await execute(
    db,
    `UPDATE saved_searches SET last_sent_at = $2
      WHERE id = $1 AND status = 'active' AND (last_sent_at IS NULL OR last_sent_at <= $3)`,
    [id, now, sentBefore],
  );
  return updated > 0;
}

/** Puts back `last_sent_at` (a claimed send that failed: the search may mail again). */
export async function releaseSavedSearchSend(
  db: Queryable,
  id: string,
  previous: Date | null,
): Promise<void> {
  await execute(db, 'UPDATE saved_searches SET last_sent_at = $2 WHERE id = $1', [id, previous]);
}

/** Remembers the prices just mailed, so the same listing is mailed again only after a further drop. */
export async function recordSavedSearchNotified(
  db: Queryable,
  id: string,
  listings: readonly { listingId: string; allInCents: number }[],
  now: Date,
): Promise<void> {
  if (!listings.length) return;
  await execute(
    db,
    `INSERT INTO saved_search_notifications (search_id, listing_id, all_in_cents, notified_at)
     SELECT $1, unnest($2::bigint[]), unnest($3::int[]), $4
     ON CONFLICT (search_id, listing_id) DO UPDATE SET all_in_cents = excluded.all_in_cents, notified_at = excluded.notified_at`,
    [id, listings.map((l) => l.listingId), listings.map((l) => l.allInCents), now],
  );
}
