import { Injectable } from '@nestjs/common';
import type { ListingItemDto, RankSort } from '@hamiltix/contracts';
import { DataSource } from 'typeorm';
import type { ListingFilters } from '../query/listings-query.js';
import { rowToItem, type ListingRow } from './listing-row.js';
import { findListingDetail, searchListings, type ScoredListingDetailRow } from '@hamiltix/persistence';

export interface FallbackPage {
  /** Each item's JSON as ranking published it (json keeps the text: same bytes as the ranked index). */
  items: string[];
  next: { score: number; id: string } | null;
  /** Earliest performance start among the items (epoch ms): the answer holds until its cut-off. */
  earliestStartMs: number | null;
}

/** GET /api/v1/listings from Postgres, when the ranked index cannot answer. */
@Injectable()
export class PostgresListings {
  constructor(private readonly db: DataSource) {}

  async page(
    filters: ListingFilters,
    startsAfter: Date,
    sort: RankSort,
    limit: number,
    after?: { score: number; id: string },
  ): Promise<FallbackPage> {
    const rows = await searchListings(this.db, { filters, startsAfter, sort, take: limit + 1, after });
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => r.item),
      next: more && last ? { score: Number(last.score), id: last.id } : null,
      earliestStartMs: page.length ? Math.min(...page.map((r) => new Date(r.starts_at).getTime())) : null,
    };
  }

  async byId(id: string): Promise<ScoredListingDetailRow | undefined> {
    return findListingDetail(this.db, id);
  }

  /** The item ranking published (stored with the scores), else one built from the row. */
  toItem(row: ListingRow): ListingItemDto {
    return row.item ?? rowToItem(row);
  }
}
