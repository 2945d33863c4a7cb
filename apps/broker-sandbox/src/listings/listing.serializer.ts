import { Injectable } from '@nestjs/common';
import { FaultsService } from '../faults/faults.service.js';
import { utc } from '../http/query.js';
import { hash32, unit } from '../inventory/hash.js';
import { Inventory } from '../inventory/inventory.js';
import type { Listing } from '../inventory/inventory.types.js';

/** Cents to the broker's decimal dollars: a number, or a "412.50" string for some rows. */
function money(cents: number, asString: boolean): number | string {
  return asString ? (cents / 100).toFixed(2) : cents / 100;
}

/** The broken fields the malformedRate fault puts into rows, as a sloppy upstream would. */
const BREAKAGES: ((row: Record<string, unknown>) => void)[] = [
  (row) => delete row.retail_price,
  (row) => (row.retail_price = 'abc'),
  (row) => (row.available_quantity = -2),
  (row) => (row.splits = '2,4'),
  (row) => (row.section = null),
];

/** A listing as the broker sends it (a "ticket group"). */
@Injectable()
export class ListingSerializer {
  /** Rows are immutable within a clock step (the inventory caches its Listing objects per step). */
  private readonly rows = new WeakMap<Listing, Readonly<Record<string, unknown>>>();
  /**
   * The whole `GET /v9/listings?event_id=` answer, serialised once per event view (the
   * inventory rebuilds an event's list on every clock step and API change, so the array is
   * the key). A pull of 100k+ listings otherwise re-serialises ~60 MB of JSON each time,
   * CPU the benchmark's ingestion side shares on the same machine.
   */
  private readonly answers = new WeakMap<readonly Listing[], Buffer>();

  constructor(
    private readonly inventory: Inventory,
    private readonly faults: FaultsService,
  ) {}

  /** `withFaults`: apply malformedRate (the broker API); off for /sandbox answers. */
  serialize(listing: Listing, withFaults = true): Record<string, unknown> {
    let clean = this.rows.get(listing);
    if (!clean) {
      clean = this.build(listing);
      this.rows.set(listing, clean);
    }
    const rate = withFaults ? this.faults.current.malformedRate : 0;
    if (rate > 0) {
      // Deterministic per listing and step, so a retry sees the same broken rows.
      const bucket = this.inventory.clock.bucket();
      if (unit(listing.id, bucket, 0xbad) < rate) {
        const row = { ...clean };
        BREAKAGES[hash32(listing.id, bucket) % BREAKAGES.length](row);
        return row;
      }
    }
    return clean as Record<string, unknown>;
  }

  /**
   * The unfiltered answer for one event's listings as JSON bytes, byte-for-byte what
   * serialising `{ total_entries, ticket_groups }` gives; undefined while rows are being
   * garbled (malformedRate), which must stay per-request.
   */
  eventAnswer(listings: readonly Listing[]): Buffer | undefined {
    if (this.faults.current.malformedRate > 0) return undefined;
    let answer = this.answers.get(listings);
    if (!answer) {
      answer = Buffer.from(
        JSON.stringify({
          total_entries: listings.length,
          ticket_groups: listings.map((l) => this.serialize(l, false)),
        }),
      );
      this.answers.set(listings, answer);
    }
    return answer;
  }

  private build(listing: Listing): Record<string, unknown> {
    return {
      id: listing.id,
      type: 'event',
      event: { id: listing.eventId },
      section: listing.section,
      row: listing.row,
      seats: listing.lowSeat === null ? null : { low_seat: listing.lowSeat, high_seat: listing.highSeat },
      // Flat copies of the seat range, as some broker payloads carry them.
      low_seat: listing.lowSeat,
      high_seat: listing.highSeat,
      available_quantity: listing.availableQuantity,
      splits: listing.splits,
      retail_price: money(listing.retailCents, listing.moneyAsString),
      wholesale_price: money(listing.wholesaleCents, listing.moneyAsString),
      format: listing.format,
      in_hand: listing.inHand,
      in_hand_on: listing.inHandOn,
      instant_delivery: listing.instantDelivery,
      public_notes: listing.publicNotes,
      view_type: listing.viewType,
      wheelchair: listing.wheelchair,
      signature: this.inventory.signature(listing),
      updated_at: utc(listing.updatedAt),
    };
  }
}
