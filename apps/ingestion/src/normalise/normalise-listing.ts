import type { BrokerListing } from '@hamiltix/broker-client';
import { allInPrice, normaliseSplits, type FeeSchedule } from '@hamiltix/domain';
import type { ListingWrite } from '@hamiltix/persistence';
import { resolveSeats, type SeatResolution } from '@hamiltix/venues';
import { fingerprintFields } from './fingerprint.js';
import { expandSeats } from './seats.js';
import { storableText, storableTextOrNull } from './storable-text.js';
import { mergeViewNotes, notesFromPublicNotes } from './view-notes.js';

/**
 * A listing as stored in `listings`: integer cents per ticket, ids as strings (bigint). The
 * row libs/persistence writes (`ListingWrite`); `contentHash` is fingerprint.ts's.
 */
export type NormalisedListing = ListingWrite;

export interface ListingContext {
  showId: string;
  performanceId: string;
  venueId: string;
  fees: FeeSchedule;
}

export type SeatResolver = (venueId: string, q: Parameters<typeof resolveSeats>[1]) => SeatResolution;

/**
 * Broker ticket group → stored listing. Never throws: an unresolvable section keeps the
 * broker's wording with `sectionId` null (the buyer still sees it; ranking scores it
 * with less confidence). Text Postgres cannot hold (NUL, lone surrogates) is cleaned out
 * first (storable-text.ts); a section or row left empty by that is unstorable (below).
 */
export function normaliseListing(
  broker: BrokerListing,
  ctx: ListingContext,
  resolve: SeatResolver = resolveSeats,
): NormalisedListing {
  const l = storableListing(broker);
  const quantity = l.availableQuantity;
  let seats = expandSeats(l, quantity);
  const resolution = resolve(ctx.venueId, {
    section: l.section,
    row: l.row,
    lowSeat: seats[0] ?? l.lowSeat ?? null,
    highSeat: seats.length ? seats[seats.length - 1] : (l.highSeat ?? null),
    quantity,
  });
  let sectionId: string | null = null;
  let venueNotes: readonly string[] = [];
  if (resolution.ok) {
    sectionId = resolution.sectionId;
    venueNotes = resolution.viewNotes.map((n) => n.text);
    if (resolution.seats.length === quantity) seats = resolution.seats.map((s) => s.number);
  }
  // docs/domain.md §1: splits are the only quantities a buyer may take. None that fits the
  // quantity left means the broker sells it in no quantity at all (it refuses every order,
  // and so does checkout): such a listing is not on sale (see fetch-inventory.ts).
  const splits = normaliseSplits(l.splits, quantity);
  const price = allInPrice(l.retailCents, ctx.fees);
  const viewNotes = mergeViewNotes(notesFromPublicNotes(l.publicNotes, l.viewType), venueNotes);
  const contentHash = fingerprintFields([
    ctx.performanceId,
    ctx.venueId,
    l.section,
    sectionId,
    l.row,
    seats,
    quantity,
    splits,
    l.retailCents,
    l.wholesaleCents,
    price.total,
    viewNotes,
    l.publicNotes,
    l.format,
    l.inHand,
    l.signature,
  ]);
  return {
    id: String(l.id),
    performanceId: ctx.performanceId,
    showId: ctx.showId,
    venueId: ctx.venueId,
    section: l.section,
    sectionId,
    row: l.row,
    seats,
    quantity,
    splits,
    retailCents: l.retailCents,
    wholesaleCents: l.wholesaleCents,
    feesCents: price.fees,
    allInCents: price.total,
    viewNotes,
    publicNotes: l.publicNotes,
    format: l.format,
    inHand: l.inHand,
    signature: l.signature,
    contentHash,
  };
}

/** The listing with every text field as Postgres can store it. */
function storableListing(l: BrokerListing): BrokerListing {
  return {
    ...l,
    section: storableText(l.section),
    row: storableText(l.row),
    format: storableTextOrNull(l.format),
    inHandOn: storableTextOrNull(l.inHandOn),
    publicNotes: storableTextOrNull(l.publicNotes),
    viewType: storableTextOrNull(l.viewType),
    signature: storableTextOrNull(l.signature),
  };
}

/** Largest value of a Postgres `integer` column (quantity, seats, splits, the cents columns). */
export const PG_INT_MAX = 2_147_483_647;

/**
 * Why this row cannot be stored, or undefined when it can. The broker client accepts any
 * safe integer, but `listings` keeps quantity, seats, splits and prices (cents!) in 32-bit
 * columns: one absurd row would fail the COPY and, with it, every pull of the show until
 * the broker fixed it. Such a row is skipped like a garbled one (kept as stored). So is one
 * whose section or row was nothing but characters Postgres cannot store.
 */
export function unstorableReason(n: NormalisedListing): string | undefined {
  if (n.section.trim() === '') return 'section has no storable text';
  if (n.row.trim() === '') return 'row has no storable text';
  const ints: [string, number][] = [
    ['quantity', n.quantity],
    ['retail price', n.retailCents],
    ['wholesale price', n.wholesaleCents],
    ['fees', n.feesCents],
    ['all-in price', n.allInCents],
  ];
  for (const [name, v] of ints) if (!(v >= 0 && v <= PG_INT_MAX)) return `${name} out of range: ${v}`;
  for (const s of n.seats) if (!(s >= 0 && s <= PG_INT_MAX)) return `seat number out of range: ${s}`;
  for (const s of n.splits) if (!(s >= 0 && s <= PG_INT_MAX)) return `split out of range: ${s}`;
  return undefined;
}
