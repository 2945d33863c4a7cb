import { publishedScore, type RankedListingDoc } from '@hamiltix/contracts';
import { localParts, MATINEE_BEFORE_HOUR, toZonedIso } from '@hamiltix/domain';
import type { RankedListing } from '@hamiltix/ranking';
import { matchSection } from '@hamiltix/venues';
import type { ShowInventory } from './show-listings.repository.js';

/**
 * The Redis doc per listing (libs/contracts RankedListingDoc): the public item plus the
 * fields search filters on, with date parts taken in the venue's zone once per performance.
 */
export function buildDocs(
  showId: string,
  { listings, venues }: ShowInventory,
  ranked: readonly Pick<RankedListing, 'id' | 'seatQuality' | 'dealScore' | 'explanation'>[],
): RankedListingDoc[] {
  const byId = new Map(listings.map((l) => [l.id, l]));
  const perf = new Map<
    string,
    { iso: string; date: string; weekday: RankedListingDoc['weekday']; matinee: boolean }
  >();
  // The venue's section (level and display name) per broker section name, matched once.
  const sections = new Map<string, { level: string | null; name: string | undefined }>();
  const docs: RankedListingDoc[] = [];
  for (const r of ranked) {
    const l = byId.get(r.id);
    if (!l) continue;
    let p = perf.get(l.performanceId);
    if (!p) {
      const startsAt = new Date(l.startsAtMs);
      const parts = localParts(startsAt, l.timeZone);
      p = {
        iso: toZonedIso(startsAt, l.timeZone),
        date: parts.date,
        weekday: parts.weekday,
        matinee: parts.hour < MATINEE_BEFORE_HOUR,
      };
      perf.set(l.performanceId, p);
    }
    const venue = venues.get(l.venueId) ?? { name: l.venueId, city: '' };
    const sectionKey = `${l.venueId}\u0000${l.sectionId ?? l.section}`;
    let section = sections.get(sectionKey);
    if (section === undefined) {
      const match = matchSection(l.venueId, l.sectionId ?? l.section);
      section = { level: match?.level ?? null, name: match?.name };
      sections.set(sectionKey, section);
    }
    docs.push({
      item: {
        id: l.id,
        performance: {
          id: l.performanceId,
          startsAt: p.iso,
          venue: { id: l.venueId, name: venue.name },
          city: venue.city,
        },
        section: l.section,
        ...(section.name ? { sectionName: section.name } : {}),
        row: l.row,
        seats: l.seats,
        quantity: l.quantity,
        splits: l.splits,
        allInPrice: { amount: l.allInCents, currency: 'USD' },
        seatQuality: r.seatQuality,
        viewNotes: l.viewNotes,
        dealScore: publishedScore(r.dealScore),
        explanation: r.explanation,
      },
      showId,
      venueId: l.venueId,
      sectionId: l.sectionId,
      startsAtMs: l.startsAtMs,
      localDate: p.date,
      weekday: p.weekday,
      matinee: p.matinee,
      allInCents: l.allInCents,
      level: section.level,
    });
  }
  return docs;
}
