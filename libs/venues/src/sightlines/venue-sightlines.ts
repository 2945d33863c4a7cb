/**
 * Every seat's sightline, computed once per venue on first use (or at start-up through
 * precomputeSightlines) and kept for the life of the process. Pure.
 */
import { normaliseRowName } from '../row-names.js';
import { getVenue, listVenues } from '../venue-registry.js';
import { getVenueGeometry } from './geometry-registry.js';
import { rowScene } from './seat-scene.js';
import { computeSightline, type Sightline } from './sightline-model.js';

export interface VenueSightlines {
  venueId: string;
  /** sectionId → normalised row name → sightline per seat number. */
  bySeat: Map<string, Map<string, Map<number, Sightline>>>;
  seats: number;
}

const cache = new Map<string, VenueSightlines | null>();

/** Computes a venue's sightlines afresh (uncached: precomputeSightlines and the bench use it). */
export function computeVenueSightlines(venueId: string): VenueSightlines | null {
  const venue = getVenue(venueId);
  const g = getVenueGeometry(venueId);
  if (!venue || !g) return null;
  const bySeat = new Map<string, Map<string, Map<number, Sightline>>>();
  let seats = 0;
  for (const section of venue.sections) {
    const rows = new Map<string, Map<number, Sightline>>();
    section.rows.forEach((row, i) => {
      const { scene, eyes } = rowScene(g, section, i);
      const out = new Map<number, Sightline>();
      row.seats.forEach((s, k) => out.set(s.number, Object.freeze(computeSightline(eyes[k], scene))));
      seats += row.seats.length;
      rows.set(normaliseRowName(row.name), out);
    });
    bySeat.set(section.id, rows);
  }
  return { venueId, bySeat, seats };
}

/** The venue's sightlines, or undefined when the venue or its geometry is unknown. */
export function venueSightlines(venueId: string): VenueSightlines | undefined {
  let v = cache.get(venueId);
  if (v === undefined) {
    v = computeVenueSightlines(venueId);
    cache.set(venueId, v);
  }
  return v ?? undefined;
}

/** One seat's sightline (section id, row name as on the ticket, seat number). */
export function seatSightline(
  venueId: string,
  sectionId: string,
  row: string,
  seat: number,
): Sightline | undefined {
  const section = getVenue(venueId)?.sections.find((s) => s.id === sectionId);
  const rowKey = section?.anyRow ? normaliseRowName(section.rows[0].name) : normaliseRowName(row);
  return venueSightlines(venueId)?.bySeat.get(sectionId)?.get(rowKey)?.get(seat);
}

/** Computes every seat of every modelled venue now (start-up); returns how many seats. */
export function precomputeSightlines(): number {
  let n = 0;
  for (const v of listVenues()) n += venueSightlines(v.id)?.seats ?? 0;
  return n;
}
