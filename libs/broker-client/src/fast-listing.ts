import { parseDollarsToCents } from '@hamiltix/domain';
import type { BrokerListing } from './types.js';

/**
 * The hot path of row validation: the shapes well-formed broker rows actually take,
 * checked by hand (a pull reads 100k+ rows). Anything it does not recognise returns
 * undefined and goes to the zod schema, which stays the authority: it accepts the rarer
 * forms (ids and counts as strings...) and writes the reason a bad row is skipped.
 * A property test checks that whatever this accepts, zod accepts identically.
 */
export function fastListing(row: unknown, eventId: number): BrokerListing | undefined {
  if (!row || typeof row !== 'object') return undefined;
  const r = row as Record<string, unknown>;
  const id = r.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return undefined;
  const ev = r.event as { id?: unknown } | null | undefined;
  if (ev !== undefined && (!ev || typeof ev !== 'object' || ev.id !== eventId)) return undefined;
  if (r.event_id !== undefined && r.event_id !== eventId) return undefined;
  if (typeof r.section !== 'string' || typeof r.row !== 'string') return undefined;
  const section = r.section.trim();
  const rowName = r.row.trim();
  if (!section || !rowName) return undefined;
  const qty = r.available_quantity;
  if (typeof qty !== 'number' || !Number.isSafeInteger(qty) || qty < 1) return undefined;
  if (!Array.isArray(r.splits)) return undefined;
  const splits: number[] = [];
  for (const s of r.splits) {
    if (typeof s !== 'number') return undefined;
    if (Number.isInteger(s) && s > 0) splits.push(s);
  }
  const retail = money(r.retail_price);
  if (retail === undefined) return undefined;
  let wholesale = retail;
  if (r.wholesale_price !== null && r.wholesale_price !== undefined) {
    const w = money(r.wholesale_price);
    if (w === undefined) return undefined;
    wholesale = w;
  }
  let lowSeat = seat(r.low_seat);
  let highSeat = seat(r.high_seat);
  if (lowSeat === null || highSeat === null) return undefined;
  let seatList: number[] | undefined;
  const seats = r.seats;
  if (Array.isArray(seats)) {
    for (const s of seats) if (typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0) return undefined;
    if (seats.length) seatList = seats as number[];
  } else if (seats !== null && seats !== undefined) {
    if (typeof seats !== 'object') return undefined;
    const o = seats as Record<string, unknown>;
    const [low, high, lowAlt, highAlt] = [seat(o.low), seat(o.high), seat(o.low_seat), seat(o.high_seat)];
    if (low === null || high === null || lowAlt === null || highAlt === null) return undefined;
    lowSeat = low ?? lowAlt ?? lowSeat;
    highSeat = high ?? highAlt ?? highSeat;
  }
  const format = text(r.format);
  const inHandOn = text(r.in_hand_on);
  const publicNotes = text(r.public_notes);
  const viewType = text(r.view_type);
  const signature = text(r.signature);
  const inHand = bool(r.in_hand);
  const instant = bool(r.instant_delivery);
  const wheelchair = bool(r.wheelchair);
  if (
    format === false ||
    inHandOn === false ||
    publicNotes === false ||
    viewType === false ||
    signature === false
  )
    return undefined;
  if (inHand === undefined || instant === undefined || wheelchair === undefined) return undefined;
  return {
    id,
    eventId,
    section,
    row: rowName,
    lowSeat,
    highSeat,
    seatList,
    availableQuantity: qty,
    splits,
    retailCents: retail,
    wholesaleCents: wholesale,
    format,
    inHand,
    inHandOn,
    instantDelivery: instant,
    publicNotes,
    viewType,
    wheelchair,
    signature,
  };
}

function money(v: unknown): number | undefined {
  if (typeof v === 'number' && v >= 0) {
    // Whole cents (what brokers send) need no decimal parsing: within 1e-7 of an integer
    // number of cents, parseDollarsToCents (toFixed(6), half up) gives the same answer.
    const x = v * 100;
    const c = Math.round(x);
    if (Math.abs(x - c) < 1e-7 && Number.isSafeInteger(c)) return c;
  }
  if (typeof v !== 'number' && typeof v !== 'string') return undefined;
  const c = parseDollarsToCents(v);
  return c === undefined || c < 0 ? undefined : c;
}

/** undefined: absent; null: present but not a seat number (fall back to zod). */
function seat(v: unknown): number | undefined | null {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
}

/** false: not text (fall back to zod). */
function text(v: unknown): string | null | false {
  if (v === undefined || v === null || v === '') return null;
  return typeof v === 'string' ? v : false;
}

function bool(v: unknown): boolean | undefined {
  if (v === undefined || v === null) return false;
  return typeof v === 'boolean' ? v : undefined;
}
