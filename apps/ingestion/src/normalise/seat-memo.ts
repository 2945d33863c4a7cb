import type { SeatResolution } from '@hamiltix/venues';
import type { SeatResolver } from './normalise-listing.js';

/** Seat questions kept before the memo starts over (bounds memory in a long-running process). */
const MAX_ENTRIES = 200_000;

/**
 * Memoises a seat resolver on (venue, section, row, low, high, quantity). Seat maps are
 * fixed data, so the same question always gets the same answer, and a pull asks the same
 * questions over and over: the same seats are resold for many performances at the same
 * theatre. Nested maps keyed by the strings as they are plus one number for the seats,
 * since building a joined string key per row cost as much as resolving. The returned
 * resolutions are shared: read them, never mutate them.
 */
export function memoSeatResolver(resolve: SeatResolver): SeatResolver {
  let memo = new Map<string, Map<string, Map<string, Map<number, SeatResolution>>>>();
  let size = 0;
  return (venueId, q) => {
    const low = q.lowSeat ?? -1;
    const high = q.highSeat ?? -1;
    // Seats and quantities are small non-negative integers; anything else is not memoised.
    const seatKey =
      Number.isInteger(low) &&
      Number.isInteger(high) &&
      Number.isInteger(q.quantity) &&
      low >= -1 &&
      high >= -1 &&
      q.quantity >= 0 &&
      low < 2 ** 20 &&
      high < 2 ** 20 &&
      q.quantity < 2 ** 10
        ? ((low + 1) * 2 ** 21 + (high + 1)) * 2 ** 10 + q.quantity
        : undefined;
    if (seatKey === undefined) return resolve(venueId, q);
    let bySection = memo.get(venueId);
    if (!bySection) memo.set(venueId, (bySection = new Map()));
    let byRow = bySection.get(q.section);
    if (!byRow) bySection.set(q.section, (byRow = new Map()));
    let bySeats = byRow.get(q.row);
    if (!bySeats) byRow.set(q.row, (bySeats = new Map()));
    let hit = bySeats.get(seatKey);
    if (!hit) {
      if (size >= MAX_ENTRIES) {
        memo = new Map();
        size = 0;
      }
      hit = resolve(venueId, q);
      bySeats.set(seatKey, hit);
      size++;
    }
    return hit;
  };
}
