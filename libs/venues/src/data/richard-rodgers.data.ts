/**
 * Richard Rodgers Theatre, 226 W 46th St, New York — Hamilton's Broadway home.
 * Facts: DOMAIN.md §3 (public seating guides and reviews). Capacity about 1,319 (some
 * sources say up to 1,380): orchestra about 800 (Left / Center / Right, up to 41 across),
 * Front and Rear Mezzanine about 250 each, 8 boxes of 3.
 * Row letters, exact per-row counts and the box layout are reconstructed to match those
 * totals (weak: no official per-row chart was available).
 */
import type { SectionSpec, VenueSpec } from '../venue-spec.js';

const SOURCE_GUIDES = 'DOMAIN.md §3 (public seating guides / reviews of the Richard Rodgers)';

const ORCH_ROWS = 'AA,A-H,J-X';
// Orchestra physical layout: row AA about 1.5 m from the stage lip; 0.9 m row pitch. The stage
// is high (about 1.2 m), so front-row eyes sit about at stage-floor height. Flat-ish floor to K,
// the rake starts at row L (DOMAIN.md: "row L is valued for the start of the rake").
const orchPhysical = {
  distance0: 3,
  rowDepth: 1.8,
  elevation0: -0.2,
  flatRise: 0.05,
  rakeFrom: 'L',
  rakePerRow: 0.3,
};
const orchDraw = { y0: 2, rowDepth: 1.4, curve: 0.008 };

// Front Mezzanine: its front edge hangs over orchestra row M (distance ≈ 3 + 12·1.8); mezzanine
// floor about 4.5 m above the orchestra floor (assumed typical Broadway house, weak).
const fmPhysical = { distance0: 25, rowDepth: 1.7, elevation0: 9, rakePerRow: 0.8 };
const fmDraw = { y0: 44, rowDepth: 1.4, curve: 0.008 };
const rmPhysical = { distance0: 36, rowDepth: 1.7, elevation0: 14, rakePerRow: 0.8 };
const rmDraw = { y0: 54, rowDepth: 1.4, curve: 0.008 };

const side = (
  id: string,
  name: string,
  level: 'orchestra' | 'mezzanine',
  groups: string[],
  aliases: string[],
  sideOf: 'left' | 'right',
  rowOrder: string,
  rows: SectionSpec['rows'],
  physical: SectionSpec['physical'],
  draw: SectionSpec['draw'],
): SectionSpec => ({
  id,
  name,
  level,
  groups,
  aliases,
  // Left side: odd numbers from the aisle to the wall; right side: even (DOMAIN.md §3).
  numbering: sideOf === 'left' ? 'odd' : 'even',
  lowAt: sideOf === 'left' ? 'right' : 'left',
  align: 'low',
  x: sideOf === 'left' ? -8.5 : 8.5,
  rowOrder,
  rows,
  physical,
  draw,
});

const centre = (
  id: string,
  name: string,
  level: 'orchestra' | 'mezzanine',
  groups: string[],
  aliases: string[],
  rowOrder: string,
  rows: SectionSpec['rows'],
  physical: SectionSpec['physical'],
  draw: SectionSpec['draw'],
): SectionSpec => ({
  id,
  name,
  level,
  groups,
  aliases,
  // Centre block numbered 101–114 (DOMAIN.md / brief); 101 at house left (assumed).
  numbering: 'consecutive',
  lowAt: 'left',
  align: 'center',
  x: 0,
  rowOrder,
  rows,
  physical,
  draw,
});

const box = (letter: string, sideOf: 'left' | 'right', k: number): SectionSpec => ({
  id: `box-${letter.toLowerCase()}`,
  name: `Box ${letter}`,
  level: 'box',
  groups: ['boxes'],
  aliases: [`Box ${letter}`, `BX ${letter}`, `Box${letter}`],
  numbering: 'consecutive',
  lowAt: sideOf === 'left' ? 'right' : 'left',
  align: 'low',
  x: sideOf === 'left' ? -22 : 22,
  rowOrder: 'A',
  rows: [['A', 3]],
  // Boxes sit on the side walls at mezzanine height, near the stage (assumed layout, weak).
  physical: { distance0: 4 + k * 3, rowDepth: 1, elevation0: k < 2 ? 5 : 8, rakePerRow: 0 },
  draw: { y0: 4 + k * 3, x: 0 },
  anyRow: true,
});

export const richardRodgersSpec: VenueSpec = {
  id: 'richard-rodgers',
  name: 'Richard Rodgers Theatre',
  city: 'New York',
  timeZone: 'America/New_York',
  capacity: 1319,
  stage: { width: 30, depth: 16 },
  groups: [
    {
      id: 'orchestra',
      name: 'Orchestra',
      level: 'orchestra',
      aliases: ['ORCH', 'Orchestra', 'ORC', 'Orch Seating'],
    },
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
    { id: 'mezzanine', name: 'Mezzanine', level: 'mezzanine', aliases: ['Mezz', 'MEZ', 'Mezzanine'] },
    { id: 'boxes', name: 'Boxes', level: 'box', aliases: ['Box', 'Boxes', 'Box Seats'] },
  ],
  sections: [
    side(
      'orchestra-left',
      'Orchestra Left',
      'orchestra',
      ['orchestra'],
      ['Left Orchestra', 'Orch Left', 'ORCHL', 'ORCH L', 'Orchestra L'],
      'left',
      ORCH_ROWS,
      [
        ['AA', 4],
        ['A', 5],
        ['B-E', 7],
        ['F-K', 9],
        ['L-R', 11],
        ['S-V', 12],
        ['W-X', 14],
      ],
      orchPhysical,
      orchDraw,
    ),
    centre(
      'orchestra-center',
      'Orchestra Center',
      'orchestra',
      ['orchestra'],
      ['Center Orchestra', 'Orch Center', 'Orch Ctr', 'ORCHC', 'ORCH C', 'Orchestra C', 'Centre Orchestra'],
      ORCH_ROWS,
      [
        ['AA', 10],
        ['A', 12],
        ['B-X', 14],
      ],
      orchPhysical,
      orchDraw,
    ),
    side(
      'orchestra-right',
      'Orchestra Right',
      'orchestra',
      ['orchestra'],
      ['Right Orchestra', 'Orch Right', 'ORCHR', 'ORCH R', 'Orchestra R'],
      'right',
      ORCH_ROWS,
      [
        ['AA', 4],
        ['A', 5],
        ['B-E', 7],
        ['F-K', 9],
        ['L-R', 11],
        ['S-V', 12],
        ['W-X', 13],
      ],
      orchPhysical,
      orchDraw,
    ),
    side(
      'front-mezzanine-left',
      'Front Mezzanine Left',
      'mezzanine',
      ['front-mezzanine', 'mezzanine'],
      ['Front Mezz Left', 'FMEZZL', 'FMEZZ L', 'Left Front Mezz'],
      'left',
      'A-F',
      [
        ['A-B', 13],
        ['C-E', 14],
        ['F', 15],
      ],
      fmPhysical,
      fmDraw,
    ),
    centre(
      'front-mezzanine-center',
      'Front Mezzanine Center',
      'mezzanine',
      ['front-mezzanine', 'mezzanine'],
      ['Front Mezz Center', 'FMEZZC', 'FMEZZ C', 'Center Front Mezz'],
      'A-F',
      [['A-F', 14]],
      fmPhysical,
      fmDraw,
    ),
    side(
      'front-mezzanine-right',
      'Front Mezzanine Right',
      'mezzanine',
      ['front-mezzanine', 'mezzanine'],
      ['Front Mezz Right', 'FMEZZR', 'FMEZZ R', 'Right Front Mezz'],
      'right',
      'A-F',
      [
        ['A-B', 13],
        ['C-E', 14],
        ['F', 15],
      ],
      fmPhysical,
      fmDraw,
    ),
    side(
      'rear-mezzanine-left',
      'Rear Mezzanine Left',
      'mezzanine',
      ['rear-mezzanine', 'mezzanine'],
      ['Rear Mezz Left', 'RMEZZL', 'RMEZZ L', 'Left Rear Mezz'],
      'left',
      'A-G',
      [
        ['A-B', 10],
        ['C-F', 11],
        ['G', 12],
      ],
      rmPhysical,
      rmDraw,
    ),
    centre(
      'rear-mezzanine-center',
      'Rear Mezzanine Center',
      'mezzanine',
      ['rear-mezzanine', 'mezzanine'],
      ['Rear Mezz Center', 'RMEZZC', 'RMEZZ C', 'Center Rear Mezz'],
      'A-G',
      [['A-G', 14]],
      rmPhysical,
      rmDraw,
    ),
    side(
      'rear-mezzanine-right',
      'Rear Mezzanine Right',
      'mezzanine',
      ['rear-mezzanine', 'mezzanine'],
      ['Rear Mezz Right', 'RMEZZR', 'RMEZZ R', 'Right Rear Mezz'],
      'right',
      'A-G',
      [
        ['A-B', 10],
        ['C-F', 11],
        ['G', 12],
      ],
      rmPhysical,
      rmDraw,
    ),
    box('A', 'left', 0),
    box('B', 'left', 1),
    box('C', 'left', 2),
    box('D', 'left', 3),
    box('E', 'right', 0),
    box('F', 'right', 1),
    box('G', 'right', 2),
    box('H', 'right', 3),
  ],
  viewNotes: [
    {
      id: 'rr-high-stage',
      kind: 'close-to-stage',
      text: 'Very close under a high stage: you look up and may strain your neck',
      severity: 0.1,
      where: ['orchestra-left', 'orchestra-center', 'orchestra-right'].map((section) => ({
        section,
        rows: ['AA', 'A'] as [string, string],
      })),
      source: `${SOURCE_GUIDES}: "high stage: rows AA/A strain the neck"`,
    },
    {
      id: 'rr-overhang-begins',
      kind: 'overhang',
      text: 'The mezzanine overhang begins overhead; the top of the set is a little cut off',
      severity: 0.08,
      where: ['orchestra-left', 'orchestra-center', 'orchestra-right'].map((section) => ({
        section,
        rows: ['M', 'S'] as [string, string],
      })),
      source: `${SOURCE_GUIDES}: "the mezzanine overhang begins over row M"`,
    },
    {
      id: 'rr-overhang-deep',
      kind: 'overhang',
      text: 'Under the mezzanine overhang: the top of the stage is cut off',
      severity: 0.3,
      where: ['orchestra-left', 'orchestra-center', 'orchestra-right'].map((section) => ({
        section,
        rows: ['T', 'X'] as [string, string],
      })),
      source: `${SOURCE_GUIDES}: "cuts the top of the stage badly after row S; back rows W–X under the overhang"`,
    },
    {
      id: 'rr-orch-far-side-left',
      kind: 'side-angle',
      text: 'Far side seat: the near edge of the stage is out of sight',
      severity: 0.12,
      where: [{ section: 'orchestra-left', seats: [19, 27] }],
      source: `${SOURCE_GUIDES}: "far side seats lose a stage edge" (seat range where it starts is an estimate)`,
    },
    {
      id: 'rr-orch-far-side-right',
      kind: 'side-angle',
      text: 'Far side seat: the near edge of the stage is out of sight',
      severity: 0.12,
      where: [{ section: 'orchestra-right', seats: [18, 26] }],
      source: `${SOURCE_GUIDES}: "far side seats lose a stage edge" (seat range where it starts is an estimate)`,
    },
    {
      id: 'rr-boxes',
      kind: 'box-angle',
      text: 'Side box: part of the stage on this side is out of sight',
      severity: 0.3,
      where: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((l) => ({ section: `box-${l}` })),
      source: `${SOURCE_GUIDES}: "boxes lose a stage edge"`,
    },
    {
      id: 'rr-fmezz-rail',
      kind: 'rail',
      text: 'Safety rail in front of the first mezzanine row may cross the view',
      severity: 0.06,
      where: ['front-mezzanine-left', 'front-mezzanine-center', 'front-mezzanine-right'].map((section) => ({
        section,
        rows: ['A', 'A'] as [string, string],
      })),
      source: 'Usual for Broadway mezzanine front rows; not specific to this theatre in the sources (weak)',
    },
    {
      id: 'rr-wheelchair-h',
      kind: 'access',
      text: 'Wheelchair spaces in this row',
      severity: 0,
      where: ['orchestra-left', 'orchestra-center', 'orchestra-right'].map((section) => ({
        section,
        rows: ['H', 'H'] as [string, string],
      })),
      source: `${SOURCE_GUIDES}: "wheelchair spaces in row H"`,
    },
  ],
  sources: [
    SOURCE_GUIDES,
    'Capacity 1,319 (DOMAIN.md; some sources up to 1,380, standing room not mapped)',
    'Seat numbering: left side odd from the aisle to the wall, right side even, centre 101–114 (DOMAIN.md §3)',
  ],
};
