/** Broker venue → libs/venues id, by name (the broker's ids are not ours). Pure. */

export interface VenueCandidate {
  id: string;
  name: string;
  city: string;
}

const STOP_WORDS = new Set(['the', 'theatre', 'theater', 'center', 'centre']);

/** "The Richard Rodgers Theatre" → "richard rodgers"; "CIBC Theatre" → "cibc". */
export function venueKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w && !STOP_WORDS.has(w))
    .join(' ');
}

/**
 * Finds the venue the broker means. Exact key match first, then the venue id as a slug,
 * then a unique containment ("Orpheum" ↔ "Orpheum Theatre San Francisco") checked
 * against the city when the broker gives a location.
 */
export function matchVenue(
  broker: { name: string; location?: string | null },
  venues: readonly VenueCandidate[],
): VenueCandidate | undefined {
  const key = venueKey(broker.name);
  if (!key) return undefined;
  const exact = venues.filter((v) => venueKey(v.name) === key || v.id === key.replace(/ /g, '-'));
  const loose = venues.filter((v) => {
    const vk = venueKey(v.name);
    return vk.includes(key) || key.includes(vk);
  });
  // The city settles names shared by several houses ("Orpheum" is in SF and LA).
  if (broker.location) {
    const city = broker.location.toLowerCase();
    const inCity = loose.filter((v) => city.includes(v.city.toLowerCase()));
    if (inCity.length === 1) return inCity[0];
  }
  if (exact.length === 1) return exact[0];
  if (loose.length === 1) return loose[0];
  return undefined;
}
