/** The venues whose geometry is modelled (a venue without one keeps its hand-set view notes). */
import { cibcGeometry } from '../data/cibc.geometry.js';
import { hollywoodPantagesGeometry } from '../data/hollywood-pantages.geometry.js';
import { orpheumSfGeometry } from '../data/orpheum-sf.geometry.js';
import { richardRodgersGeometry } from '../data/richard-rodgers.geometry.js';
import type { VenueGeometry } from './theatre-geometry.js';

const GEOMETRIES: ReadonlyMap<string, VenueGeometry> = new Map(
  [richardRodgersGeometry, cibcGeometry, hollywoodPantagesGeometry, orpheumSfGeometry].map((g) => [
    g.venueId,
    g,
  ]),
);

export function getVenueGeometry(venueId: string): VenueGeometry | undefined {
  return GEOMETRIES.get(venueId);
}

export function listVenueGeometries(): readonly VenueGeometry[] {
  return [...GEOMETRIES.values()];
}
