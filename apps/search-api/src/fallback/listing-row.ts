import { publishedScore, type ListingItemDto } from '@hamiltix/contracts';
import { toZonedIso } from '@hamiltix/domain';
import { matchSection } from '@hamiltix/venues';

/** A row of LISTING_COLUMNS as pg returns it (bigints as text, arrays parsed). */
export interface ListingRow {
  id: string;
  performance_id: string;
  show_id: string;
  venue_id: string;
  section: string;
  section_id: string | null;
  row: string;
  seats: number[];
  quantity: number;
  splits: number[];
  retail_cents: number;
  fees_cents: number;
  all_in_cents: number;
  view_notes: string[];
  starts_at: Date;
  venue_name: string;
  city: string;
  time_zone: string;
  seat_quality: number;
  deal_score: number;
  explanation: string;
  score?: number;
  removed_at?: Date | null;
  /** The item as ranking published it (listing_scores.item); null for rows ranked before it was stored. */
  item?: ListingItemDto | null;
}

/** The public item, exactly as ranking writes it into RankedListingDoc.item. */
export function rowToItem(r: ListingRow): ListingItemDto {
  const sectionName = matchSection(r.venue_id, r.section_id ?? r.section)?.name;
  return {
    id: r.id,
    performance: {
      id: r.performance_id,
      startsAt: toZonedIso(r.starts_at, r.time_zone),
      venue: { id: r.venue_id, name: r.venue_name },
      city: r.city,
    },
    section: r.section,
    ...(sectionName ? { sectionName } : {}),
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
