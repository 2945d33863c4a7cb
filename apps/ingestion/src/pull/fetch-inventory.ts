import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { BrokerClient, type BrokerEvent, type BrokerListing, type SkippedRow } from '@hamiltix/broker-client';
import { APP_CONFIG, CLOCK, type AppConfig } from '@hamiltix/platform';
import { isOver, type Clock } from '@hamiltix/domain';
import { listVenues, resolveSeats, type VenueData } from '@hamiltix/venues';
import { BROKER_CLIENT } from '../broker/broker-client.provider.js';
import {
  normaliseListing,
  unstorableReason,
  type NormalisedListing,
} from '../normalise/normalise-listing.js';
import { normaliseEvent, type NormalisedPerformance } from '../normalise/normalise-event.js';
import { performerNameForShow } from '../normalise/show-name.js';
import { matchVenue } from '../normalise/venue-match.js';
import type { EventFailure } from './pull.types.js';

export interface ShowCatalogue {
  showId: string;
  performerId: number;
  performerName: string;
  venues: { venue: VenueData; brokerVenueId: number }[];
  performances: NormalisedPerformance[];
  /** Events to read listings for, with their performance. */
  events: { event: BrokerEvent; perf: NormalisedPerformance }[];
  /** Malformed event rows. */
  skippedRows: number;
  /** Events at venues libs/venues does not know. */
  skippedEvents: number;
}

export interface ShowListings {
  /** Valid, de-duplicated listings handed to the sink. */
  fetched: number;
  /** Performances the broker answered for, whose skipped rows all had ids: safe to replace. */
  replacedPerformanceIds: string[];
  /** Performances the broker answered for at all. */
  answeredPerformanceIds: string[];
  /**
   * Every performance read, with the event's updated_at when read cleanly (null otherwise),
   * the updated_at the event had when read, clean or not (`seenUpdatedAt`), and when its
   * listings request was sent (`readAt`: no later than the answer the broker gave).
   */
  read: { id: string; brokerUpdatedAt: Date | null; seenUpdatedAt: Date | null; readAt: Date }[];
  /** Events not re-read because the broker says they did not change since our last clean read. */
  unchanged: number;
  /** Garbled or duplicate rows whose id is known: kept as stored. */
  keepIds: string[];
  skippedRows: number;
  failures: EventFailure[];
}

/** Takes one event's rows; a promise returned is awaited before that reader goes on (backpressure). */
export type ListingSink = (rows: NormalisedListing[]) => void | Promise<void>;

/**
 * Reads one show from the broker and normalises it: events in the window, then the
 * listings of each event with bounded concurrency. A failed event is reported, never
 * thrown, so the other events still count.
 */
@Injectable()
export class FetchInventory implements OnModuleDestroy {
  private readonly logger = new Logger(FetchInventory.name);

  constructor(
    @Inject(BROKER_CLIENT) private readonly broker: BrokerClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleDestroy(): void {
    this.broker.close();
  }

  /** The show's events in the window, mapped to our venues and performances. */
  async fetchCatalogue(
    showId: string,
    knownPerformerId: number | undefined,
    now: Date,
  ): Promise<ShowCatalogue> {
    const performerName = performerNameForShow(showId);
    const performerId = knownPerformerId ?? (await this.findPerformer(performerName));
    const until = new Date(now.getTime() + this.config.ingestion.windowDays * 86_400_000);
    const { events, skipped: skippedEventRows } = await this.broker.listEvents({
      performerId,
      occursAtGte: now,
      occursAtLt: until,
    });

    const candidates = listVenues();
    const venues = new Map<string, { venue: VenueData; brokerVenueId: number }>();
    const mapped: { event: BrokerEvent; perf: NormalisedPerformance }[] = [];
    const unknownVenues = new Set<string>();
    const eventIds = new Set<number>();
    for (const event of events) {
      // An event repeated across the broker's pages is one performance: upserting it twice
      // in one statement would fail the show's whole pull (ON CONFLICT cannot touch a row twice).
      if (eventIds.has(event.id)) continue;
      eventIds.add(event.id);
      // The window asks for events not yet started; a broker that answers one anyway is not
      // believed: a performance that is over is never pulled again (libs/domain sales-window).
      if (isOver(event.occursAt, now)) continue;
      const match = matchVenue(event.venue, candidates);
      const venue = match && candidates.find((v) => v.id === match.id);
      if (!venue) {
        unknownVenues.add(event.venue.name);
        continue;
      }
      venues.set(venue.id, { venue, brokerVenueId: event.venue.id });
      const perf = normaliseEvent(event, showId, venue);
      if (perf.zoneMismatch) {
        this.logger.warn({
          message: 'broker local time disagrees with the venue zone',
          eventId: event.id,
          brokerLocal: event.occursAtLocal,
          expected: perf.startsAtLocal,
        });
      }
      mapped.push({ event, perf });
    }
    if (unknownVenues.size)
      this.logger.warn({
        message: 'events at venues libs/venues does not know were skipped',
        venues: [...unknownVenues],
      });

    return {
      showId,
      performerId,
      performerName,
      venues: [...venues.values()],
      performances: mapped.map((m) => m.perf),
      events: mapped,
      skippedRows: skippedEventRows.length,
      skippedEvents: eventIds.size - mapped.length,
    };
  }

  /**
   * Listings of every event, `concurrency` requests at a time. Each event's normalised
   * rows go to `sink` as soon as they arrive (the store stages them while the next
   * answers are still on the wire). A failed event is reported, never thrown; a sink that
   * throws (the merge failed) stops the read and rejects. Events in
   * `unchanged` are not read at all: their stored listings stay as they are.
   */
  async fetchListings(
    cat: ShowCatalogue,
    sink: ListingSink,
    unchanged: ReadonlySet<string> = new Set(),
  ): Promise<ShowListings> {
    const out: ShowListings = {
      fetched: 0,
      replacedPerformanceIds: [],
      answeredPerformanceIds: [],
      read: [],
      unchanged: 0,
      keepIds: [],
      skippedRows: 0,
      failures: [],
    };
    const seen = new Set<string>();
    let unstorableRows = 0;
    const toRead = cat.events.filter(({ perf }) => !unchanged.has(perf.id));
    out.unchanged = cat.events.length - toRead.length;
    await forEachLimit(toRead, this.config.ingestion.concurrency, async ({ event, perf }) => {
      let page: { listings: BrokerListing[]; skipped: SkippedRow[] };
      // Each event's own instant, not the pull's: a pull of 800 events takes seconds, and
      // an event read after its updated_at's second has ended need not be read again
      // (unchanged-event.ts), even if the pull began within that second.
      const readAt = this.clock.now();
      try {
        page = await this.broker.listListings(event.id);
      } catch (error) {
        out.failures.push({ eventId: event.id, error: (error as Error).message });
        return;
      }
      const ctx = {
        showId: cat.showId,
        performanceId: perf.id,
        venueId: perf.venueId,
        fees: this.config.fees,
      };
      let unidentified = 0;
      for (const s of page.skipped) {
        if (s.id === undefined) unidentified++;
        else out.keepIds.push(String(s.id));
      }
      const rows: NormalisedListing[] = [];
      let unstorableHere = 0;
      for (const l of page.listings) {
        const key = String(l.id);
        if (seen.has(key)) {
          // The same listing under two events: keep the first, leave the stored one be.
          out.keepIds.push(key);
          out.skippedRows++;
          continue;
        }
        seen.add(key);
        const row = normaliseListing(l, ctx, resolveSeats);
        // Offered in no quantity a buyer may take (no split fits what is left): not on sale,
        // so search never offers what checkout and the broker would refuse. Left out, it goes.
        if (row.splits.length === 0) continue;
        const unstorable = unstorableReason(row);
        if (unstorable) {
          // Counted and kept as stored, as a garbled row with a readable id is.
          out.keepIds.push(key);
          out.skippedRows++;
          unstorableHere++;
          if (++unstorableRows === 1)
            this.logger.warn({ message: 'listing cannot be stored', listingId: key, reason: unstorable });
          continue;
        }
        rows.push(row);
      }
      out.fetched += rows.length;
      out.skippedRows += page.skipped.length;
      out.answeredPerformanceIds.push(perf.id);
      // Not a clean read when a row was skipped: the next pull reads the event again.
      const clean = page.skipped.length === 0 && unstorableHere === 0;
      out.read.push({
        id: perf.id,
        brokerUpdatedAt: clean ? event.updatedAt : null,
        seenUpdatedAt: event.updatedAt ?? null,
        readAt,
      });
      // A garbled row without a readable id could be any listing: remove nothing there.
      if (unidentified === 0) out.replacedPerformanceIds.push(perf.id);
      await sink(rows);
    });
    return out;
  }

  private async findPerformer(name: string): Promise<number> {
    const performers = await this.broker.listPerformers({ name });
    const match = performers.find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (!match) throw new Error(`the broker has no performer named "${name}"`);
    return match.id;
  }
}

/**
 * Runs `fn` over `items`, at most `limit` at a time. The first failure rejects, and no item
 * starts after it (those in flight finish): a pull whose merge failed reads no more events.
 */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    try {
      while (next < items.length && !failed) await fn(items[next++]);
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}
