/**
 * CIBC Theatre (1906): the cross-section and plan for the sightline model (metres; see
 * sightlines/theatre-geometry.ts). No measured drawing is public: figures are estimated
 * from the seat map (cibc.data.ts), docs/domain.md §3 and standard theatre-design figures.
 * The mezzanine soffit is calibrated so the overhang reaches the set after Dress Circle
 * row D; the two row-U columns stand where the guides put them (docs/domain.md §3).
 */
import { estimated, type VenueGeometry } from '../sightlines/theatre-geometry.js';
import {
  FOCUS_DEPTH,
  HAMILTON_SET_HEIGHT,
  SEATED_SPECTATOR,
  stageHeightFromFirstRow,
} from '../sightlines/standard-figures.js';

const STAGE = stageHeightFromFirstRow(0.3);
const COLUMN_WHERE =
  'in row U (18.6 m, the seat map) in line with the seats the guides name: "two columns in row U block left orchestra seats 2–6 and right orchestra seats 1–5, rows V to the back" (docs/domain.md §3)';

export const cibcGeometry: VenueGeometry = {
  venueId: 'cibc',
  ...SEATED_SPECTATOR,
  stage: {
    height: estimated(
      STAGE,
      'the seat map puts orchestra row A eyes 0.15 m above the stage floor; with a 1.12 m seated eye that is a 0.97 m stage',
    ),
    depth: estimated(8, 'the seat map stage (16 seat widths)'),
    prosceniumSetback: estimated(1, 'a typical apron of about 1 m'),
    prosceniumWidth: estimated(12.2, 'about 40 ft, typical of 1,800-seat Chicago houses of the 1900s'),
    prosceniumHeight: estimated(8.5, 'about 28 ft, typical of 1,800-seat Chicago houses of the 1900s'),
    setHeight: HAMILTON_SET_HEIGHT,
    focusDepth: FOCUS_DEPTH,
  },
  tiers: [
    {
      id: 'dress-circle',
      name: 'dress circle',
      sections: ['dress-circle-l', 'dress-circle-lc', 'dress-circle-c', 'dress-circle-rc', 'dress-circle-r'],
      frontEdge: estimated(
        23.5,
        'the seat map puts Dress Circle row A at 24 m; its front 0.5 m in front of the eyes',
      ),
      soffit: estimated(
        2.35,
        'a raised platform on the orchestra floor, no underside: its floor (row A eyes 3.47 m less 1.12 m)',
      ),
      railTop: estimated(3.15, 'the platform floor (2.35 m) plus a 0.8 m parapet'),
    },
    {
      id: 'mezzanine',
      name: 'mezzanine',
      sections: ['mezzanine-left', 'mezzanine-center', 'mezzanine-right'],
      frontEdge: estimated(
        14.5,
        'the seat map puts mezzanine row A at 15 m; its parapet 0.5 m in front of the eyes',
      ),
      soffit: estimated(
        5.0,
        'below the mezzanine floor at row A (5.85 m), less the structure; calibrated so the overhang reaches the set after Dress Circle row D ("cuts the view above the stage after row D", docs/domain.md §3)',
      ),
      railTop: estimated(6.65, 'the mezzanine floor at row A (5.85 m) plus a 0.8 m parapet'),
    },
    {
      id: 'balcony',
      name: 'balcony',
      sections: ['balcony-left', 'balcony-center', 'balcony-right'],
      frontEdge: estimated(
        19.5,
        'the seat map puts balcony row A at 20 m; its parapet 0.5 m in front of the eyes',
      ),
      soffit: estimated(
        10.35,
        'below the balcony floor at row A (10.85 m), less a 0.5 m structure; above the heads of the mezzanine rows beneath',
      ),
      railTop: estimated(11.65, 'the balcony floor at row A (10.85 m) plus a 0.8 m parapet'),
    },
  ],
  rails: [],
  columns: [
    {
      id: 'row-u-column-left',
      name: 'row U column',
      x: estimated(-4.7, COLUMN_WHERE),
      y: estimated(18.6, COLUMN_WHERE),
      top: estimated(5, 'it carries the mezzanine: up to its soffit'),
      diameter: estimated(
        0.8,
        'a cast-iron column of a 1906 house carrying the tiers, with its casing about 0.8 m across at eye level; calibrated so it blocks seats 2–6 from row V back as the guides report',
      ),
    },
    {
      id: 'row-u-column-right',
      name: 'row U column',
      x: estimated(4.7, COLUMN_WHERE),
      y: estimated(18.6, COLUMN_WHERE),
      top: estimated(5, 'it carries the mezzanine: up to its soffit'),
      diameter: estimated(
        0.8,
        'a cast-iron column of a 1906 house carrying the tiers, with its casing about 0.8 m across at eye level; calibrated so it blocks seats 2–6 from row V back as the guides report',
      ),
    },
  ],
  boxWalls: [],
  fans: [
    {
      sections: ['orchestra-left', 'orchestra-right'],
      focus: estimated(
        6,
        'radial side aisles: the guides name the same seat numbers (left 2–6, right 1–5) blocked in every row from V back, so each seat number lies on a line through the column towards the stage',
      ),
      reference: estimated(18.6, 'row U, where the columns stand (the seat map x is taken as true there)'),
    },
  ],
  sources: [
    'docs/domain.md §3 (public seating guides: the Dress Circle under the mezzanine, cut after row D; the row-U columns)',
    'The seat map (cibc.data.ts): row distances and eye heights',
    'Standard theatre-design figures: seated eye 1.12 m, C-value 0.09–0.12 m, row pitch about 0.9 m',
  ],
};
