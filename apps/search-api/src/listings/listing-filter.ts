import type { RankedListingDoc } from '@hamiltix/contracts';
import type { ListingFilters } from '../query/listings-query.js';

/**
 * The filters of GET /api/v1/listings as a predicate over a ranked doc. Everything that
 * depends on the venue's time zone (local date, weekday, matinee) was precomputed by
 * ranking in that zone, so nothing here looks at a clock or a zone. The Postgres
 * fallback (@hamiltix/persistence, queries/listing-search.ts) implements the very same rules in SQL. A listing
 * whose performance starts at or before `startsAfterMs` is past the sales cut-off
 * (SalesWindow) and never passes.
 */
export function listingFilter(
  f: ListingFilters,
  startsAfterMs = -Infinity,
): (doc: RankedListingDoc) => boolean {
  const days = f.days ? new Set(f.days) : undefined;
  return (doc) => {
    if (doc.startsAtMs <= startsAfterMs) return false;
    if (f.show !== undefined && doc.showId !== f.show) return false;
    if (f.city !== undefined && doc.item.performance.city.toLowerCase() !== f.city) return false;
    if (f.from !== undefined && doc.localDate < f.from) return false;
    if (f.to !== undefined && doc.localDate > f.to) return false;
    if (days && !days.has(doc.weekday)) return false;
    if (f.time === 'matinee' && !doc.matinee) return false;
    if (f.time === 'evening' && doc.matinee) return false;
    // Splits are the only quantities the broker sells: [2, 4] cannot sell 3.
    if (f.quantity !== undefined && !doc.item.splits.includes(f.quantity)) return false;
    if (f.maxPriceCents !== undefined && doc.allInCents > f.maxPriceCents) return false;
    if (f.section !== undefined && !sectionMatches(doc, f.section)) return false;
    if (f.clearView && doc.item.viewNotes.length > 0) return false;
    return true;
  };
}

/** `section` names a level ("mezzanine"), a libs/venues section id, or the broker's section name. */
export function sectionMatches(doc: RankedListingDoc, section: string): boolean {
  return (
    doc.level === section ||
    (doc.sectionId !== null && doc.sectionId.toLowerCase() === section) ||
    doc.item.section.toLowerCase() === section
  );
}
