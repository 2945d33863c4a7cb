/**
 * Hollywood Pantages Theatre, 6233 Hollywood Blvd, Los Angeles — touring house.
 * Facts: docs/domain.md §3 gives only "about 2,700 seats". The layout (a deep orchestra with
 * rows to EE, a large Front and Rear Mezzanine) follows the usual description of this
 * 1930 movie palace; per-row counts are reconstructed to the total (weak).
 */
import type { VenueSpec } from '../venue-spec.js';
import { block, inSections } from './spec-builders.js';

const GUIDES =
  'docs/domain.md §3 (capacity only); layout reconstructed from the common description of the house (weak)';
const ORCH = ['orchestra-left', 'orchestra-center', 'orchestra-right'];
const ORCH_ROWS = 'A-H,J-Z,AA-EE';

// A wide, deep orchestra on a steady rake; stage about 1 m high (weak).
const orchPhysical = { distance0: 4, rowDepth: 1.8, elevation0: 0.2, rakePerRow: 0.2 };
const orchDraw = { y0: 2, rowDepth: 1.3, curve: 0.006 };
// Front mezzanine hangs over the back third of the orchestra; the rear mezzanine climbs far back.
const fmPhysical = { distance0: 34, rowDepth: 1.7, elevation0: 11, rakePerRow: 0.8 };
const fmDraw = { y0: 46, rowDepth: 1.3, curve: 0.006 };
const rmPhysical = { distance0: 49, rowDepth: 1.7, elevation0: 18, rakePerRow: 0.85 };
const rmDraw = { y0: 58, rowDepth: 1.3, curve: 0.006 };

export const hollywoodPantagesSpec: VenueSpec = {
  id: 'hollywood-pantages',
  name: 'Hollywood Pantages Theatre',
  city: 'Los Angeles',
  timeZone: 'America/Los_Angeles',
  capacity: 2700,
  stage: { width: 36, depth: 18 },
  groups: [
    { id: 'orchestra', name: 'Orchestra', level: 'orchestra', aliases: ['ORCH', 'ORC'] },
    {
      id: 'front-mezzanine',
      name: 'Front Mezzanine',
      level: 'mezzanine',
      aliases: ['FMEZZ', 'Front Mezz', 'FMEZ', 'Mezz Front'],
    },
    {
      id: 'rear-mezzanine',
      name: 'Rear Mezzanine',
      level: 'mezzanine',
      aliases: ['RMEZZ', 'Rear Mezz', 'RMEZ', 'Mezz Rear'],
    },
    { id: 'mezzanine', name: 'Mezzanine', level: 'mezzanine', aliases: ['MEZZ', 'MEZ'] },
  ],
  sections: [
    block({
      id: 'orchestra-left',
      name: 'Orchestra Left',
      level: 'orchestra',
      groups: ['orchestra'],
      aliases: ['Left Orchestra', 'Orch Left', 'ORCHL', 'ORCH L'],
      side: 'left',
      numbering: 'odd',
      x: -9.5,
      rowOrder: ORCH_ROWS,
      rows: [
        ['A-C', 11],
        ['D-H', 13],
        ['J-R', 15],
        ['S-Z', 17],
        ['AA-EE', 18],
      ],
      physical: orchPhysical,
      draw: orchDraw,
    }),
    block({
      id: 'orchestra-center',
      name: 'Orchestra Center',
      level: 'orchestra',
      groups: ['orchestra'],
      aliases: ['Center Orchestra', 'Orch Center', 'Orch Ctr', 'ORCHC', 'ORCH C'],
      side: 'center',
      numbering: 'consecutive',
      x: 0,
      rowOrder: ORCH_ROWS,
      rows: [
        ['A-B', 14, 102],
        ['C-EE', 16],
      ],
      physical: orchPhysical,
      draw: orchDraw,
    }),
    block({
      id: 'orchestra-right',
      name: 'Orchestra Right',
      level: 'orchestra',
      groups: ['orchestra'],
      aliases: ['Right Orchestra', 'Orch Right', 'ORCHR', 'ORCH R'],
      side: 'right',
      numbering: 'even',
      x: 9.5,
      rowOrder: ORCH_ROWS,
      rows: [
        ['A-C', 11],
        ['D-H', 13],
        ['J-R', 15],
        ['S-Z', 17],
        ['AA-EE', 18],
      ],
      physical: orchPhysical,
      draw: orchDraw,
    }),
    block({
      id: 'front-mezzanine-left',
      name: 'Front Mezzanine Left',
      level: 'mezzanine',
      groups: ['front-mezzanine', 'mezzanine'],
      aliases: ['Front Mezz Left', 'FMEZZL', 'FMEZZ L', 'Left Front Mezz'],
      side: 'left',
      numbering: 'odd',
      x: -9.5,
      rowOrder: 'A-H',
      rows: [
        ['A-C', 16],
        ['D-H', 17],
      ],
      physical: fmPhysical,
      draw: fmDraw,
    }),
    block({
      id: 'front-mezzanine-center',
      name: 'Front Mezzanine Center',
      level: 'mezzanine',
      groups: ['front-mezzanine', 'mezzanine'],
      aliases: ['Front Mezz Center', 'FMEZZC', 'FMEZZ C', 'Center Front Mezz'],
      side: 'center',
      numbering: 'consecutive',
      x: 0,
      rowOrder: 'A-H',
      rows: [['A-H', 16]],
      physical: fmPhysical,
      draw: fmDraw,
    }),
    block({
      id: 'front-mezzanine-right',
      name: 'Front Mezzanine Right',
      level: 'mezzanine',
      groups: ['front-mezzanine', 'mezzanine'],
      aliases: ['Front Mezz Right', 'FMEZZR', 'FMEZZ R', 'Right Front Mezz'],
      side: 'right',
      numbering: 'even',
      x: 9.5,
      rowOrder: 'A-H',
      rows: [
        ['A-C', 16],
        ['D-H', 17],
      ],
      physical: fmPhysical,
      draw: fmDraw,
    }),
    block({
      id: 'rear-mezzanine-left',
      name: 'Rear Mezzanine Left',
      level: 'mezzanine',
      groups: ['rear-mezzanine', 'mezzanine'],
      aliases: ['Rear Mezz Left', 'RMEZZL', 'RMEZZ L', 'Left Rear Mezz'],
      side: 'left',
      numbering: 'odd',
      x: -9.5,
      rowOrder: 'J-Z',
      rows: [
        ['J-P', 17],
        ['Q-Z', 18],
      ],
      physical: rmPhysical,
      draw: rmDraw,
    }),
    block({
      id: 'rear-mezzanine-center',
      name: 'Rear Mezzanine Center',
      level: 'mezzanine',
      groups: ['rear-mezzanine', 'mezzanine'],
      aliases: ['Rear Mezz Center', 'RMEZZC', 'RMEZZ C', 'Center Rear Mezz'],
      side: 'center',
      numbering: 'consecutive',
      x: 0,
      rowOrder: 'J-Z',
      rows: [['J-Z', 16]],
      physical: rmPhysical,
      draw: rmDraw,
    }),
    block({
      id: 'rear-mezzanine-right',
      name: 'Rear Mezzanine Right',
      level: 'mezzanine',
      groups: ['rear-mezzanine', 'mezzanine'],
      aliases: ['Rear Mezz Right', 'RMEZZR', 'RMEZZ R', 'Right Rear Mezz'],
      side: 'right',
      numbering: 'even',
      x: 9.5,
      rowOrder: 'J-Z',
      rows: [
        ['J-P', 17],
        ['Q-Z', 18],
      ],
      physical: rmPhysical,
      draw: rmDraw,
    }),
  ],
  viewNotes: [
    {
      id: 'pantages-overhang',
      kind: 'overhang',
      text: 'Under the mezzanine overhang: the top of the stage may be cut off',
      severity: 0.2,
      where: inSections(ORCH, ['BB', 'EE']),
      source: 'The front mezzanine hangs over the back orchestra rows (reconstructed, weak)',
    },
    {
      id: 'pantages-orch-far-side',
      kind: 'side-angle',
      text: 'Far side seat: the near edge of the stage is out of sight',
      severity: 0.1,
      where: [
        { section: 'orchestra-left', seats: [27, 35] },
        { section: 'orchestra-right', seats: [28, 36] },
      ],
      source: 'Geometry of a wide orchestra: the outer seats of the side blocks (estimate, weak)',
    },
    {
      id: 'pantages-fmezz-rail',
      kind: 'rail',
      text: 'Safety rail in front of the first mezzanine row may cross the view',
      severity: 0.06,
      where: inSections(
        ['front-mezzanine-left', 'front-mezzanine-center', 'front-mezzanine-right'],
        ['A', 'A'],
      ),
      source: 'Usual for mezzanine front rows (weak)',
    },
    {
      id: 'pantages-rmezz-rail',
      kind: 'rail',
      text: 'Cross-aisle rail in front of this row may cross the view',
      severity: 0.05,
      where: inSections(['rear-mezzanine-left', 'rear-mezzanine-center', 'rear-mezzanine-right'], ['J', 'J']),
      source: 'Usual behind a mezzanine cross-aisle (weak)',
    },
  ],
  sources: [
    GUIDES,
    'Capacity about 2,700 (docs/domain.md §3)',
    'Numbering: left odd, right even, centre 101+ (Broadway convention, assumed)',
  ],
};
