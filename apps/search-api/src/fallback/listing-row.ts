import { publishedScore, type ListingItemDto } from '@hamiltix/contracts';
import { toZonedIso } from '@hamiltix/domain';
import type { ListingDetailRow } from '@hamiltix/persistence';

/** A listing as Postgres gives it (@hamiltix/persistence, listing-search). */
export type ListingRow = ListingDetailRow;

/** The public item, exactly as ranking writes it into RankedListingDoc.item. */
export function rowToItem(r: ListingRow): ListingItemDto {
  return {
    id: r.id,
    performance: {
      id: r.performance_id,
      startsAt: toZonedIso(r.starts_at, r.time_zone),
      venue: { id: r.venue_id, name: r.venue_name },
      city: r.city,
    },
    section: r.section,
    row: r.row,
    seats: r.seats ?? [],
    quantity: r.quantity,
    splits: r.splits ?? [],
    allInPrice: { amount: r.all_in_cents, currency: 'USD' },
    // Rounded as ranking publishes them (publishedScore), so both paths print the same numbers.
    seatQuality: publishedScore(r.seat_quality),
    viewNotes: r.view_notes ?? [],
    dealScore: publishedScore(r.deal_score),
    explanation: r.explanation,
  };
}
