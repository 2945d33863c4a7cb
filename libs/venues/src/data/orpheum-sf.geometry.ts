/**
 * Orpheum Theatre, San Francisco (1926): the cross-section and plan for the sightline model
 * (metres; see sightlines/theatre-geometry.ts). Only the level totals are sourced
 * (docs/domain.md §3): every figure is estimated from the seat map (orpheum-sf.data.ts) and
 * standard theatre-design figures. The mezzanine soffit is set so its overhang reaches the
 * set over orchestra row W, where the seat map's (reconstructed, weak) overhang note starts.
 */
import { estimated, type VenueGeometry } from '../sightlines/theatre-geometry.js';
import {
  FOCUS_DEPTH,
  HAMILTON_SET_HEIGHT,
  SEATED_SPECTATOR,
  stackedBoxWalls,
  stageHeightFromFirstRow,
} from '../sightlines/standard-figures.js';

const STAGE = stageHeightFromFirstRow(0.1);

export const orpheumSfGeometry: VenueGeometry = {
  venueId: 'orpheum-sf',
  ...SEATED_SPECTATOR,
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
  boxWalls: stackedBoxWalls({ x: 11, xSeatWidths: 23, depths: [1.5, 3], seatMapDistances: '3 / 6' }),
  sources: [
    'docs/domain.md §3 (level totals only; the layout is reconstructed, weak)',
    'The seat map (orpheum-sf.data.ts): row distances and eye heights',
    'Standard theatre-design figures: seated eye 1.12 m, C-value 0.09–0.12 m, row pitch about 0.9 m',
  ],
};
