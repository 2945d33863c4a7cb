import { mulberry32 } from '@hamiltix/domain';
import type { SavedSearchFilters } from '@hamiltix/persistence';
import type { ListingRow } from './listing-columns.js';
import type { MatchableSearch } from './matcher.js';

/**
 * A seeded synthetic market of one show and saved searches over it, shaped like the sandbox's
 * (several theatres, ~190 days of performances, orchestra/mezzanine prices, splits, view
 * notes): the data of matcher.spec.ts and `npm run bench -- alerts`.
 */
export function syntheticMarket(
  seed: number,
  listingCount: number,
  searchCount: number,
  startMs = Date.UTC(2026, 5, 1),
): { listings: ListingRow[]; searches: MatchableSearch[] } {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const cities = ['new york', 'chicago', 'los angeles', 'boston', 'denver'];
  const sections = [
    ['orchestra', 'orchestra-center', 'orchestra center'],
    ['orchestra', 'orchestra-left', 'left orchestra'],
    ['mezzanine', 'front-mezzanine-center', 'front mezz center'],
    ['mezzanine', 'rear-mezzanine-center', 'rear mezz center'],
    ['box', 'box-a', 'box a'],
  ];
  const listings: ListingRow[] = [];
  for (let i = 0; i < listingCount; i++) {
    const day = Math.floor(rand() * 190);
    const matinee = rand() < 0.3;
    const startsAtMs = startMs + day * 86_400_000 + (matinee ? 18 : 23) * 3_600_000;
    const date = new Date(startsAtMs - 5 * 3_600_000);
    const quality = Math.round(rand() * 1000) / 10;
    const quantity = 1 + Math.floor(rand() * 8);
    const splits = Array.from({ length: quantity }, (_, k) => k + 1).filter(
      (k) => k === quantity || rand() < 0.6,
    );
    listings.push({
      listingId: String(1_000_000 + i),
      // Hamilton resale, all-in: about $110 for the worst seats to $1,400 for the best.
      allInCents: Math.round(11_000 + quality * quality * 13 * (0.7 + 0.6 * rand())),
      seatQuality: quality,
      localDate: date.toISOString().slice(0, 10),
      weekday: date.getUTCDay(),
      matinee,
      hasViewNotes: rand() < 0.15,
      splits,
      sectionKeys: pick(sections),
      cityKey: pick(cities),
      startsAtMs,
    });
  }
  const searches: MatchableSearch[] = [];
  for (let i = 0; i < searchCount; i++) {
    const filters: SavedSearchFilters = {};
    if (rand() < 0.7) filters.city = pick(cities);
    if (rand() < 0.5) filters.quantity = 1 + Math.floor(rand() * 4);
    if (rand() < 0.3) filters.days = [5, 6];
    if (rand() < 0.2) filters.time = pick(['matinee', 'evening'] as const);
    if (rand() < 0.3) filters.section = pick(sections)[Math.floor(rand() * 3)];
    if (rand() < 0.2) filters.clearView = true;
    if (rand() < 0.3) {
      const from = Math.floor(rand() * 150);
      filters.from = new Date(startMs + from * 86_400_000).toISOString().slice(0, 10);
      filters.to = new Date(startMs + (from + 7 + Math.floor(rand() * 60)) * 86_400_000)
        .toISOString()
        .slice(0, 10);
    }
    if (rand() < 0.2) filters.maxPriceCents = 10_000 + Math.floor(rand() * 40_000);
    const kind = rand();
    searches.push({
      id: `search-${i}`,
      filters,
      targetMaxCents: kind < 0.8 ? 12_000 + Math.floor(rand() * 50_000) : null,
      targetMinQuality: kind >= 0.5 ? Math.floor(rand() * 95) : null,
    });
  }
  return { listings, searches };
}
