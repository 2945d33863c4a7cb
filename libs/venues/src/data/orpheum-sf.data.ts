/**
 * Orpheum Theatre, 1192 Market St, San Francisco — touring house.
 * Facts: docs/domain.md §3: about 2,200 seats: 1,257 orchestra, 448 mezzanine, 292 balcony
 * (the rest, about 200, are boxes and standing/loge positions; 8 boxes of 6 are mapped here,
 * weak). Row letters and per-row counts are reconstructed to those level totals (weak).
 */
import type { VenueSpec } from '../venue-spec.js';
import { block, box, boxAliases, inSections } from './spec-builders.js';

const GUIDES = 'docs/domain.md §3 (level totals: 1,257 orchestra, 448 mezzanine, 292 balcony)';
const ORCH = ['orchestra-left', 'orchestra-center', 'orchestra-right'];
const ORCH_ROWS = 'A-H,J-Z,AA-DD';

const orchPhysical = { distance0: 3.5, rowDepth: 1.8, elevation0: 0.1, rakePerRow: 0.2 };
const orchDraw = { y0: 2, rowDepth: 1.3, curve: 0.006 };
const mezzPhysical = { distance0: 36, rowDepth: 1.7, elevation0: 11, rakePerRow: 0.8 };
const mezzDraw = { y0: 43, rowDepth: 1.3, curve: 0.006 };
const balcPhysical = { distance0: 44, rowDepth: 1.7, elevation0: 21, rakePerRow: 0.9 };
const balcDraw = { y0: 56, rowDepth: 1.3, curve: 0.006 };
const boxPhysical = (k: number) => ({
  distance0: 3 + (k % 2) * 3,
  rowDepth: 1,
  elevation0: k < 2 ? 5 : 10,
  rakePerRow: 0,
});

export const orpheumSfSpec: VenueSpec = {
  id: 'orpheum-sf',
  name: 'Orpheum Theatre',
  city: 'San Francisco',
  timeZone: 'America/Los_Angeles',
  capacity: 2200,
  stage: { width: 34, depth: 16 },
  groups: [
    { id: 'orchestra', name: 'Orchestra', level: 'orchestra', aliases: ['ORCH', 'ORC'] },
    { id: 'mezzanine', name: 'Mezzanine', level: 'mezzanine', aliases: ['MEZZ', 'MEZ'] },
    { id: 'balcony', name: 'Balcony', level: 'balcony', aliases: ['BALC', 'BAL'] },
    { id: 'boxes', name: 'Boxes', level: 'box', aliases: ['Box', 'Box Seats'] },
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
      x: -8.5,
      rowOrder: ORCH_ROWS,
      rows: [
        ['A-C', 11],
        ['D-H', 13],
        ['J-R', 15],
        ['S-Z', 16],
        ['AA-DD', 17],
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
        ['A-B', 12, 102],
        ['C-DD', 14],
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
      x: 8.5,
      rowOrder: ORCH_ROWS,
      rows: [
        ['A-C', 11],
        ['D-H', 13],
        ['J-R', 15],
        ['S-Z', 16],
        ['AA-DD', 16],
      ],
      physical: orchPhysical,
      draw: orchDraw,
    }),
    block({
      id: 'mezzanine-left',
      name: 'Mezzanine Left',
      level: 'mezzanine',
      groups: ['mezzanine'],
      aliases: ['Left Mezzanine', 'Mezz Left', 'MEZZL', 'MEZZ L'],
      side: 'left',
      numbering: 'odd',
      x: -9.5,
      rowOrder: 'A-H',
      rows: [['A-H', 20]],
      physical: mezzPhysical,
      draw: mezzDraw,
    }),
    block({
      id: 'mezzanine-center',
      name: 'Mezzanine Center',
      level: 'mezzanine',
      groups: ['mezzanine'],
      aliases: ['Center Mezzanine', 'Mezz Center', 'Mezz Ctr', 'MEZZC', 'MEZZ C'],
      side: 'center',
      numbering: 'consecutive',
      x: 0,
      rowOrder: 'A-H',
      rows: [['A-H', 16]],
      physical: mezzPhysical,
      draw: mezzDraw,
    }),
    block({
      id: 'mezzanine-right',
      name: 'Mezzanine Right',
      level: 'mezzanine',
      groups: ['mezzanine'],
      aliases: ['Right Mezzanine', 'Mezz Right', 'MEZZR', 'MEZZ R'],
      side: 'right',
      numbering: 'even',
      x: 9.5,
      rowOrder: 'A-H',
      rows: [['A-H', 20]],
      physical: mezzPhysical,
      draw: mezzDraw,
    }),
    block({
      id: 'balcony-left',
      name: 'Balcony Left',
      level: 'balcony',
      groups: ['balcony'],
      aliases: ['Left Balcony', 'Balc Left', 'BALCL', 'BALC L'],
      side: 'left',
      numbering: 'odd',
      x: -8.5,
      rowOrder: 'A-H',
      rows: [
        ['A-G', 11],
        ['H', 13],
      ],
      physical: balcPhysical,
      draw: balcDraw,
    }),
    block({
      id: 'balcony-center',
      name: 'Balcony Center',
      level: 'balcony',
      groups: ['balcony'],
      aliases: ['Center Balcony', 'Balc Center', 'BALCC', 'BALC C'],
      side: 'center',
      numbering: 'consecutive',
      x: 0,
      rowOrder: 'A-H',
      rows: [['A-H', 14]],
      physical: balcPhysical,
      draw: balcDraw,
    }),
    block({
      id: 'balcony-right',
      name: 'Balcony Right',
      level: 'balcony',
      groups: ['balcony'],
      aliases: ['Right Balcony', 'Balc Right', 'BALCR', 'BALC R'],
      side: 'right',
      numbering: 'even',
      x: 8.5,
      rowOrder: 'A-H',
      rows: [
        ['A-G', 11],
        ['H', 13],
      ],
      physical: balcPhysical,
      draw: balcDraw,
    }),
    ...(['A', 'B', 'C', 'D'] as const).map((l, k) =>
      box(`box-${l.toLowerCase()}`, `Box ${l}`, boxAliases(l), 'left', -23, 6, boxPhysical(k), 3 + k * 3),
    ),
    ...(['E', 'F', 'G', 'H'] as const).map((l, k) =>
      box(`box-${l.toLowerCase()}`, `Box ${l}`, boxAliases(l), 'right', 23, 6, boxPhysical(k), 3 + k * 3),
    ),
  ],
  viewNotes: [
    {
      id: 'orpheum-overhang',
      kind: 'overhang',
      text: 'Under the mezzanine overhang: the top of the stage may be cut off',
      severity: 0.2,
      where: inSections(ORCH, ['W', 'DD']),
      source: 'The mezzanine hangs over the back orchestra rows (reconstructed, weak)',
    },
    {
      id: 'orpheum-boxes',
      kind: 'box-angle',
      text: 'Side box: part of the stage on this side is out of sight',
      severity: 0.15,
      where: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((l) => ({ section: `box-${l}` })),
      source: 'Side boxes of a 1926 house (weak; as at the Richard Rodgers, docs/domain.md §3)',
    },
    {
      id: 'orpheum-mezz-rail',
      kind: 'rail',
      text: 'Safety rail in front of the first mezzanine row may cross the view',
      severity: 0.06,
      where: inSections(['mezzanine-left', 'mezzanine-center', 'mezzanine-right'], ['A', 'A']),
      source: 'Usual for mezzanine front rows (weak)',
    },
    {
      id: 'orpheum-balcony-rail',
      kind: 'rail',
      text: 'Safety rail in front of the first balcony row crosses the view',
      severity: 0.1,
      where: inSections(['balcony-left', 'balcony-center', 'balcony-right'], ['A', 'A']),
      source: 'Usual for balcony front rows (weak)',
    },
    {
      id: 'orpheum-orch-far-side',
      kind: 'side-angle',
      text: 'Far side seat: the near edge of the stage is out of sight',
      severity: 0.1,
      where: [
        { section: 'orchestra-left', seats: [25, 33] },
        { section: 'orchestra-right', seats: [26, 32] },
      ],
      source: 'Geometry of the outer seats of the side blocks (estimate, weak)',
    },
  ],
  sources: [
    GUIDES,
    'Capacity about 2,200 (docs/domain.md §3)',
    'Numbering: left odd, right even, centre 101+ (Broadway convention, assumed)',
  ],
};
