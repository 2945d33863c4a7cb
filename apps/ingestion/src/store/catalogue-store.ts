import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NormalisedPerformance } from '../normalise/normalise-event.js';

export interface VenueRow {
  id: string;
  brokerVenueId: number;
  name: string;
  city: string;
  timeZone: string;
}

/** Shows, venues and performances: a handful of rows per pull, still written set-based. */
@Injectable()
export class CatalogueStore {
  async upsertShow(
    m: EntityManager,
    show: { id: string; title: string; brokerPerformerId: number },
  ): Promise<void> {
    await m.query(
      `INSERT INTO shows (id, title, broker_performer_id) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, broker_performer_id = EXCLUDED.broker_performer_id
       WHERE (shows.title, shows.broker_performer_id) IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.broker_performer_id)`,
      [show.id, show.title, show.brokerPerformerId],
    );
  }

  async findShowPerformer(m: EntityManager, showId: string): Promise<number | undefined> {
    const rows = (await m.query('SELECT broker_performer_id FROM shows WHERE id = $1', [showId])) as {
      broker_performer_id: number;
    }[];
    return rows[0]?.broker_performer_id;
  }

  async upsertVenues(m: EntityManager, venues: readonly VenueRow[]): Promise<void> {
    if (!venues.length) return;
    await m.query(
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

  async upsertPerformances(
    m: EntityManager,
    perfs: readonly NormalisedPerformance[],
    at: Date,
  ): Promise<void> {
    if (!perfs.length) return;
    await m.query(
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

  /** What the last pulls saw of each performance: the broker's updated_at and when we read it. */
  async pullState(
    m: EntityManager,
    showId: string,
  ): Promise<Map<string, { brokerUpdatedAt: Date | null; lastPulledAt: Date | null }>> {
    const rows = (await m.query(
      'SELECT id::text AS id, broker_updated_at, last_pulled_at FROM performances WHERE show_id = $1',
      [showId],
    )) as { id: string; broker_updated_at: Date | null; last_pulled_at: Date | null }[];
    return new Map(
      rows.map((r) => [r.id, { brokerUpdatedAt: r.broker_updated_at, lastPulledAt: r.last_pulled_at }]),
    );
  }

  /**
   * Records the performances whose listings were read: `last_pulled_at` for all of them,
   * and the broker's `updated_at` only for those read cleanly (no garbled rows), so an
   * event with rows we could not take is read again next time even if unchanged.
   */
  async markPulled(
    m: EntityManager,
    read: readonly { id: string; brokerUpdatedAt: Date | null }[],
    at: Date,
  ): Promise<void> {
    if (!read.length) return;
    await m.query(
      `UPDATE performances p SET last_pulled_at = $1, broker_updated_at = t.updated_at
       FROM unnest($2::bigint[], $3::timestamptz[]) AS t(id, updated_at) WHERE p.id = t.id`,
      [at, read.map((r) => r.id), read.map((r) => r.brokerUpdatedAt?.toISOString() ?? null)],
    );
  }
}
