import type { Queryable } from '../sql/queryable.js';
import { execute, queryOne, queryRows } from '../sql/queryable.js';

/** Shows, venues and performances (written by ingestion): a handful of rows per pull, still set-based. */

export interface ShowWrite {
  id: string;
  title: string;
  brokerPerformerId: number;
}

export interface VenueWrite {
  id: string;
  brokerVenueId: number;
  name: string;
  city: string;
  timeZone: string;
}

export interface PerformanceWrite {
  id: string;
  showId: string;
  venueId: string;
  startsAt: Date;
  name: string;
  state: string;
}

/** What the last pulls saw of a performance: the broker's `updated_at` and when we read it. */
export interface PerformancePullState {
  brokerUpdatedAt: Date | null;
  lastPulledAt: Date | null;
}

/** Inserts or updates a show; a row that would not change is not touched. */
export async function upsertShow(db: Queryable, show: ShowWrite): Promise<void> {
  await execute(
    db,
    `INSERT INTO shows (id, title, broker_performer_id) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, broker_performer_id = EXCLUDED.broker_performer_id
     WHERE (shows.title, shows.broker_performer_id) IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.broker_performer_id)`,
    [show.id, show.title, show.brokerPerformerId],
  );
}

/** The broker's performer id of a stored show, if the show is stored. */
export async function findShowPerformer(db: Queryable, showId: string): Promise<number | undefined> {
  const row = await queryOne<{ broker_performer_id: number }>(
    db,
    'SELECT broker_performer_id FROM shows WHERE id = $1',
    [showId],
  );
  return row?.broker_performer_id;
}

/** Inserts or updates venues; rows that would not change are not touched. */
export async function upsertVenues(db: Queryable, venues: readonly VenueWrite[]): Promise<void> {
  if (!venues.length) return;
  await execute(
    db,
    `INSERT INTO venues (id, broker_venue_id, name, city, time_zone)
     SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[])
     ON CONFLICT (id) DO UPDATE SET broker_venue_id = EXCLUDED.broker_venue_id, name = EXCLUDED.name,
       city = EXCLUDED.city, time_zone = EXCLUDED.time_zone
     WHERE (venues.broker_venue_id, venues.name, venues.city, venues.time_zone)
       IS DISTINCT FROM (EXCLUDED.broker_venue_id, EXCLUDED.name, EXCLUDED.city, EXCLUDED.time_zone)`,
    [
      venues.map((v) => v.id),
      venues.map((v) => v.brokerVenueId),
      venues.map((v) => v.name),
      venues.map((v) => v.city),
      venues.map((v) => v.timeZone),
    ],
  );
}

/** Inserts or updates performances (`updated_at` = `at` for those that changed). */
export async function upsertPerformances(
  db: Queryable,
  perfs: readonly PerformanceWrite[],
  at: Date,
): Promise<void> {
  if (!perfs.length) return;
  await execute(
    db,
    `INSERT INTO performances (id, show_id, venue_id, starts_at, name, state, updated_at)
     SELECT id, show_id, venue_id, starts_at, name, state, $7
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[])
       AS t(id, show_id, venue_id, starts_at, name, state)
     ON CONFLICT (id) DO UPDATE SET show_id = EXCLUDED.show_id, venue_id = EXCLUDED.venue_id,
       starts_at = EXCLUDED.starts_at, name = EXCLUDED.name, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at
     WHERE (performances.show_id, performances.venue_id, performances.starts_at, performances.name, performances.state)
       IS DISTINCT FROM (EXCLUDED.show_id, EXCLUDED.venue_id, EXCLUDED.starts_at, EXCLUDED.name, EXCLUDED.state)`,
    [
      perfs.map((p) => p.id),
      perfs.map((p) => p.showId),
      perfs.map((p) => p.venueId),
      perfs.map((p) => p.startsAt.toISOString()),
      perfs.map((p) => p.name),
      perfs.map((p) => p.state),
      at,
    ],
  );
}

/** Per performance of the show (by id): what the last pulls saw of it. */
export async function performancePullStates(
  db: Queryable,
  showId: string,
): Promise<Map<string, PerformancePullState>> {
  const rows = await queryRows<{ id: string; broker_updated_at: Date | null; last_pulled_at: Date | null }>(
    db,
    'SELECT id::text AS id, broker_updated_at, last_pulled_at FROM performances WHERE show_id = $1',
    [showId],
  );
  return new Map(
    rows.map((r) => [r.id, { brokerUpdatedAt: r.broker_updated_at, lastPulledAt: r.last_pulled_at }]),
  );
}

/**
 * Records performances whose listings were read: `last_pulled_at` = each one's `readAt`
 * (when its listings were asked for), and the broker's `updated_at` as given (null: read it
 * again next time whatever the broker says).
 */
export async function markPerformancesPulled(
  db: Queryable,
  read: readonly { id: string; brokerUpdatedAt: Date | null; readAt: Date }[],
): Promise<void> {
  if (!read.length) return;
  await execute(
    db,
    `UPDATE performances p SET last_pulled_at = t.read_at, broker_updated_at = t.updated_at
     FROM unnest($1::bigint[], $2::timestamptz[], $3::timestamptz[]) AS t(id, updated_at, read_at)
     WHERE p.id = t.id`,
    [
      read.map((r) => r.id),
      read.map((r) => r.brokerUpdatedAt?.toISOString() ?? null),
      read.map((r) => r.readAt.toISOString()),
    ],
  );
}

/** Forgets the broker's `updated_at` of a performance, so the next pull reads it again. */
export async function forgetBrokerUpdatedAt(db: Queryable, performanceId: string): Promise<void> {
  await execute(db, 'UPDATE performances SET broker_updated_at = NULL WHERE id = $1', [performanceId]);
}

/** Every show id. */
export async function showIds(db: Queryable): Promise<string[]> {
  return (await queryRows<{ id: string }>(db, 'SELECT id FROM shows')).map((r) => r.id);
}

/** A show on sale at a venue: its latest performance starting after the cut-off. */
export interface ShowOnSaleRow {
  id: string;
  title: string;
  venue_id: string;
  venue_name: string;
  city: string;
  time_zone: string;
  last_start: Date;
}

/** Each (show, venue) with a performance starting after `startsAfter`, by title, city and venue. */
export function showsOnSale(db: Queryable, startsAfter: Date): Promise<ShowOnSaleRow[]> {
  return queryRows<ShowOnSaleRow>(
    db,
    `SELECT s.id, s.title, v.id AS venue_id, v.name AS venue_name, v.city, v.time_zone, max(p.starts_at) AS last_start
     FROM shows s JOIN performances p ON p.show_id = s.id JOIN venues v ON v.id = p.venue_id
     WHERE p.starts_at > $1::timestamptz
     GROUP BY s.id, s.title, v.id, v.name, v.city, v.time_zone
     ORDER BY s.title, v.city, v.id`,
    [startsAfter],
  );
}

/** A performance with its venue. */
export interface PerformanceVenueRow {
  id: string;
  show_id: string;
  starts_at: Date;
  venue_id: string;
  venue_name: string;
  city: string;
  time_zone: string;
}

/**
 * Performances starting after `startsAfter` (at most 5000, by start then id), of one show
 * and between two local dates (YYYY-MM-DD, in the venue's zone, inclusive) when given.
 */
export function upcomingPerformances(
  db: Queryable,
  q: { show?: string; from?: string; to?: string },
  startsAfter: Date,
): Promise<PerformanceVenueRow[]> {
  const values: unknown[] = [startsAfter];
  const parts: string[] = [];
  // Local dates of the venue's zone, as the listings' local_date (a handful of rows: no index needed).
  const local = '(p.starts_at AT TIME ZONE v.time_zone)::date';
  if (q.show) parts.push(`p.show_id = $${values.push(q.show)}`);
  if (q.from) parts.push(`${local} >= $${values.push(q.from)}::date`);
  if (q.to) parts.push(`${local} <= $${values.push(q.to)}::date`);
  const where = parts.map((p) => `AND ${p}`).join(' ');
  return queryRows<PerformanceVenueRow>(
    db,
    `SELECT p.id::text AS id, p.show_id, p.starts_at, v.id AS venue_id, v.name AS venue_name, v.city, v.time_zone
     FROM performances p JOIN venues v ON v.id = p.venue_id
     WHERE p.starts_at > $1::timestamptz ${where}
     ORDER BY p.starts_at ASC, p.id ASC LIMIT 5000`,
    values,
  );
}
