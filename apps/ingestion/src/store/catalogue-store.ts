import { Injectable } from '@nestjs/common';
import {
  findShowPerformer,
  markPerformancesPulled,
  performancePullStates,
  upsertPerformances,
  upsertShow,
  upsertVenues,
  type PerformancePullState,
  type Queryable,
  type ShowWrite,
  type VenueWrite,
} from '@hamiltix/persistence';
import type { NormalisedPerformance } from '../normalise/normalise-event.js';

export type VenueRow = VenueWrite;

/** Shows, venues and performances (queries in @hamiltix/persistence, catalogue). */
@Injectable()
export class CatalogueStore {
  upsertShow(m: Queryable, show: ShowWrite): Promise<void> {
    return upsertShow(m, show);
  }

  findShowPerformer(m: Queryable, showId: string): Promise<number | undefined> {
    return findShowPerformer(m, showId);
  }

  upsertVenues(m: Queryable, venues: readonly VenueRow[]): Promise<void> {
    return upsertVenues(m, venues);
  }

  upsertPerformances(m: Queryable, perfs: readonly NormalisedPerformance[], at: Date): Promise<void> {
    return upsertPerformances(m, perfs, at);
  }

  /** What the last pulls saw of each performance: the broker's updated_at and when we read it. */
  pullState(m: Queryable, showId: string): Promise<Map<string, PerformancePullState>> {
    return performancePullStates(m, showId);
  }

  /**
   * Records the performances whose listings were read: `last_pulled_at` (when each one's
   * request was sent) for all of them, and the broker's `updated_at` only for those read
   * cleanly (no garbled rows), so an event with rows we could not take is read again next
   * time even if unchanged.
   */
  markPulled(
    m: Queryable,
    read: readonly { id: string; brokerUpdatedAt: Date | null; readAt: Date }[],
  ): Promise<void> {
    return markPerformancesPulled(m, read);
  }
}
