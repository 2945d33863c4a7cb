/**
 * Hollywood Pantages Theatre (1930): the cross-section for the sightline model (metres; see
 * sightlines/theatre-geometry.ts). Only the capacity is sourced (docs/domain.md §3): every
 * figure is estimated from the seat map (hollywood-pantages.data.ts) and standard
 * theatre-design figures. The mezzanine soffit is set so its overhang reaches the set
 * over orchestra row BB, where the seat map's (reconstructed, weak) overhang note starts.
 */
import { estimated, type VenueGeometry } from '../sightlines/theatre-geometry.js';
import {
  FOCUS_DEPTH,
  HAMILTON_SET_HEIGHT,
  SEATED_SPECTATOR,
  stageHeightFromFirstRow,
} from '../sightlines/standard-figures.js';

const STAGE = stageHeightFromFirstRow(0.2);
const REAR = ['rear-mezzanine-left', 'rear-mezzanine-center', 'rear-mezzanine-right'];

export const hollywoodPantagesGeometry: VenueGeometry = {
  venueId: 'hollywood-pantages',
  ...SEATED_SPECTATOR,
  stage: {
    height: estimated(
      STAGE,
      'the seat map puts orchestra row A eyes 0.1 m above the stage floor; with a 1.12 m seated eye that is a 1.02 m stage',
    ),
    depth: estimated(8, 'the seat map stage'),
    prosceniumSetback: estimated(1, 'a typical apron of about 1 m'),
    prosceniumWidth: estimated(15.2, 'about 50 ft, typical of a 2,700-seat 1930 movie palace'),
    prosceniumHeight: estimated(9, 'about 30 ft, typical of a 2,700-seat 1930 movie palace'),
    setHeight: HAMILTON_SET_HEIGHT,
    focusDepth: FOCUS_DEPTH,
  },
  tiers: [
    {
      id: 'mezzanine',
      name: 'mezzanine',
      sections: ['front-mezzanine-left', 'front-mezzanine-center', 'front-mezzanine-right', ...REAR],
      frontEdge: estimated(
        16.5,
        'the seat map puts front mezzanine row A at 17 m; its parapet 0.5 m in front of the eyes',
      ),
      soffit: estimated(
        4.8,
        'below the mezzanine floor at row A (5.4 m), less the structure; set so the overhang reaches the set over orchestra row BB (the seat map note, weak)',
      ),
      railTop: estimated(6.2, 'the mezzanine floor at row A (5.4 m) plus a 0.8 m parapet'),
    },
  ],
  rails: [
    {
      id: 'rear-mezzanine-rail',
      name: 'cross-aisle rail',
      sections: REAR,
      row: 'J',
      distance: estimated(
        24,
        'the cross-aisle in front of rear mezzanine row J (24.5 m, the seat map), 0.5 m ahead',
      ),
      top: estimated(9.7, 'the floor at rear mezzanine row J (8.9 m) plus a 0.8 m rail'),
    },
  ],
  columns: [],
  boxWalls: [],
  sources: [
    'docs/domain.md §3 (capacity only; the layout is reconstructed, weak)',
    'The seat map (hollywood-pantages.data.ts): row distances and eye heights',
    'Standard theatre-design figures: seated eye 1.12 m, C-value 0.09–0.12 m, row pitch about 0.9 m',
  ],
};
