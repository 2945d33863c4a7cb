import { Injectable } from '@nestjs/common';
import type { RankSort } from '@hamiltix/contracts';
import { listVenues } from '@hamiltix/venues';
import { DataSource } from 'typeorm';
import type { ListingFilters } from '../query/listings-query.js';
import { rowToItem, type ListingRow } from './listing-row.js';
import { listingByIdSql, listingsPageSql } from './listings-sql.js';

export interface FallbackPage {
  rows: ListingRow[];
  next: { score: number; id: string } | null;
}

/** GET /api/v1/listings from Postgres, when the ranked index cannot answer. */
@Injectable()
export class PostgresListings {
  private levelCache = new Map<string, string[]>();

  constructor(private readonly db: DataSource) {}

  async page(
    filters: ListingFilters,
    sort: RankSort,
    limit: number,
    after?: { score: number; id: string },
  ): Promise<FallbackPage> {
    const sql = listingsPageSql({
      filters,
      sort,
      take: limit + 1,
      after,
      levelSections: filters.section ? this.sectionsAtLevel(filters.section) : [],
    });
    const rows = (await this.db.query(sql.text, sql.values)) as ListingRow[];
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { rows: page, next: more && last ? { score: Number(last.score), id: last.id } : null };
  }

  async byId(id: string): Promise<ListingRow | undefined> {
    const sql = listingByIdSql(id);
    const rows = (await this.db.query(sql.text, sql.values)) as ListingRow[];
    return rows[0];
  }

  toItem = rowToItem;

  /** "venueId:sectionId" of every section and group at a seat-map level, from libs/venues. */
  sectionsAtLevel(level: string): string[] {
    let ids = this.levelCache.get(level);
    if (!ids) {
      ids = [];
      for (const v of listVenues()) {
        for (const s of v.sections) if (s.level === level) ids.push(`${v.id}:${s.id}`);
        for (const g of v.groups) if (g.level === level) ids.push(`${v.id}:${g.id}`);
      }
      this.levelCache.set(level, ids);
    }
    return ids;
  }
}
