import { allowsQuantity } from '@hamiltix/domain';
import type { ListingRow } from './listing-columns.js';
import type { MatchableSearch } from './matcher.js';

/**
 * The matching rules written as plainly as possible: every search against every listing.
 * The specification `matchSearches` is tested against (matcher.spec.ts) and the baseline of
 * `npm run bench -- alerts`; never used to send mail.
 */
export function referenceMatches(listing: ListingRow, s: MatchableSearch, startsAfterMs: number): boolean {
  const f = s.filters;
  if (listing.startsAtMs <= startsAfterMs) return false;
  if (s.targetMaxCents !== null && listing.allInCents > s.targetMaxCents) return false;
  if (s.targetMinQuality !== null && listing.seatQuality < s.targetMinQuality) return false;
  if (f.maxPriceCents !== undefined && listing.allInCents > f.maxPriceCents) return false;
  if (f.city !== undefined && listing.cityKey !== f.city) return false;
  if (f.from !== undefined && listing.localDate < f.from) return false;
  if (f.to !== undefined && listing.localDate > f.to) return false;
  if (f.days?.length && !f.days.includes(listing.weekday)) return false;
  if (f.time === 'matinee' && !listing.matinee) return false;
  if (f.time === 'evening' && listing.matinee) return false;
  if (f.clearView && listing.hasViewNotes) return false;
  if (f.section !== undefined && !listing.sectionKeys.includes(f.section)) return false;
  if (f.quantity !== undefined && !allowsQuantity(listing.splits, f.quantity)) return false;
  const last = s.notified?.get(listing.listingId);
  return last === undefined || listing.allInCents < last;
}

/** Every matching listing index of every search (no cap per mail). */
export function referenceMatchAll(
  listings: readonly ListingRow[],
  searches: readonly MatchableSearch[],
  startsAfterMs: number,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of searches) {
    const found: number[] = [];
    for (let i = 0; i < listings.length; i++)
      if (referenceMatches(listings[i]!, s, startsAfterMs)) found.push(i);
    if (found.length) out.set(s.id, found);
  }
  return out;
}
