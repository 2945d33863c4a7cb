import { Injectable } from '@nestjs/common';
import { SavedSearchEntity, type SavedSearchFilters, type SavedSearchStatus } from '@hamiltix/persistence';
import { DataSource } from 'typeorm';

/** An active search as matching needs it, with what was already mailed for it. */
export interface ActiveSearchRow {
  id: string;
  email: string;
  showId: string;
  filters: SavedSearchFilters;
  targetMaxCents: number | null;
  targetMinQuality: number | null;
  lastSentAt: Date | null;
  notified: Map<string, number>;
}

/** The notifier's tables (`saved_searches`, `saved_search_notifications`); it is their only writer. */
@Injectable()
export class SavedSearchRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Inserts a pending search unless its address already has `maxPerAddress` searches; the
   * count and the insert run under a per-address transaction lock, so two sign-ups at once
   * cannot both squeeze under the limit. Returns false when the limit is reached.
   */
  async insertWithinLimit(search: SavedSearchEntity, maxPerAddress: number): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('saved_searches:' || $1))`, [search.email]);
      const [{ n }] = (await manager.query(`SELECT count(*)::int AS n FROM saved_searches WHERE email = $1`, [
        search.email,
      ])) as [{ n: number }];
      if (n >= maxPerAddress) return false;
      await manager.insert(SavedSearchEntity, search);
      return true;
    });
  }

  /** Whether ingestion knows the show (the `shows` table, read only). */
  async showExists(showId: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM shows WHERE id = $1`, [showId])) as unknown[];
    return rows.length > 0;
  }

  find(id: string): Promise<SavedSearchEntity | null> {
    return this.db.getRepository(SavedSearchEntity).findOneBy({ id });
  }

  /** Deletes the search (its address and its notification history with it). */
  async delete(id: string): Promise<boolean> {
    const result = await this.db.getRepository(SavedSearchEntity).delete({ id });
    return (result.affected ?? 0) > 0;
  }

  /** pending → active, unless the address already has `maxActive` active searches. */
  async activate(id: string, email: string, now: Date, maxActive: number): Promise<'active' | 'limit'> {
    return this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('saved_searches:' || $1))`, [email]);
      const [{ n }] = (await manager.query(
        `SELECT count(*)::int AS n FROM saved_searches WHERE email = $1 AND status = 'active' AND id <> $2`,
        [email, id],
      )) as [{ n: number }];
      if (n >= maxActive) return 'limit';
      await manager.query(
        `UPDATE saved_searches SET status = 'active', confirmed_at = coalesce(confirmed_at, $2) WHERE id = $1`,
        [id, now],
      );
      return 'active';
    });
  }

  /** Pending searches created before `cutoff` (never confirmed) are deleted with their address. */
  async deletePendingBefore(cutoff: Date): Promise<number> {
    const rows = (await this.db.query(
      `DELETE FROM saved_searches WHERE status = 'pending' AND created_at < $1 RETURNING id`,
      [cutoff],
    )) as [unknown[], number] | unknown[];
    return Array.isArray(rows[0]) ? (rows as [unknown[], number])[1] : rows.length;
  }

  async countByStatus(): Promise<Record<SavedSearchStatus, number>> {
    const rows = (await this.db.query(
      `SELECT status, count(*)::int AS n FROM saved_searches GROUP BY status`,
    )) as { status: SavedSearchStatus; n: number }[];
    const counts: Record<SavedSearchStatus, number> = { pending: 0, active: 0 };
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  /** Active searches of one show that may mail now (none sent since `sentBefore`), with their history. */
  async activeForShow(showId: string, sentBefore: Date): Promise<ActiveSearchRow[]> {
    const rows = (await this.db.query(
      `SELECT id, email, show_id, filters, target_max_cents, target_min_quality, last_sent_at
         FROM saved_searches
        WHERE show_id = $1 AND status = 'active' AND (last_sent_at IS NULL OR last_sent_at <= $2)`,
      [showId, sentBefore],
    )) as {
      id: string;
      email: string;
      show_id: string;
      filters: SavedSearchFilters;
      target_max_cents: number | null;
      target_min_quality: number | null;
      last_sent_at: Date | null;
    }[];
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
      const notified = (await this.db.query(
        `SELECT n.search_id, n.listing_id::text AS listing_id, n.all_in_cents
           FROM saved_search_notifications n
           JOIN saved_searches s ON s.id = n.search_id
          WHERE s.show_id = $1 AND s.status = 'active' AND (s.last_sent_at IS NULL OR s.last_sent_at <= $2)`,
        [showId, sentBefore],
      )) as { search_id: string; listing_id: string; all_in_cents: number }[];
      for (const n of notified) byId.get(n.search_id)?.notified.set(n.listing_id, n.all_in_cents);
    }
    return [...byId.values()];
  }

  /**
   * Claims the right to mail a search now: sets last_sent_at only if nothing was sent since
   * `sentBefore`. Two replicas handling two rankings of one show cannot both mail it.
   */
  async claimSend(id: string, now: Date, sentBefore: Date): Promise<boolean> {
    const rows = (await this.db.query(
      `UPDATE saved_searches SET last_sent_at = $2
        WHERE id = $1 AND status = 'active' AND (last_sent_at IS NULL OR last_sent_at <= $3)
        RETURNING id`,
      [id, now, sentBefore],
    )) as [unknown[], number];
    return rows[1] > 0;
  }

  /** A claimed send that failed: the search may mail again at the next ranking. */
  async releaseSend(id: string, previous: Date | null): Promise<void> {
    await this.db.query(`UPDATE saved_searches SET last_sent_at = $2 WHERE id = $1`, [id, previous]);
  }

  /** Remembers the prices just mailed, so the same listing is mailed again only after a further drop. */
  async recordNotified(
    id: string,
    listings: { listingId: string; allInCents: number }[],
    now: Date,
  ): Promise<void> {
    if (!listings.length) return;
    await this.db.query(
      `INSERT INTO saved_search_notifications (search_id, listing_id, all_in_cents, notified_at)
       SELECT $1, unnest($2::bigint[]), unnest($3::int[]), $4
       ON CONFLICT (search_id, listing_id) DO UPDATE SET all_in_cents = excluded.all_in_cents, notified_at = excluded.notified_at`,
      [id, listings.map((l) => l.listingId), listings.map((l) => l.allInCents), now],
    );
  }
}
