import type { VenueData } from '@hamiltix/venues';
import { hashString } from '../inventory/hash.js';
import type { Market, SimVenue } from '../inventory/inventory.types.js';

/** Hamilton as the broker's performer. A fixed number: ingestion may remember it. */
export const HAMILTON_PERFORMER = {
  id: 16884,
  name: 'Hamilton',
  slug: 'hamilton',
  category: 'Theater',
} as const;

function marketOf(venue: VenueData): Market {
  if (/new york/i.test(venue.city)) return 'new-york';
  if (/chicago/i.test(venue.city)) return 'chicago';
  return 'touring';
}

/**
 * Gives each seat map a broker venue id (stable: derived from the slug, not the list
 * order) and an ordinal (slug order) used in event ids.
 */
export function toSimVenues(venues: readonly VenueData[]): SimVenue[] {
  const sorted = [...venues].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const used = new Set<number>();
  return sorted.map((data, ordinal) => {
    let id = 1000 + (hashString(data.id) % 90_000);
    while (used.has(id)) id++;
    used.add(id);
    return {
      id,
      slug: data.id,
      name: data.name,
      city: data.city,
      timeZone: data.timeZone,
      configurationId: id * 10 + 1,
      market: marketOf(data),
      ordinal,
      data,
    };
  });
}
