/**
 * Figures every venue's geometry shares: standard theatre-design values, used where a
 * house's own measurement is not public. Metres.
 */
import { estimated, type BoxWallGeometry } from './theatre-geometry.js';

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

/** The seated spectator every house shares: seat width, eye height, head clearance and lean. */
export const SEATED_SPECTATOR = {
  seatWidth: SEAT_WIDTH,
  eyeHeight: EYE_HEIGHT,
  headAboveEye: HEAD_ABOVE_EYE,
  lean: LEAN,
};

/**
 * The downstage partitions of a pair of stacked box columns (boxes a–d on the left, e–h on the
 * right, alternating between two depths): each 1.5 m in front of its seats, its inner end 0.5 m
 * inside the box's first seat. `x` metres from the centre line (`xSeatWidths` on the seat map),
 * the seats `depths` metres from the lip (`seatMapDistances` in seat widths).
 */
export function stackedBoxWalls(p: {
  x: number;
  xSeatWidths: number;
  depths: readonly [number, number];
  seatMapDistances: string;
}): BoxWallGeometry[] {
  const wall = (letter: string, side: 'left' | 'right', k: number): BoxWallGeometry => ({
    id: `box-${letter}-wall`,
    sections: [`box-${letter}`],
    side,
    x: estimated(
      side === 'left' ? -p.x : p.x,
      `the box front 0.5 m inside its first seat (seat map x ±${p.xSeatWidths} seat widths)`,
    ),
    y: estimated(
      p.depths[k % 2] - 1.5,
      `the partition 1.5 m downstage of the box seats (seat map distance ${p.seatMapDistances} seat widths)`,
    ),
  });
  return [
    ...['a', 'b', 'c', 'd'].map((l, k) => wall(l, 'left', k)),
    ...['e', 'f', 'g', 'h'].map((l, k) => wall(l, 'right', k)),
  ];
}
