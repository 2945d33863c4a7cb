import { createHmac } from 'node:crypto';
import type { VenueData } from '@hamiltix/venues';
import { toSimVenues } from '../catalogue/sim-venues.js';
import type { Listing, SimEvent, SimVenue, Slot } from './inventory.types.js';
import { decodeListingId, slotListing } from './listing-state.js';
import { PackedSlots } from './packed-slots.js';
import { viewTypeOf } from './view-type.js';
import { BUCKET_MS, type SandboxClock } from './sandbox-clock.js';
import { buildSchedule } from './schedule.js';
import { generateSlots, remainingSplits } from './slot-generator.js';
import { NoJournalStore, SandboxJournal } from '../store/sandbox-journal.js';

export interface InventoryOptions {
  seed: number;
  /** Multiplies the resale seats per performance (benchmarks). */
  scale: number;
}

export interface NewListing {
  eventId: number;
  section: string;
  row: string;
  lowSeat: number | null;
  highSeat: number | null;
  quantity: number;
  splits: number[];
  retailCents: number;
  notes: string | null;
}

interface EventView {
  bucket: number;
  listings: Listing[];
  byId: Map<number, Listing>;
}

/**
 * Listings whose per-step views (and, through the serializer's WeakMaps, their serialised
 * rows and answers) stay in memory: the most recently read events up to this many listings.
 * Holding every event's view of the step kept ~150 MB alive at the default inventory
 * (1.5 GB at SANDBOX_SCALE=10); a view dropped is rebuilt identically (it is derived from
 * seed, step and overlay) on its next read.
 */
export const VIEW_BUDGET_LISTINGS = 12_000;

/** Ids of listings added through /sandbox/listings: far below generated ids (≥ 1e12). */
const FIRST_MANUAL_ID = 900_000_001;

/**
 * The simulated market: the catalogue (venues, performances) fixed when the clock
 * started, and each performance's listings derived from (seed, clock) on demand — lazily
 * per event, cached for the current 2-minute step — plus what happened through the API
 * (orders holding seats, listings added or sold elsewhere), kept as an overlay in memory.
 */
export class Inventory {
  readonly venues: SimVenue[];
  readonly events: SimEvent[];
  private readonly eventsById = new Map<number, SimEvent>();
  private readonly slots = new Map<number, PackedSlots>();
  /** Least recently read first (see VIEW_BUDGET_LISTINGS). */
  private readonly views = new Map<number, EventView>();
  private viewListings = 0;
  private readonly signingKey: string;

  // Overlay: everything the API changed. Cleared by reset().
  private readonly taken = new Map<number, number>();
  private readonly removed = new Set<number>();
  private readonly manual = new Map<number, Listing[]>();
  private readonly touched = new Map<number, number>();
  private nextManualId = FIRST_MANUAL_ID;

  constructor(
    venues: readonly VenueData[],
    readonly options: InventoryOptions,
    readonly clock: SandboxClock,
    private readonly journal: SandboxJournal = new SandboxJournal(new NoJournalStore()),
  ) {
    this.venues = toSimVenues(venues);
    this.events = buildSchedule(this.venues, clock.startedAt, options.seed);
    for (const e of this.events) this.eventsById.set(e.id, e);
    this.signingKey = `hamiltix-sandbox-ticket-group|${options.seed}`;
    // After a restart, the journal's changes are applied again, in order.
    journal.on('take', (e) => this.take(e.listingId, e.eventId, e.quantity));
    journal.on('release', (e) => this.release(e.listingId, e.eventId, e.quantity));
    journal.on('remove', (e) => {
      this.removed.add(e.listingId);
      this.touch(e.eventId);
    });
    journal.on('add', (e) => this.restore(e.listing));
    journal.on('clock', (e) => this.clock.advance(e.advanceMs));
    journal.on('reset', () => this.reset());
  }

  /** Moves the simulated clock forward (recorded, so a restart keeps the advance). */
  advanceClock(ms: number): void {
    this.clock.advance(ms);
    this.journal.record({ kind: 'clock', advanceMs: ms });
  }

  event(id: number): SimEvent | undefined {
    return this.eventsById.get(id);
  }

  /** Every listing of the event on sale now (empty after the curtain). */
  listings(eventId: number): Listing[] {
    return this.view(eventId)?.listings ?? [];
  }

  listing(id: number): Listing | undefined {
    const eventId = id >= FIRST_MANUAL_ID && id < 1e12 ? this.manualEventOf(id) : decodeListingId(id).eventId;
    return eventId === undefined ? undefined : this.view(eventId)?.byId.get(id);
  }

  /** Tickets on sale for the event now. */
  availableCount(eventId: number): number {
    return this.listings(eventId).reduce((n, l) => n + l.availableQuantity, 0);
  }

  /** Last time the event's inventory may have changed: the current step, or an API change. */
  eventUpdatedAt(event: SimEvent): Date {
    const stepStart = Math.min(this.clock.bucket() * BUCKET_MS, event.occursAt.getTime());
    return new Date(Math.max(stepStart, this.touched.get(event.id) ?? 0));
  }

  /** Token pinning price and quantity: any reprice or sale makes an older one stale. */
  signature(listing: Listing): string {
    return createHmac('sha256', this.signingKey)
      .update(`${listing.id}|${listing.retailCents}|${listing.availableQuantity}|${listing.version}`)
      .digest('base64url');
  }

  /** Holds `quantity` seats for an order (they leave the market). */
  take(listingId: number, eventId: number, quantity: number): void {
    this.taken.set(listingId, (this.taken.get(listingId) ?? 0) + quantity);
    this.touch(eventId);
    this.journal.record({ kind: 'take', listingId, eventId, quantity });
  }

  /** Gives seats back (a rejected order). */
  release(listingId: number, eventId: number, quantity: number): void {
    const left = (this.taken.get(listingId) ?? 0) - quantity;
    if (left > 0) this.taken.set(listingId, left);
    else this.taken.delete(listingId);
    this.touch(eventId);
    this.journal.record({ kind: 'release', listingId, eventId, quantity });
  }

  /** The listing sold elsewhere: gone. False when it was not on sale. */
  remove(listingId: number): boolean {
    const listing = this.listing(listingId);
    if (!listing) return false;
    this.removed.add(listingId);
    this.touch(listing.eventId);
    this.journal.record({ kind: 'remove', listingId, eventId: listing.eventId });
    return true;
  }

  add(input: NewListing): Listing {
    const now = this.clock.now();
    const listing: Listing = {
      id: this.nextManualId++,
      eventId: input.eventId,
      section: input.section,
      row: input.row,
      lowSeat: input.lowSeat,
      highSeat: input.highSeat,
      availableQuantity: input.quantity,
      splits: input.splits,
      retailCents: input.retailCents,
      // Wholesale is what the selling site pays the broker: a fixed 88% of retail here.
      wholesaleCents: Math.round(input.retailCents * 0.88),
      format: 'Eticket',
      inHand: true,
      inHandOn: null,
      instantDelivery: false,
      publicNotes: input.notes,
      viewType: viewTypeOf(input.notes),
      wheelchair: false,
      version: 0,
      moneyAsString: false,
      updatedAt: now,
      manual: true,
    };
    this.restore(listing);
    this.journal.record({ kind: 'add', listing: { ...listing, updatedAt: listing.updatedAt.toISOString() } });
    return this.listing(listing.id) ?? listing;
  }

  /** An added listing back in the overlay (added now, or replayed from the journal). */
  private restore(stored: Listing | Record<string, unknown>): void {
    const listing = { ...stored, updatedAt: new Date(String(stored.updatedAt)) } as Listing;
    const list = this.manual.get(listing.eventId) ?? [];
    list.push(listing);
    this.manual.set(listing.eventId, list);
    this.nextManualId = Math.max(this.nextManualId, listing.id + 1);
    this.touch(listing.eventId);
  }

  /** Seeded inventory back: the overlay goes, the clock returns to real time. */
  reset(): void {
    this.taken.clear();
    this.removed.clear();
    this.manual.clear();
    this.touched.clear();
    this.views.clear();
    this.viewListings = 0;
    this.nextManualId = FIRST_MANUAL_ID;
    this.clock.reset();
    this.journal.record({ kind: 'reset' });
  }

  /** Slots of one event (generated once and kept packed; unpacked per read). */
  slotsOf(event: SimEvent): Slot[] {
    return this.packedSlots(event).unpack();
  }

  /** Generates and packs the event's slots now if not yet (the start-up warm-up). */
  prepare(event: SimEvent): void {
    this.packedSlots(event);
  }

  private packedSlots(event: SimEvent): PackedSlots {
    let slots = this.slots.get(event.id);
    if (!slots) {
      slots = new PackedSlots(generateSlots(event, this.options.seed, this.options.scale));
      this.slots.set(event.id, slots);
    }
    return slots;
  }

  private touch(eventId: number): void {
    // `updated_at` goes out in whole seconds: every change moves it by at least one, even
    // with the clock frozen (SANDBOX_CLOCK_SPEED=0) or two changes in the same second, so a
    // client comparing `updated_at` never misses a change.
    const event = this.eventsById.get(eventId);
    const previous = event ? this.eventUpdatedAt(event).getTime() : (this.touched.get(eventId) ?? 0);
    this.touched.set(eventId, Math.max(this.clock.nowMs(), previous + 1000));
    this.dropView(eventId);
  }

  private manualEventOf(id: number): number | undefined {
    for (const [eventId, list] of this.manual) if (list.some((l) => l.id === id)) return eventId;
    return undefined;
  }

  private view(eventId: number): EventView | undefined {
    const event = this.eventsById.get(eventId);
    if (!event) return undefined;
    const bucket = this.clock.bucket();
    const cached = this.views.get(eventId);
    if (cached && cached.bucket === bucket) {
      // Most recently read last.
      this.views.delete(eventId);
      this.views.set(eventId, cached);
      return cached;
    }
    this.dropView(eventId);

    const listings: Listing[] = [];
    const open = (bucket + 1) * BUCKET_MS <= event.occursAt.getTime();
    if (open) {
      for (const slot of this.slotsOf(event)) {
        const l = slotListing(event, slot, bucket, this.options.seed);
        if (l) this.pushWithOverlay(listings, l);
      }
      for (const l of this.manual.get(eventId) ?? []) this.pushWithOverlay(listings, l);
    }
    const view = { bucket, listings, byId: new Map(listings.map((l) => [l.id, l])) };
    this.views.set(eventId, view);
    this.viewListings += listings.length;
    for (const [oldest, held] of this.views) {
      if (this.viewListings <= VIEW_BUDGET_LISTINGS || held === view) break;
      this.dropView(oldest);
    }
    return view;
  }

  private dropView(eventId: number): void {
    const view = this.views.get(eventId);
    if (!view) return;
    this.views.delete(eventId);
    this.viewListings -= view.listings.length;
  }

  private pushWithOverlay(out: Listing[], listing: Listing): void {
    if (this.removed.has(listing.id)) return;
    const taken = this.taken.get(listing.id) ?? 0;
    if (taken === 0) {
      out.push(listing);
      return;
    }
    const left = listing.availableQuantity - taken;
    if (left <= 0) return;
    out.push({ ...listing, availableQuantity: left, splits: remainingSplits(listing.splits, left) });
  }
}
