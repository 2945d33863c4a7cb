/**
 * Richard Rodgers Theatre: the cross-section and plan for the sightline model (metres; see
 * sightlines/theatre-geometry.ts). No measured drawing of the house is public: every figure
 * is estimated from the seat map (richard-rodgers.data.ts), docs/domain.md §3 and standard
 * theatre-design figures, and says how. The mezzanine soffit is calibrated so the overhang
 * starts to cut the top of the opening over row M and reaches the set after row S, as the
 * guides report (docs/domain.md §3).
 */
import { estimated, type VenueGeometry } from '../sightlines/theatre-geometry.js';
import {
  FOCUS_DEPTH,
  HAMILTON_SET_HEIGHT,
  SEATED_SPECTATOR,
  stackedBoxWalls,
  stageHeightFromFirstRow,
} from '../sightlines/standard-figures.js';

const MEZZ = [
  'front-mezzanine-left',
  'front-mezzanine-center',
  'front-mezzanine-right',
  'rear-mezzanine-left',
  'rear-mezzanine-center',
  'rear-mezzanine-right',
];
const STAGE = stageHeightFromFirstRow(-0.2);

export const richardRodgersGeometry: VenueGeometry = {
  venueId: 'richard-rodgers',
  ...SEATED_SPECTATOR,
  stage: {
    height: estimated(
      STAGE,
      'the seat map puts row AA eyes 0.1 m below the stage floor (elevation −0.2 seat widths); with a 1.12 m seated eye that is a 1.22 m stage ("a high stage", docs/domain.md §3)',
    ),
    depth: estimated(8, 'the seat map stage (16 seat widths); a typical Broadway stage depth'),
    prosceniumSetback: estimated(1, 'a typical Broadway apron of about 1 m'),
    prosceniumWidth: estimated(12.2, 'about 40 ft, typical of 1,300-seat Broadway houses of the 1920s'),
    prosceniumHeight: estimated(7.3, 'about 24 ft, typical of 1,300-seat Broadway houses of the 1920s'),
    setHeight: HAMILTON_SET_HEIGHT,
    focusDepth: FOCUS_DEPTH,
  },
  tiers: [
    {
      id: 'mezzanine',
      name: 'mezzanine',
      sections: MEZZ,
      frontEdge: estimated(
        12,
        'the seat map puts front mezzanine row A at 12.5 m; the parapet about 0.5 m in front of its eyes, over orchestra row M ("the overhang begins over row M", docs/domain.md §3)',
      ),
      soffit: estimated(
        3.6,
        'below the first mezzanine row (its eyes 5.7 m up: floor 4.6 m, less a 1 m structure); calibrated so the cut reaches the top of the opening over row M and the set after row S (docs/domain.md §3)',
      ),
      railTop: estimated(5.4, 'the mezzanine floor at row A (4.6 m) plus a 0.8 m parapet'),
    },
  ],
  rails: [],
  columns: [],
  boxWalls: stackedBoxWalls({ x: 9.5, xSeatWidths: 20, depths: [2, 3.5], seatMapDistances: '4 / 7' }),
  sources: [
    'docs/domain.md §3 (public seating guides: high stage, overhang from row M and bad after S, boxes lose a stage edge)',
    'The seat map (richard-rodgers.data.ts): row distances and eye heights',
    'Standard theatre-design figures: seated eye 1.12 m, C-value 0.09–0.12 m, row pitch about 0.9 m',
  ],
};
