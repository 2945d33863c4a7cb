/**
 * Richard Rodgers Theatre, 226 W 46th St, New York — Hamilton's Broadway home.
 * Facts: docs/domain.md §3 (public seating guides and reviews). Capacity about 1,319 (some
 * sources say up to 1,380): orchestra about 800 (Left / Center / Right, up to 41 across),
 * Front and Rear Mezzanine about 250 each, 8 boxes of 3.
 * Row letters, exact per-row counts and the box layout are reconstructed to match those
 * totals (weak: no official per-row chart was available).
 */
import type { VenueSpec } from '../venue-spec.js';
import { block, box, boxAliases, inSections } from './spec-builders.js';

const GUIDES = 'docs/domain.md §3 (public seating guides / reviews of the Richard Rodgers)';
const ORCH = ['orchestra-left', 'orchestra-center', 'orchestra-right'];
const FMEZZ = ['front-mezzanine-left', 'front-mezzanine-center', 'front-mezzanine-right'];

const ORCH_ROWS = 'AA,A-H,J-X';
// Orchestra: row AA about 1.5 m from the stage lip, 0.9 m row pitch. The stage is high (about
// 1.2 m), so front-row eyes sit about at stage-floor height. Nearly flat floor to K; the rake
// starts at row L (docs/domain.md: "row L is valued for the start of the rake").
const orchPhysical = {
  distance0: 3,
  rowDepth: 1.8,
  elevation0: -0.2,
  flatRise: 0.05,
  rakeFrom: 'L',
  rakePerRow: 0.3,
};
const orchDraw = { y0: 2, rowDepth: 1.4, curve: 0.008 };
// Front Mezzanine: its front edge hangs over orchestra row M (distance 3 + 12 × 1.8 ≈ 25);
// mezzanine floor about 4.5 m above the orchestra floor (typical Broadway house; weak).
const fmPhysical = { distance0: 25, rowDepth: 1.7, elevation0: 9, rakePerRow: 0.8 };
const fmDraw = { y0: 42, rowDepth: 1.4, curve: 0.008 };
// Rear Mezzanine: behind a cross-aisle, lettered again from A (weak: as many Broadway houses do).
const rmPhysical = { distance0: 36, rowDepth: 1.7, elevation0: 14, rakePerRow: 0.8 };
const rmDraw = { y0: 52, rowDepth: 1.4, curve: 0.008 };
// Boxes on the side walls near the stage, two levels (weak: reconstructed layout).
const boxPhysical = (k: number) => ({
  distance0: 4 + (k % 2) * 3,
  rowDepth: 1,
  elevation0: k < 2 ? 5 : 9,
  rakePerRow: 0,
});

export const richardRodgersSpec: VenueSpec = {
  id: 'richard-rodgers',
  name: 'Richard Rodgers Theatre',
  city: 'New York',
  timeZone: 'America/New_York',
  capacity: 1319,
  stage: { width: 30, depth: 16 },
  groups: [
    { id: 'orchestra', name: 'Orchestra', level: 'orchestra', aliases: ['ORCH', 'ORC', 'ORCHESTRA'] },
    {
      id: 'front-mezzanine',
      name: 'Front Mezzanine',
      level: 'mezzanine',
      aliases: ['FMEZZ', 'Front Mezz', 'FMEZ', 'F Mezz', 'Mezz Front'],
    },
    {
      id: 'rear-mezzanine',
      name: 'Rear Mezzanine',
      level: 'mezzanine',
      aliases: ['RMEZZ', 'Rear Mezz', 'RMEZ', 'R Mezz', 'Mezz Rear'],
    },
    { id: 'mezzanine', name: 'Mezzanine', level: 'mezzanine', aliases: ['Mezz', 'MEZ'] },
    { id: 'boxes', name: 'Boxes', level: 'box', aliases: ['Box', 'Box Seats'] },
  ],
  sections: [
    // Left side odd numbers from the aisle to the wall; right side even; centre 101–114 (docs/domain.md §3).
    block({
      id: 'orchestra-left',
      name: 'Orchestra Left',
      level: 'orchestra',
      groups: ['orchestra'],
      aliases: ['Left Orchestra', 'Orch Left', 'ORCHL', 'ORCH L', 'Orchestra L'],
      side: 'left',
      numbering: 'odd',
      x: -8.5,
      rowOrder: ORCH_ROWS,
      rows: [
        ['AA', 4],
        ['A', 5],
        ['B-E', 7],
        ['F-K', 9],
        ['L-R', 11],
        ['S-V', 12],
        ['W-X', 14],
      ],
      physical: orchPhysical,
      draw: orchDraw,
    }),
    block({
      id: 'orchestra-center',
      name: 'Orchestra Center',
      level: 'orchestra',
      groups: ['orchestra'],
      aliases: [
        'Center Orchestra',
        'Orch Center',
        'Orch Ctr',
        'ORCHC',
        'ORCH C',
        'Orchestra C',
        'Centre Orchestra',
      ],
      side: 'center',
      numbering: 'consecutive',
      x: 0,
      rowOrder: ORCH_ROWS,
      rows: [
        ['AA', 10, 102],
        ['A', 12, 102],
        ['B-X', 14],
      ],
      physical: orchPhysical,
      draw: orchDraw,
    }),
    block({
      id: 'orchestra-right',
      name: 'Orchestra Right',
      level: 'orchestra',
      groups: ['orchestra'],
      aliases: ['Right Orchestra', 'Orch Right', 'ORCHR', 'ORCH R', 'Orchestra R'],
      side: 'right',
      numbering: 'even',
      x: 8.5,
      rowOrder: ORCH_ROWS,
      rows: [
        ['AA', 4],
        ['A', 5],
        ['B-E', 7],
        ['F-K', 9],
        ['L-R', 11],
        ['S-V', 12],
        ['W-X', 13],
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
      x: -8.5,
      rowOrder: 'A-F',
      rows: [
        ['A-B', 13],
        ['C-E', 14],
        ['F', 15],
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
      rowOrder: 'A-F',
      rows: [['A-F', 14]],
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
      x: 8.5,
      rowOrder: 'A-F',
      rows: [
        ['A-B', 13],
        ['C-E', 14],
        ['F', 15],
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
      x: -8.5,
      rowOrder: 'A-G',
      rows: [
        ['A-B', 10],
        ['C-F', 11],
        ['G', 12],
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
      rowOrder: 'A-G',
      rows: [['A-G', 14]],
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
      x: 8.5,
      rowOrder: 'A-G',
      rows: [
        ['A-B', 10],
        ['C-F', 11],
        ['G', 12],
      ],
      physical: rmPhysical,
      draw: rmDraw,
    }),
    ...(['A', 'B', 'C', 'D'] as const).map((l, k) =>
      box(`box-${l.toLowerCase()}`, `Box ${l}`, boxAliases(l), 'left', -20, 3, boxPhysical(k), 3 + k * 3),
    ),
    ...(['E', 'F', 'G', 'H'] as const).map((l, k) =>
      box(`box-${l.toLowerCase()}`, `Box ${l}`, boxAliases(l), 'right', 20, 3, boxPhysical(k), 3 + k * 3),
    ),
  ],
  viewNotes: [
    {
      id: 'rr-high-stage',
      kind: 'close-to-stage',
      text: 'Very close under a high stage: you look up and may strain your neck',
      severity: 0.1,
      where: inSections(ORCH, ['AA', 'A']),
      source: `${GUIDES}: "high stage: rows AA/A strain the neck"`,
    },
    {
      id: 'rr-overhang-begins',
      kind: 'overhang',
      text: 'The mezzanine overhang begins overhead; the very top of the set may be cut off',
      severity: 0.06,
      where: inSections(ORCH, ['M', 'S']),
      source: `${GUIDES}: "the mezzanine overhang begins over row M"`,
    },
    {
      id: 'rr-overhang-deep',
      kind: 'overhang',
      text: 'Under the mezzanine overhang: the top of the stage is cut off',
      severity: 0.3,
      where: inSections(ORCH, ['T', 'X']),
      source: `${GUIDES}: "cuts the top of the stage badly after row S; back rows W–X are under the overhang"`,
    },
    {
      id: 'rr-orch-far-side',
      kind: 'side-angle',
      text: 'Far side seat: the near edge of the stage is out of sight',
      severity: 0.12,
      where: [
        { section: 'orchestra-left', seats: [19, 27] },
        { section: 'orchestra-right', seats: [18, 26] },
      ],
      source: `${GUIDES}: "far side seats lose a stage edge" (where it starts, the 10th seat out, is an estimate)`,
    },
    {
      id: 'rr-mezz-far-side',
      kind: 'side-angle',
      text: 'Far side of the mezzanine: the near edge of the stage may be cut off',
      severity: 0.08,
      where: [
        { section: 'front-mezzanine-left', seats: [21, 29] },
        { section: 'front-mezzanine-right', seats: [20, 28] },
        { section: 'rear-mezzanine-left', seats: [17, 23] },
        { section: 'rear-mezzanine-right', seats: [16, 22] },
      ],
      source: `${GUIDES}: "far side seats lose a stage edge" (applied to the mezzanine's outer seats by estimate, weak)`,
    },
    {
      id: 'rr-boxes',
      kind: 'box-angle',
      text: 'Side box: part of the stage on this side is out of sight',
      severity: 0.15,
      where: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((l) => ({ section: `box-${l}` })),
      source: `${GUIDES}: "boxes lose a stage edge"`,
    },
    {
      id: 'rr-fmezz-rail',
      kind: 'rail',
      text: 'Safety rail in front of the first mezzanine row may cross the view',
      severity: 0.06,
      where: inSections(FMEZZ, ['A', 'A']),
      source: 'Usual for Broadway mezzanine front rows; not specific to this theatre in the sources (weak)',
    },
    {
      id: 'rr-wheelchair-h',
      kind: 'access',
      text: 'Wheelchair spaces in this row',
      severity: 0,
      where: inSections(ORCH, ['H', 'H']),
      source: `${GUIDES}: "wheelchair spaces in row H"`,
    },
  ],
  sources: [
    GUIDES,
    'Capacity 1,319 (docs/domain.md; some sources up to 1,380; standing room is not mapped)',
    'Numbering: left side odd from the aisle to the wall, right side even, centre 101–114 (docs/domain.md §3)',
    'Per-row seat counts, row letters behind the cross-aisle and the box layout: reconstructed to match the totals (weak)',
  ],
};
