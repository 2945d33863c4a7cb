import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { BrokerClient, type BrokerEvent, type BrokerListing, type SkippedRow } from '@hamiltix/broker-client';
import { APP_CONFIG, type AppConfig } from '@hamiltix/platform';
import { listVenues, resolveSeats, type VenueData } from '@hamiltix/venues';
import { BROKER_CLIENT } from '../broker/broker-client.provider.js';
import { normaliseListing, type NormalisedListing } from '../normalise/normalise-listing.js';
import { normaliseEvent, type NormalisedPerformance } from '../normalise/normalise-event.js';
import { performerNameForShow } from '../normalise/show-name.js';
import { matchVenue } from '../normalise/venue-match.js';
import type { EventFailure } from './pull.types.js';

export interface ShowInventory {
  showId: string;
  performerId: number;
  performerName: string;
  venues: { venue: VenueData; brokerVenueId: number }[];
  performances: NormalisedPerformance[];
  listings: NormalisedListing[];
  /** Performances the broker answered for, whose skipped rows all had ids: safe to replace. */
  replacedPerformanceIds: string[];
  /** Performances the broker answered for at all. */
  answeredPerformanceIds: string[];
  keepIds: string[];
  skippedRows: number;
  skippedEvents: number;
  failures: EventFailure[];
}

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
  ) {}

  onModuleDestroy(): void {
    this.broker.close();
  }

  async fetchShow(showId: string, knownPerformerId: number | undefined, now: Date): Promise<ShowInventory> {
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
    for (const event of events) {
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

    const inv: ShowInventory = {
      showId,
      performerId,
      performerName,
      venues: [...venues.values()],
      performances: mapped.map((m) => m.perf),
      listings: [],
      replacedPerformanceIds: [],
      answeredPerformanceIds: [],
      keepIds: [],
      skippedRows: skippedEventRows.length,
      skippedEvents: events.length - mapped.length,
      failures: [],
    };
    const seen = new Set<string>();
    await forEachLimit(mapped, this.config.ingestion.concurrency, async ({ event, perf }) => {
      let page: { listings: BrokerListing[]; skipped: SkippedRow[] };
      try {
        page = await this.broker.listListings(event.id);
      } catch (error) {
        inv.failures.push({ eventId: event.id, error: (error as Error).message });
        return;
      }
      const ctx = { showId, performanceId: perf.id, venueId: perf.venueId, fees: this.config.fees };
      let unidentified = 0;
      for (const s of page.skipped) {
        if (s.id === undefined) unidentified++;
        else inv.keepIds.push(String(s.id));
      }
      for (const l of page.listings) {
        const n = normaliseListing(l, ctx, resolveSeats);
        if (seen.has(n.id)) {
          inv.keepIds.push(n.id);
          inv.skippedRows++;
          continue;
        }
        seen.add(n.id);
        inv.listings.push(n);
      }
      inv.skippedRows += page.skipped.length;
      inv.answeredPerformanceIds.push(perf.id);
      // A garbled row without a readable id could be any listing: remove nothing there.
      if (unidentified === 0) inv.replacedPerformanceIds.push(perf.id);
    });
    return inv;
  }

  private async findPerformer(name: string): Promise<number> {
    const performers = await this.broker.listPerformers({ name });
    const match = performers.find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (!match) throw new Error(`the broker has no performer named "${name}"`);
    return match.id;
  }
}

/** Runs `fn` over `items`, at most `limit` at a time. */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}
