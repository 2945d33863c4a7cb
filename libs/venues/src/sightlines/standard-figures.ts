/**
 * Figures every venue's geometry shares: standard theatre-design values, used where a
 * house's own measurement is not public. Metres.
 */
import { estimated } from './theatre-geometry.js';

/** The seat map's unit (libs/venues README: "seat widths, about 0.5 m"). */
export const SEAT_WIDTH = estimated(
  0.5,
  'the seat map unit: a seat width of about 0.5 m (libs/venues README)',
);

/** Seated eye height above the floor under the seat. */
export const EYE_HEIGHT = estimated(
  1.12,
  'standard theatre-design figure for a seated adult eye height, 1.12 m',
);

/**
 * How far the top of a seated head stands above its eye: the clearance a sightline must
 * pass the eye in front by to see over it (the "C-value"; design guidance asks 0.09–0.12 m).
 */
export const HEAD_ABOVE_EYE = estimated(
  0.1,
  'standard theatre-design C-value, 0.09–0.12 m: a sightline clearing the eye in front by this much sees over the head',
);

/**
 * Where the view is measured: 3 m upstage of the lip, the middle of a typical playing area
 * (the seat-quality model's focus point, model-constants.ts FOCUS_DEPTH).
 */
export const FOCUS_DEPTH = estimated(
  3,
  'the middle of a typical playing area, as FOCUS_DEPTH in model-constants.ts',
);

/** Hamilton's set: a two-storey timber gallery; performers on the upper level stand about 3.7 m up. */
export const HAMILTON_SET_HEIGHT = estimated(
  5.5,
  "Hamilton's set (a two-storey timber gallery, the upper walkway about 3.7 m above the stage, production photographs) plus a performer's height, about 1.8 m: the top of what must be seen",
);

/** Height of a tier's front parapet above the floor of its first row. */
export const PARAPET_ABOVE_FLOOR = 0.8;

/** Eye height above orchestra floor of a row, from the seat map (elevation above the stage floor, seat widths). */
export const stageHeightFromFirstRow = (elevation0SeatWidths: number): number =>
  Math.round((EYE_HEIGHT.value - elevation0SeatWidths * SEAT_WIDTH.value) * 100) / 100;

/** A seated spectator can shift the head about this far to either side without standing. */
export const LEAN = estimated(
  0.15,
  'a seated spectator shifts the head about 15 cm to either side (half a seat width), a reasoned figure',
);
