import { hash32, normalStep, pickWeighted, unitStep } from './hash.js';
import type { ViewNote } from '@hamiltix/venues';
import type { Listing, SimEvent, Slot } from './inventory.types.js';
import { BUCKET_MS } from './sandbox-clock.js';

/**
 * Listing ids pack where a listing comes from: `eventId * 1e6 + slot * 1000 + generation % 1000`.
 * A relisting of the same seats is a new generation, hence a new id (as with a real
 * broker, where a new seller's ticket group is a new ticket group).
 */
export function listingId(eventId: number, slot: number, generation: number): number {
  return eventId * 1_000_000 + slot * 1000 + (generation % 1000);
}

export function decodeListingId(id: number): { eventId: number; slot: number } {
  return { eventId: Math.floor(id / 1_000_000), slot: Math.floor(id / 1000) % 1000 };
}

const FORMATS = ['Eticket', 'TM_mobile', 'Physical', 'Paperless', 'Flash_seats', 'Guest_list'];
const FORMAT_WEIGHTS = [50, 32, 8, 5, 3, 2];

/** Prices fall over the last three days for seats still unsold (docs/domain.md §5). */
function lastDaysFactor(hoursLeft: number): number {
  return hoursLeft < 72 ? 0.75 + (0.25 * Math.max(0, hoursLeft)) / 72 : 1;
}

/**
 * The listing a slot shows at `bucket`, or null when it is not on sale then. Pure in
 * (seed, event, slot, bucket): a slot's life repeats every `period` buckets — the
 * listing appears a little into the period, may sell part way, and is relisted at the
 * next period with a new id; within a life it reprices every `repriceEvery` buckets.
 */
export function slotListing(event: SimEvent, slot: Slot, bucket: number, seed: number): Listing | null {
  if ((bucket + 1) * BUCKET_MS > event.occursAt.getTime()) return null;
  const x = bucket + slot.phase;
  const generation = Math.floor(x / slot.period);
  const pos = x - generation * slot.period;
  const base = hash32(seed, event.id, slot.index, generation);
  const r = (k: number) => unitStep(base, k);
  const appear = Math.floor(r(1) * 0.08 * slot.period);
  const sells = r(2) < 0.55;
  const gone = sells ? appear + Math.floor((0.25 + 0.75 * r(3)) * (slot.period - appear)) : slot.period;
  if (pos < appear || pos >= gone) return null;

  const version = slot.repriceEvery ? Math.floor((pos - appear) / slot.repriceEvery) : 0;
  const versionStartMs = (bucket - pos + appear + version * slot.repriceEvery) * BUCKET_MS;
  const hoursLeft = (event.occursAt.getTime() - versionStartMs) / 3_600_000;
  const noise = Math.exp(0.16 * normalStep(base, 4));
  const drift = version ? Math.exp(0.05 * normalStep(base, 5, version)) : 1;
  const raw = slot.valueCents * event.demand * noise * drift * lastDaysFactor(hoursLeft);
  // Most sellers ask whole dollars; some ask odd cents.
  const retailCents = Math.max(4_000, r(6) < 0.7 ? Math.round(raw / 100) * 100 : Math.round(raw));
  const wholesaleCents = Math.round(retailCents * (0.85 + 0.07 * r(7)));

  const format = pickWeighted(FORMATS, FORMAT_WEIGHTS, r(10));
  const inHand = format === 'Physical' ? r(11) < 0.7 : format === 'Guest_list' ? false : r(11) < 0.55;
  let inHandOn: string | null = null;
  if (!inHand) {
    const days = 1 + Math.floor(r(12) * 7);
    // Date arithmetic on the local date: no time-zone work in this hot path.
    inHandOn = new Date(Date.parse(event.localDate) - days * 86_400_000).toISOString().slice(0, 10);
  }
  const instantDelivery = format === 'Eticket' && inHand && r(13) < 0.6;
  const wheelchair = r(14) < 0.006;

  const notes: string[] = [];
  let viewType = 'Full';
  // Sellers mention what the venue's map knows, in their own words (docs/domain.md §1 notes);
  // cosmetic notes (severity under 0.05, e.g. access information) go unmentioned.
  const worst = slot.viewNotes.reduce<ViewNote | undefined>(
    (a, b) => (!a || b.severity > a.severity ? b : a),
    undefined,
  );
  if (worst && worst.severity >= 0.05 && r(15) < 0.85) {
    let text: string;
    if (worst.severity >= 0.3 || (worst.kind === 'column' && worst.severity >= 0.2))
      [text, viewType] = ['Obstructed view', 'Obstructed'];
    else if (worst.severity >= 0.15) [text, viewType] = ['Partial view', 'Partially Obstructed'];
    else [text, viewType] = ['Limited view', 'Possible Obstruction'];
    notes.push(r(16) < 0.25 ? `${text}, printed on ticket` : text);
  }
  if (slot.aisle && r(17) < 0.45) notes.push('Aisle');
  if (inHand && r(18) < 0.3) notes.push('In hand');
  if (wheelchair) notes.push('Wheelchair accessible');
  if (format === 'TM_mobile' && r(19) < 0.4) notes.push('Mobile entry only');
  if (r(20) < 0.05) notes.push('Seats are side by side');

  const seatsHidden = slot.unseated || r(8) < 0.05;
  return {
    id: listingId(event.id, slot.index, generation),
    eventId: event.id,
    section: slot.sectionNames[Math.floor(r(9) * slot.sectionNames.length)],
    row: slot.unseated ? 'GA' : slot.row,
    lowSeat: seatsHidden ? null : slot.lowSeat,
    highSeat: seatsHidden ? null : slot.highSeat,
    availableQuantity: slot.quantity,
    splits: slot.splits,
    retailCents,
    wholesaleCents,
    format,
    inHand,
    inHandOn,
    instantDelivery,
    publicNotes: notes.length ? notes.join('. ') : null,
    viewType,
    wheelchair,
    version,
    moneyAsString: r(21) < 0.1,
    updatedAt: new Date(versionStartMs),
    manual: false,
  };
}
