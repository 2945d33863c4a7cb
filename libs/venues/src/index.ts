/**
 * @hamiltix/venues — the theatres as data, the seat resolver and the seat-quality model.
 * Pure: no I/O. See README.md.
 */
export * from './types.js';
export { listVenues, getVenue } from './venue-registry.js';
export { normaliseSectionName, guessLevel } from './section-names.js';
export { normaliseRowName } from './row-names.js';
export { resolveSeats } from './resolve-seats.js';
export { viewNotesFor } from './view-notes.js';
export {
  readBrokerNotes,
  viewRank,
  type BrokerNoteReading,
  type NoteMatch,
} from './broker-notes/read-broker-notes.js';
export type { NoteView, SeatFact, DeliveryFact, ViewFact } from './broker-notes/note-vocabulary.js';
export {
  seatQuality,
  type SeatQuality,
  type SeatQualityInput,
  type SeatQualityFactors,
  type QualityBasis,
} from './seat-quality.js';
export { seatMap, type SeatMap, type SeatMapSeat } from './seat-map.js';
export {
  seatSightline,
  venueSightlines,
  precomputeSightlines,
  computeVenueSightlines,
  type VenueSightlines,
} from './sightlines/venue-sightlines.js';
export {
  computeSightline,
  type Sightline,
  type HiddenPart,
  type HiddenSide,
  type Occluder,
  type Scene,
  type EyePoint,
} from './sightlines/sightline-model.js';
export { getVenueGeometry, listVenueGeometries } from './sightlines/geometry-registry.js';
export {
  seatSightlineView,
  summariseSightline,
  sightlineSentence,
  type SightlineView,
  type SightlineSummary,
  type SightlineDrawing,
  type SightlineHidden,
} from './sightlines/sightline-view.js';
export { validateGeometry } from './sightlines/validate-geometry.js';
export type * from './sightlines/theatre-geometry.js';

import { venueIndex, findTarget } from './venue-index.js';
import type { Level } from './types.js';

/** What a broker section name matches at a venue: the section or group id, its level and sections. */
export function matchSection(
  venueId: string,
  brokerName: string,
): { id: string; name: string; level: Level; sectionIds: string[] } | undefined {
  const idx = venueIndex(venueId);
  return idx ? findTarget(idx, brokerName) : undefined;
}
export { validateVenue, seatCount } from './validate-venue.js';
