/**
 * Orpheum Theatre, San Francisco (1926): the cross-section and plan for the sightline model
 * (metres; see sightlines/theatre-geometry.ts). Only the level totals are sourced
 * (docs/domain.md §3): every figure is estimated from the seat map (orpheum-sf.data.ts) and
 * standard theatre-design figures. The mezzanine soffit is set so its overhang reaches the
 * set over orchestra row W, where the seat map's (reconstructed, weak) overhang note starts.
 */
import { estimated, type VenueGeometry } from '../sightlines/theatre-geometry.js';
import {
  EYE_HEIGHT,
  FOCUS_DEPTH,
  HAMILTON_SET_HEIGHT,
  HEAD_ABOVE_EYE,
  LEAN,
  SEAT_WIDTH,
  stageHeightFromFirstRow,
} from '../sightlines/standard-figures.js';

const STAGE = stageHeightFromFirstRow(0.1);

/** Each box's downstage partition: 1.5 m in front of its seats, its inner end 0.5 m inside the first seat. */
const boxWall = (letter: string, side: 'left' | 'right', k: number) => ({
  id: `box-${letter}-wall`,
  sections: [`box-${letter}`],
  side,
  x: estimated(
    side === 'left' ? -11 : 11,
    'the box front 0.5 m inside its first seat (seat map x ±23 seat widths)',
  ),
  y: estimated(
    [1.5, 3][k % 2] - 1.5,
    'the partition 1.5 m downstage of the box seats (seat map distance 3 / 6 seat widths)',
  ),
});

export const orpheumSfGeometry: VenueGeometry = {
  venueId: 'orpheum-sf',
  seatWidth: SEAT_WIDTH,
  eyeHeight: EYE_HEIGHT,
  headAboveEye: HEAD_ABOVE_EYE,
  lean: LEAN,
  stage: {
    height: estimated(
      STAGE,
      'the seat map puts orchestra row A eyes 0.05 m above the stage floor; with a 1.12 m seated eye that is a 1.07 m stage',
    ),
    depth: estimated(8, 'the seat map stage'),
    prosceniumSetback: estimated(1, 'a typical apron of about 1 m'),
    prosceniumWidth: estimated(14, 'about 46 ft, typical of a 2,200-seat 1926 vaudeville palace'),
    prosceniumHeight: estimated(9, 'about 30 ft, typical of a 2,200-seat 1926 vaudeville palace'),
    setHeight: HAMILTON_SET_HEIGHT,
    focusDepth: FOCUS_DEPTH,
  },
  tiers: [
    {
      id: 'mezzanine',
      name: 'mezzanine',
      sections: ['mezzanine-left', 'mezzanine-center', 'mezzanine-right'],
      frontEdge: estimated(
        17.5,
        'the seat map puts mezzanine row A at 18 m; its parapet 0.5 m in front of the eyes',
      ),
      soffit: estimated(
        4.6,
        'below the mezzanine floor at row A (5.45 m), less the structure; set so the overhang reaches the set over orchestra row W (the seat map note, weak)',
      ),
      railTop: estimated(6.25, 'the mezzanine floor at row A (5.45 m) plus a 0.8 m parapet'),
    },
    {
      id: 'balcony',
      name: 'balcony',
      sections: ['balcony-left', 'balcony-center', 'balcony-right'],
      frontEdge: estimated(
        21.5,
        'the seat map puts balcony row A at 22 m; its parapet 0.5 m in front of the eyes',
      ),
      soffit: estimated(
        9.8,
        'below the balcony floor at row A (10.45 m), less the structure; above the heads of the mezzanine rows beneath',
      ),
      railTop: estimated(11.25, 'the balcony floor at row A (10.45 m) plus a 0.8 m parapet'),
    },
  ],
  rails: [],
  columns: [],
  boxWalls: [
    ...['a', 'b', 'c', 'd'].map((l, k) => boxWall(l, 'left', k)),
    ...['e', 'f', 'g', 'h'].map((l, k) => boxWall(l, 'right', k)),
  ],
  sources: [
    'docs/domain.md §3 (level totals only; the layout is reconstructed, weak)',
    'The seat map (orpheum-sf.data.ts): row distances and eye heights',
    'Standard theatre-design figures: seated eye 1.12 m, C-value 0.09–0.12 m, row pitch about 0.9 m',
  ],
};
