/**
 * The venues, expanded from their specs on first use and cached (the data never changes
 * while a process runs).
 */
import { cibcSpec } from './data/cibc.data.js';
import { hollywoodPantagesSpec } from './data/hollywood-pantages.data.js';
import { orpheumSfSpec } from './data/orpheum-sf.data.js';
import { richardRodgersSpec } from './data/richard-rodgers.data.js';
import { expandVenue } from './expand-venue.js';
import type { VenueData } from './types.js';
import type { VenueSpec } from './venue-spec.js';

const SPECS: readonly VenueSpec[] = [richardRodgersSpec, cibcSpec, hollywoodPantagesSpec, orpheumSfSpec];

let venues: readonly VenueData[] | undefined;
let byId: Map<string, VenueData> | undefined;

export function listVenues(): readonly VenueData[] {
  if (!venues) {
    venues = Object.freeze(SPECS.map(expandVenue));
    byId = new Map(venues.map((v) => [v.id, v]));
  }
  return venues;
}

export function getVenue(id: string): VenueData | undefined {
  if (!byId) listVenues();
  return byId!.get(id);
}
