import { Injectable } from '@nestjs/common';
import {
  activateSavedSearch,
  activeSavedSearchesForShow,
  claimSavedSearchSend,
  countSavedSearchesByStatus,
  deletePendingSavedSearchesBefore,
  deleteSavedSearch,
  findSavedSearch,
  insertSavedSearchWithinLimit,
  recordSavedSearchNotified,
  releaseSavedSearchSend,
  showExists,
  type ActiveSearchRow,
  type SavedSearchEntity,
  type SavedSearchStatus,
} from '@hamiltix/persistence';
import { DataSource } from 'typeorm';

export type { ActiveSearchRow } from '@hamiltix/persistence';

/**
 * The notifier's tables (`saved_searches`, `saved_search_notifications`; it is their only
 * writer), through @hamiltix/persistence (queries/saved-searches.ts).
 */
@Injectable()
export class SavedSearchRepository {
  constructor(private readonly db: DataSource) {}

  /** Inserts a pending search unless its address already has `maxPerAddress` searches (false then). */
  insertWithinLimit(search: SavedSearchEntity, maxPerAddress: number): Promise<boolean> {
    return insertSavedSearchWithinLimit(this.db, search, maxPerAddress);
  }

  /** Whether ingestion knows the show (the `shows` table, read only). */
  showExists(showId: string): Promise<boolean> {
    return showExists(this.db, showId);
  }

  find(id: string): Promise<SavedSearchEntity | null> {
    return findSavedSearch(this.db, id);
  }

  /** Deletes the search (its address and its notification history with it). */
  delete(id: string): Promise<boolean> {
    return deleteSavedSearch(this.db, id);
  }

  /** pending → active, unless the address already has `maxActive` active searches. */
  activate(id: string, email: string, now: Date, maxActive: number): Promise<'active' | 'limit'> {
    return activateSavedSearch(this.db, { id, email }, now, maxActive);
  }

  /** Pending searches created before `cutoff` (never confirmed) are deleted with their address. */
  deletePendingBefore(cutoff: Date): Promise<number> {
    return deletePendingSavedSearchesBefore(this.db, cutoff);
  }

  countByStatus(): Promise<Record<SavedSearchStatus, number>> {
    return countSavedSearchesByStatus(this.db);
  }

  /** Active searches of one show that may mail now (none sent since `sentBefore`), with their history. */
  activeForShow(showId: string, sentBefore: Date): Promise<ActiveSearchRow[]> {
    return activeSavedSearchesForShow(this.db, showId, sentBefore);
  }

  /** Claims the right to mail a search now (false when another replica sent since `sentBefore`). */
  claimSend(id: string, now: Date, sentBefore: Date): Promise<boolean> {
    return claimSavedSearchSend(this.db, id, now, sentBefore);
  }

  /** A claimed send that failed: the search may mail again at the next ranking. */
  releaseSend(id: string, previous: Date | null): Promise<void> {
    return releaseSavedSearchSend(this.db, id, previous);
  }

  /** Remembers the prices just mailed, so the same listing is mailed again only after a further drop. */
  recordNotified(
    id: string,
    listings: { listingId: string; allInCents: number }[],
    now: Date,
  ): Promise<void> {
    return recordSavedSearchNotified(this.db, id, listings, now);
  }
}
