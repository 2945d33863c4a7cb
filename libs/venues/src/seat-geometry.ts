/**
 * The geometric part of seat quality for one seat: distance, eye line, side angle and
 * the rows in front. Pure; every constant comes from model-constants.ts.
 */
import * as C from './model-constants.js';
import type { Level } from './types.js';

export interface GeometryFactors {
  /** Each 0..1, 1 best. */
  distance: number;
  vertical: number;
  horizontal: number;
  rake: number;
  level: number;
}

const DEG = 180 / Math.PI;

/** 1 up to `ok`, falling linearly to `floor` at `bad`, and staying there. */
function ramp(value: number, ok: number, bad: number, floor: number): number {
  if (value <= ok) return 1;
  if (value >= bad) return floor;
  return 1 - ((value - ok) / (bad - ok)) * (1 - floor);
}

/**
 * @param x      offset from the centre line (seat widths)
 * @param distance horizontal distance of the row from the stage lip
 * @param elevation eye height above the stage floor
 * @param rise   how much higher this row is than the one in front (Infinity for a first row)
 */
export function seatGeometry(
  x: number,
  distance: number,
  elevation: number,
  rise: number,
  level: Level,
): GeometryFactors {
  const depth = distance + C.FOCUS_DEPTH;
  const ground = Math.hypot(depth, x);
  const total = Math.hypot(ground, elevation - C.HEAD_HEIGHT / 2);
  const up = Math.atan2(C.HEAD_HEIGHT - elevation, ground) * DEG;
  const down = Math.atan2(elevation, ground) * DEG;
  const side = Math.atan2(Math.abs(x), depth) * DEG;
  return {
    distance: ramp(total, C.DIST_IDEAL, C.DIST_FAR, C.DIST_FLOOR),
    vertical: Math.min(
      ramp(up, C.UP_OK, C.UP_BAD, C.UP_FLOOR),
      ramp(down, C.DOWN_OK, C.DOWN_BAD, C.DOWN_FLOOR),
    ),
    horizontal: ramp(side, C.SIDE_OK, C.SIDE_BAD, C.SIDE_FLOOR),
    rake: rise >= C.RISE_GOOD ? 1 : C.RAKE_FLOOR + (1 - C.RAKE_FLOOR) * Math.max(0, rise / C.RISE_GOOD),
    level: C.LEVEL_FACTOR[level],
  };
}

/** 0..100 before any obstruction. */
export function geometryQuality(f: GeometryFactors): number {
  return 100 * f.level * f.distance * f.vertical * f.horizontal * f.rake;
}

/** Several obstructions on one seat combine as independent losses: 1 − Π(1 − s). */
export function combineSeverities(severities: readonly number[]): number {
  let keep = 1;
  for (const s of severities) keep *= 1 - Math.min(1, Math.max(0, s));
  return 1 - keep;
}
