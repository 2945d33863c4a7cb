import { Injectable } from '@nestjs/common';
import { publishedScore, type RankedListingDoc } from '@hamiltix/contracts';
import type { RankedListing } from '@hamiltix/ranking';
import { DataSource, type EntityManager } from 'typeorm';
import { performanceStatsColumns, searchColumns } from './search-columns.js';

/**
 * An active listing of an upcoming performance, as ranking reads it: the very row pg returns
 * (columns aliased to these names, arrays never null), so 57,000 listings are not copied
 * into a second set of objects; a venue's names are read once (`ShowInventory.venues`).
 */
export interface StoredListing {
  id: string;
  performanceId: string;
  venueId: string;
  /** Curtain, epoch ms UTC. */
  startsAtMs: number;
  /** The listing's venue's zone. */
  timeZone: string;
  section: string;
  sectionId: string | null;
  row: string;
  seats: number[];
  quantity: number;
  splits: number[];
  /** All-in per ticket, cents. */
  allInCents: number;
  viewNotes: string[];
}

/** A venue's names, read once per ranking rather than once per listing. */
export interface StoredVenue {
  id: string;
  name: string;
  city: string;
}

export interface ShowInventory {
  listings: StoredListing[];
  venues: Map<string, StoredVenue>;
}

/** Rows per INSERT … SELECT FROM UNNEST of listing_scores: bounds the parameter text pg builds. */
const SCORE_ROWS_PER_STATEMENT = 2_000;

/** Reads what ranking needs and writes listing_scores (ranking is its only writer). */
@Injectable()
export class ShowListingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The show's listings a buyer may still buy: active, with seats, and of a performance
   * starting after `onSaleAfter` (libs/domain onSaleStartsAfter: the sales cut-off); only
   * those of `performanceIds` when given (an incremental ranking).
   */
  async activeListings(
    showId: string,
    onSaleAfter: Date,
    performanceIds?: readonly string[],
  ): Promise<ShowInventory> {
    const params = [showId, onSaleAfter, performanceIds ?? null];
    const listings: StoredListing[] = await this.dataSource.query(
      `SELECT l.id::text AS id, l.performance_id::text AS "performanceId", l.venue_id AS "venueId",
              (extract(epoch FROM p.starts_at) * 1000)::float8 AS "startsAtMs", v.time_zone AS "timeZone",
              l.section, l.section_id AS "sectionId", l.row, COALESCE(l.seats, '{}') AS seats, l.quantity,
              COALESCE(l.splits, '{}') AS splits, l.all_in_cents AS "allInCents",
              COALESCE(l.view_notes, '{}') AS "viewNotes"
         FROM listings l
         JOIN performances p ON p.id = l.performance_id
         JOIN venues v ON v.id = l.venue_id
        WHERE l.show_id = $1 AND l.removed_at IS NULL AND l.quantity > 0 AND p.starts_at > $2
          AND ($3::bigint[] IS NULL OR l.performance_id = ANY($3::bigint[]))`,
      params,
    );
    const venues: StoredVenue[] = await this.dataSource.query('SELECT id, name, city FROM venues');
    return { listings, venues: new Map(venues.map((v) => [v.id, v])) };
  }

  /** Shows that have listings or scores: what a full rebuild covers. */
  async showIds(): Promise<string[]> {
    const rows: { show_id: string }[] = await this.dataSource.query(
      `SELECT show_id FROM listings WHERE removed_at IS NULL
        UNION SELECT show_id FROM listing_scores ORDER BY 1`,
    );
    return rows.map((r) => r.show_id);
  }

  /** Every show ingestion has stored (the all-shows index covers those with a live index). */
  async knownShowIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM shows ORDER BY 1');
    return rows.map((r) => r.id);
  }

  /** Newest change to a show's listings or scores (ms), to tell whether Redis is stale. */
  async lastChangeMs(showId: string): Promise<number> {
    const rows: { at: Date | null }[] = await this.dataSource.query(
      `SELECT GREATEST(
          (SELECT max(GREATEST(updated_at, COALESCE(removed_at, updated_at))) FROM listings WHERE show_id = $1),
          (SELECT max(ranked_at) FROM listing_scores WHERE show_id = $1)) AS at`,
      [showId],
    );
    return rows[0]?.at ? new Date(rows[0].at).getTime() : 0;
  }

  /**
   * Replaces the show's scores: UNNEST arrays merged with ON CONFLICT, SCORE_ROWS_PER_STATEMENT
   * rows per statement (one statement of 57,000 rows made pg build ~300 MB of parameter text),
   * then scores of listings no longer ranked are deleted (so listing_scores holds exactly what
   * the ranked index holds). With `performanceIds` (an incremental ranking) only those
   * performances' scores and stats are replaced; the others stay as they are.
   * With the scores go the search fields of each published doc (search-columns.ts), which
   * search-api's Postgres fallback reads through indexes. Runs in the caller's transaction.
   */
  async replaceScores(
    manager: EntityManager,
    showId: string,
    ranked: readonly RankedListing[],
    rankedAt: Date,
    docs: readonly RankedListingDoc[],
    performanceIds?: readonly string[],
  ): Promise<void> {
    const docOf = new Map(docs.map((d) => [d.item.id, d]));
    for (let s = 0; s < ranked.length; s += SCORE_ROWS_PER_STATEMENT) {
      await this.upsertScores(
        manager,
        showId,
        ranked.slice(s, s + SCORE_ROWS_PER_STATEMENT),
        rankedAt,
        docOf,
      );
    }
    const ids = ranked.map((r) => r.id);
    if (performanceIds) {
      await manager.query(
        `DELETE FROM listing_scores WHERE show_id = $1 AND performance_id = ANY($3::bigint[])
            AND NOT (listing_id = ANY($2::bigint[]))`,
        [showId, ids, performanceIds],
      );
      await manager.query(
        `DELETE FROM performance_listing_stats WHERE show_id = $1 AND performance_id = ANY($2::bigint[])`,
        [showId, performanceIds],
      );
    } else {
      await manager.query(
        `DELETE FROM listing_scores WHERE show_id = $1 AND NOT (listing_id = ANY($2::bigint[]))`,
        [showId, ids],
      );
      await manager.query(`DELETE FROM performance_listing_stats WHERE show_id = $1`, [showId]);
    }
    await this.insertPerformanceStats(manager, showId, rankedAt, docs);
  }

  private async upsertScores(
    manager: EntityManager,
    showId: string,
    ranked: readonly RankedListing[],
    rankedAt: Date,
    docOf: ReadonlyMap<string, RankedListingDoc>,
  ): Promise<void> {
    const ids: string[] = [];
    const quality: number[] = [];
    const confidence: number[] = [];
    const expected: number[] = [];
    const deal: number[] = [];
    const explanation: string[] = [];
    for (const r of ranked) {
      ids.push(r.id);
      quality.push(r.seatQuality);
      confidence.push(r.qualityConfidence);
      expected.push(r.expectedCents);
      deal.push(publishedScore(r.dealScore));
      explanation.push(r.explanation);
    }
    const c = searchColumns(ids, docOf);
    await manager.query(
      `INSERT INTO listing_scores
              (listing_id, show_id, seat_quality, quality_confidence, expected_cents, deal_score, explanation, ranked_at,
               performance_id, venue_id, city_key, starts_at, local_date, weekday, matinee, all_in_cents, splits,
               has_view_notes, section_keys, rank_deal, rank_price, rank_quality, rank_date, listing_key, item)
       SELECT t.id, $2, t.q, t.c, t.e, t.d, t.x, $8::timestamptz,
              t.pid, t.vid, t.city, t.st, t.ld, t.wd, t.mat, t.aic, t.sp::int[],
              t.hvn, t.sk::text[], t.rd, t.rp, t.rq, t.rdt, t.id::text, t.it::json
         FROM UNNEST($1::bigint[], $3::real[], $4::real[], $5::integer[], $6::real[], $7::text[],
                     $9::bigint[], $10::text[], $11::text[], $12::timestamptz[], $13::date[], $14::smallint[],
                     $15::boolean[], $16::integer[], $17::text[], $18::boolean[], $19::text[],
                     $20::float8[], $21::float8[], $22::float8[], $23::float8[], $24::text[])
           AS t(id, q, c, e, d, x, pid, vid, city, st, ld, wd, mat, aic, sp, hvn, sk, rd, rp, rq, rdt, it)
       ON CONFLICT (listing_id) DO UPDATE SET
              show_id = EXCLUDED.show_id, seat_quality = EXCLUDED.seat_quality,
              quality_confidence = EXCLUDED.quality_confidence, expected_cents = EXCLUDED.expected_cents,
              deal_score = EXCLUDED.deal_score, explanation = EXCLUDED.explanation, ranked_at = EXCLUDED.ranked_at,
              performance_id = EXCLUDED.performance_id, venue_id = EXCLUDED.venue_id, city_key = EXCLUDED.city_key,
              starts_at = EXCLUDED.starts_at, local_date = EXCLUDED.local_date, weekday = EXCLUDED.weekday,
              matinee = EXCLUDED.matinee, all_in_cents = EXCLUDED.all_in_cents, splits = EXCLUDED.splits,
              has_view_notes = EXCLUDED.has_view_notes, section_keys = EXCLUDED.section_keys,
              rank_deal = EXCLUDED.rank_deal, rank_price = EXCLUDED.rank_price, rank_quality = EXCLUDED.rank_quality,
              rank_date = EXCLUDED.rank_date, listing_key = EXCLUDED.listing_key, item = EXCLUDED.item
        -- Rows whose values did not change are not rewritten (no new tuple, no index churn):
        -- one price change moves a few scores, not all of them. ranked_at stays the time of
        -- the last real change (the start-up staleness check compares it with the index).
        WHERE (listing_scores.show_id, listing_scores.seat_quality, listing_scores.quality_confidence,
               listing_scores.expected_cents, listing_scores.deal_score, listing_scores.explanation,
               listing_scores.performance_id, listing_scores.venue_id, listing_scores.city_key,
               listing_scores.starts_at, listing_scores.local_date, listing_scores.weekday, listing_scores.matinee,
               listing_scores.all_in_cents, listing_scores.splits, listing_scores.has_view_notes,
               listing_scores.section_keys, listing_scores.rank_deal, listing_scores.rank_price,
               listing_scores.rank_quality, listing_scores.rank_date, listing_scores.item::text)
          IS DISTINCT FROM
              (EXCLUDED.show_id, EXCLUDED.seat_quality, EXCLUDED.quality_confidence, EXCLUDED.expected_cents,
               EXCLUDED.deal_score, EXCLUDED.explanation, EXCLUDED.performance_id, EXCLUDED.venue_id,
               EXCLUDED.city_key, EXCLUDED.starts_at, EXCLUDED.local_date, EXCLUDED.weekday, EXCLUDED.matinee,
               EXCLUDED.all_in_cents, EXCLUDED.splits, EXCLUDED.has_view_notes, EXCLUDED.section_keys,
               EXCLUDED.rank_deal, EXCLUDED.rank_price, EXCLUDED.rank_quality, EXCLUDED.rank_date,
               EXCLUDED.item::text)`,
      [
        ids,
        showId,
        quality,
        confidence,
        expected,
        deal,
        explanation,
        rankedAt,
        c.performanceId,
        c.venueId,
        c.cityKey,
        c.startsAt,
        c.localDate,
        c.weekday,
        c.matinee,
        c.allInCents,
        c.splits,
        c.hasViewNotes,
        c.sectionKeys,
        c.rankDeal,
        c.rankPrice,
        c.rankQuality,
        c.rankDate,
        c.item,
      ],
    );
  }

  /** The per-performance summary of `docs` (a few hundred rows at most). */
  private async insertPerformanceStats(
    manager: EntityManager,
    showId: string,
    rankedAt: Date,
    docs: readonly RankedListingDoc[],
  ): Promise<void> {
    const p = performanceStatsColumns(docs);
    await manager.query(
      `INSERT INTO performance_listing_stats
              (performance_id, show_id, starts_at, local_date, listing_count, lowest_all_in_cents, best_deal_score, ranked_at)
       SELECT t.id, $2, t.st, t.ld, t.n, t.lo, t.best, $8::timestamptz
         FROM UNNEST($1::bigint[], $3::timestamptz[], $4::date[], $5::integer[], $6::integer[], $7::float8[])
           AS t(id, st, ld, n, lo, best)
       ON CONFLICT (performance_id) DO UPDATE SET show_id = EXCLUDED.show_id, starts_at = EXCLUDED.starts_at,
              local_date = EXCLUDED.local_date, listing_count = EXCLUDED.listing_count,
              lowest_all_in_cents = EXCLUDED.lowest_all_in_cents, best_deal_score = EXCLUDED.best_deal_score,
              ranked_at = EXCLUDED.ranked_at`,
      [
        p.performanceId,
        showId,
        p.startsAt,
        p.localDate,
        p.listingCount,
        p.lowestAllInCents,
        p.bestDealScore,
        rankedAt,
      ],
    );
  }
}
