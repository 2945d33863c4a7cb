import { Injectable } from '@nestjs/common';
import type { ListingItemDto } from '@hamiltix/contracts';
import { publishedItems, scoredListingsOfShow } from '@hamiltix/persistence';
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
    const rows = await scoredListingsOfShow(this.db, showId, startsAfter);
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
  items(listingIds: readonly string[]): Promise<Map<string, ListingItemDto>> {
    return publishedItems(this.db, listingIds);
  }
}
