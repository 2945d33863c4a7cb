/**
 * Seat numbers of a listing from what the broker gave: an explicit list, or a low/high
 * pair. Theatres number sides odd or even (docs/domain.md §3), so 101–107 for 4 seats means
 * 101, 103, 105, 107. Anything that does not add up gives [] (seats unknown). Pure.
 */
export function expandSeats(
  listing: { seatList?: readonly number[]; lowSeat?: number; highSeat?: number },
  quantity: number,
): number[] {
  if (listing.seatList?.length) return [...new Set(listing.seatList)].sort((a, b) => a - b);
  const { lowSeat: low, highSeat: high } = listing;
  if (low === undefined) return [];
  if (high === undefined || high === low) return quantity === 1 ? [low] : [];
  if (high < low) return [];
  const span = high - low;
  const step = span + 1 === quantity ? 1 : span % 2 === 0 && span / 2 + 1 === quantity ? 2 : 0;
  if (!step) return [];
  const out: number[] = [];
  for (let s = low; s <= high; s += step) out.push(s);
  return out;
}
