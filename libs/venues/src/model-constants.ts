/**
 * Every constant of the seat-quality model, with where it comes from. Units: seat widths
 * (about 0.5 m) and degrees. These are tunable data, not truth: docs/domain.md says the
 * sources are seating guides and reviews, so most numbers are reasoned estimates; each
 * says so.
 */
import type { Level } from './types.js';

/** Where a spectator looks: the stage centre this far upstage of the lip (about 3 m, a typical playing area centre). */
export const FOCUS_DEPTH = 6;
/** Performers' head height above the stage floor (about 1.7 m); looking UP at it strains the neck. */
export const HEAD_HEIGHT = 3.4;

/*
 * The model multiplies four geometric factors (each 1 at best, down to its floor) so a
 * seat bad in one way cannot buy it back with another: quality = 100 × level × distance ×
 * vertical × horizontal × rake × (1 − obstruction). The floors say how much each can cost.
 */

/**
 * Distance (eye to the focus point, 3D). Up to DIST_IDEAL (about 11 m: orchestra rows D–J at
 * the Richard Rodgers, the documented sweet spot) counts as full marks; it then falls
 * linearly to DIST_FLOOR at DIST_FAR (about 50 m, the top of a very large mezzanine such as
 * the Pantages'). Reasoned estimate.
 */
export const DIST_IDEAL = 22;
export const DIST_FAR = 100;
export const DIST_FLOOR = 0.35;

/**
 * Looking up at the performers: comfortable up to UP_OK degrees (eye-line guidance for
 * theatre design puts comfortable neck tilt around 10–15°); falls to UP_FLOOR at UP_BAD
 * (front row under a high stage, docs/domain.md: "rows AA/A strain the neck").
 */
export const UP_OK = 12;
export const UP_BAD = 30;
export const UP_FLOOR = 0.7;

/** Looking down at the stage floor: fine to DOWN_OK (front mezzanine), worse to DOWN_BAD (steep upper balcony). */
export const DOWN_OK = 20;
export const DOWN_BAD = 45;
export const DOWN_FLOOR = 0.75;

/** Horizontal angle off the centre line: full marks to SIDE_OK, falling to SIDE_FLOOR at SIDE_BAD (side boxes). */
export const SIDE_OK = 15;
export const SIDE_BAD = 65;
export const SIDE_FLOOR = 0.55;

/**
 * Heads in front: a row that rises RISE_GOOD (about 12 cm, the usual sightline "C-value")
 * above the one in front sees clearly; a flat floor scores RAKE_FLOOR. The first row of a
 * section has nobody in front. (Why row L, where the Richard Rodgers rake starts, is valued.)
 */
export const RISE_GOOD = 0.25;
export const RAKE_FLOOR = 0.96;

/**
 * Level preference beyond geometry (buyers pay more for orchestra than for an equally
 * distant mezzanine seat; boxes and dress circles feel cut off). Small on purpose: the
 * geometry already carries most of it. Reasoned estimate from price levels in docs/domain.md §5.
 */
export const LEVEL_FACTOR: Readonly<Record<Level, number>> = {
  orchestra: 1,
  mezzanine: 0.97,
  'dress-circle': 0.95,
  balcony: 0.92,
  box: 0.95,
};

/*
 * What the broker's free text costs (e.g. "Obstructed view" 0.35) lives with the words
 * that say it, in broker-notes/note-vocabulary.ts.
 */

/**
 * How sure the quality is, by what was known. Seats on the map: 1. Row known, seat numbers
 * not: the row's mean. Several candidate sections, or a row position guessed from its name,
 * or only the level from a section name the map does not know: progressively less.
 */
export const CONFIDENCE = {
  seats: 1,
  row: 0.8,
  rowSeveralSections: 0.7,
  estimatedRow: 0.5,
  level: 0.4,
  venue: 0.3,
  unknownVenue: 0.2,
} as const;

/**
 * For venues the library does not know: a typical quality per level for the front of it and
 * how much it loses to the back (reasoned from the four mapped houses' averages).
 */
export const GENERIC_LEVEL_QUALITY: Readonly<Record<Level, { front: number; back: number }>> = {
  orchestra: { front: 80, back: 60 },
  'dress-circle': { front: 70, back: 55 },
  mezzanine: { front: 78, back: 55 },
  balcony: { front: 62, back: 40 },
  box: { front: 60, back: 60 },
};
/** Rows a generic level is assumed to have (for the row-position guess). */
export const GENERIC_ROWS = 20;
