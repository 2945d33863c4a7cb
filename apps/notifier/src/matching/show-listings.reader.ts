import { Injectable } from '@nestjs/common';
import type { ListingItemDto } from '@hamiltix/contracts';
import { DataSource } from 'typeorm';
import { buildListingColumns, type ListingColumns } from './listing-columns.js';

/**
 * One show's ranked listings, read from the search fields ranking stores with the scores
 * (`listing_scores`, docs/architecture.md "Data"; the same rows search-api's fallback answers
 * from). Only the columns matching needs; the published item JSON is read afterwards for the
 * few listings a mail names.
 */
@Injectable()
export class ShowListingsReader {
  constructor(private readonly db: DataSource) {}

  async columns(showId: string, startsAfter: Date): Promise<ListingColumns> {
    const rows = (await this.db.query(
      `SELECT listing_id::text AS id, all_in_cents, seat_quality, local_date::text AS local_date, weekday,
              matinee, has_view_notes, splits, section_keys, city_key,
              (extract(epoch FROM starts_at) * 1000)::float8 AS starts_ms
         FROM listing_scores
        WHERE show_id = $1 AND all_in_cents IS NOT NULL AND starts_at > $2`,
      [showId, startsAfter],
    )) as {
      id: string;
      all_in_cents: number;
      seat_quality: number;
      local_date: string;
      weekday: number;
      matinee: boolean;
      has_view_notes: boolean;
      splits: number[] | null;
      section_keys: string[] | null;
      city_key: string | null;
      starts_ms: number;
    }[];
    return buildListingColumns(
      rows.map((r) => ({
        listingId: r.id,
        allInCents: r.all_in_cents,
        seatQuality: r.seat_quality,
        localDate: r.local_date,
        weekday: r.weekday,
        matinee: r.matinee,
        hasViewNotes: r.has_view_notes,
        splits: r.splits ?? [],
        sectionKeys: r.section_keys ?? [],
        cityKey: r.city_key ?? '',
        startsAtMs: r.starts_ms,
      })),
    );
  }

  /** The published items (ListingItemDto) of these listings, by id. */
  async items(listingIds: readonly string[]): Promise<Map<string, ListingItemDto>> {
    if (!listingIds.length) return new Map();
    const rows = (await this.db.query(
      `SELECT listing_id::text AS id, item FROM listing_scores WHERE listing_id = ANY($1::bigint[]) AND item IS NOT NULL`,
      [listingIds],
    )) as { id: string; item: ListingItemDto }[];
    return new Map(rows.map((r) => [r.id, r.item]));
  }
}
