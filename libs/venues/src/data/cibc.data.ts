/**
 * CIBC Theatre, 18 W Monroe St, Chicago (opened 1906) — Hamilton's Chicago home.
 * Facts: docs/domain.md §3 (public seating guides). About 1,800 seats over Orchestra, Dress
 * Circle, Mezzanine and Balcony. Orchestra centre rows E–P best. Two columns in row U
 * block the seats behind them: left orchestra seats 2–6 and right orchestra seats 1–5,
 * rows V to the back — so at the CIBC the left side carries the EVEN numbers and the right
 * side the ODD ones. The Dress Circle (5 sections L, LC, C, RC, R, up to 8 rows) sits under
 * the mezzanine, which cuts the view above the stage after row D.
 * Per-row counts and the mezzanine/balcony row letters are reconstructed to match the
 * total (weak).
 */
import type { VenueSpec } from '../venue-spec.js';
import { block, inSections } from './spec-builders.js';

const GUIDES = 'docs/domain.md §3 (public seating guides / reviews of the CIBC Theatre)';
const ORCH_ROWS = 'A-H,J-Z';
const DC = ['dress-circle-l', 'dress-circle-lc', 'dress-circle-c', 'dress-circle-rc', 'dress-circle-r'];

// Orchestra: a lower stage than the Richard Rodgers (about 1 m, weak) and a gentle rake from the front.
const orchPhysical = { distance0: 3, rowDepth: 1.8, elevation0: 0.3, rakePerRow: 0.18 };
const orchDraw = { y0: 2, rowDepth: 1.4, curve: 0.008 };
// Dress Circle: a raised tier behind the orchestra, under the mezzanine (weak geometry).
const dcPhysical = { distance0: 48, rowDepth: 1.8, elevation0: 5, rakePerRow: 0.4 };
const dcDraw = { y0: 40, rowDepth: 1.4, curve: 0.006 };
// Mezzanine over the dress circle and the back of the orchestra; balcony above it.
const mezzPhysical = { distance0: 30, rowDepth: 1.7, elevation0: 12, rakePerRow: 0.8 };
const mezzDraw = { y0: 54, rowDepth: 1.4, curve: 0.008 };
const balcPhysical = { distance0: 40, rowDepth: 1.7, elevation0: 22, rakePerRow: 0.9 };
const balcDraw = { y0: 69, rowDepth: 1.4, curve: 0.008 };

const dc = (
  id: string,
  suffix: string,
  longName: string,
  x: number,
  numbering: 'odd' | 'even' | 'consecutive',
  count: number,
  first?: number,
) =>
  block({
    id,
    name: `Dress Circle ${suffix}`,
    level: 'dress-circle',
    groups: ['dress-circle'],
    aliases: [
      `Dress Circle ${longName}`,
      `DC ${suffix}`,
      `DC${suffix}`,
      `Dress Circ ${suffix}`,
      `${longName} Dress Circle`,
    ],
    side: numbering === 'even' ? 'left' : numbering === 'odd' ? 'right' : 'center',
    numbering,
    x,
    rowOrder: 'A-H',
    rows: [['A-H', count, first]],
    physical: dcPhysical,
    draw: dcDraw,
  });

export const cibcSpec: VenueSpec = {
  id: 'cibc',
  name: 'CIBC Theatre',
  city: 'Chicago',
  timeZone: 'America/Chicago',
  capacity: 1800,
  stage: { width: 30, depth: 16 },
  groups: [
    { id: 'orchestra', name: 'Orchestra', level: 'orchestra', aliases: ['ORCH', 'ORC'] },
    {
      id: 'dress-circle',
      name: 'Dress Circle',
      level: 'dress-circle',
      aliases: ['DC', 'Dress Circ', 'DRESS'],
    },
    { id: 'mezzanine', name: 'Mezzanine', level: 'mezzanine', aliases: ['MEZZ', 'MEZ'] },
    { id: 'balcony', name: 'Balcony', level: 'balcony', aliases: ['BALC', 'BAL'] },
  ],
  sections: [
    block({
      id: 'orchestra-left',
      name: 'Orchestra Left',
      level: 'orchestra',
      groups: ['orchestra'],
      aliases: ['Left Orchestra', 'Orch Left', 'ORCHL', 'ORCH L'],
      side: 'left',
      numbering: 'even',
      x: -8.5,
      rowOrder: ORCH_ROWS,
      rows: [
        ['A-C', 7],
        ['D-H', 9],
        ['J-P', 10],
        ['Q-Z', 11],
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
        ['C-Z', 14],
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
      numbering: 'odd',
      x: 8.5,
      rowOrder: ORCH_ROWS,
      rows: [
        ['A-C', 7],
        ['D-H', 9],
        ['J-P', 10],
        ['Q-Z', 11],
      ],
      physical: orchPhysical,
      draw: orchDraw,
    }),
    dc('dress-circle-l', 'L', 'Left', -11.5, 'even', 5),
    dc('dress-circle-lc', 'LC', 'Left Center', -7.5, 'consecutive', 6, 101),
    dc('dress-circle-c', 'C', 'Center', 0, 'consecutive', 8, 201),
    dc('dress-circle-rc', 'RC', 'Right Center', 7.5, 'consecutive', 6, 301),
    dc('dress-circle-r', 'R', 'Right', 11.5, 'odd', 5),
    block({
      id: 'mezzanine-left',
      name: 'Mezzanine Left',
      level: 'mezzanine',
      groups: ['mezzanine'],
      aliases: ['Left Mezzanine', 'Mezz Left', 'MEZZL', 'MEZZ L'],
      side: 'left',
      numbering: 'even',
      x: -8.5,
      rowOrder: 'A-H,J',
      rows: [
        ['A-C', 11],
        ['D-J', 12],
      ],
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
      rowOrder: 'A-H,J',
      rows: [['A-J', 14]],
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
      numbering: 'odd',
      x: 8.5,
      rowOrder: 'A-H,J',
      rows: [
        ['A-C', 11],
        ['D-J', 12],
      ],
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
      numbering: 'even',
      x: -8.5,
      rowOrder: 'A-H,J-L',
      rows: [
        ['A-D', 9],
        ['E-L', 10],
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
      rowOrder: 'A-H,J-L',
      rows: [['A-L', 14]],
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
      numbering: 'odd',
      x: 8.5,
      rowOrder: 'A-H,J-L',
      rows: [
        ['A-D', 9],
        ['E-L', 10],
      ],
      physical: balcPhysical,
      draw: balcDraw,
    }),
  ],
  viewNotes: [
    {
      id: 'cibc-row-u-columns',
      kind: 'column',
      text: 'A column in row U blocks part of the stage from this seat',
      severity: 0.35,
      where: [
        { section: 'orchestra-left', rows: ['V', 'Z'], seats: [2, 6] },
        { section: 'orchestra-right', rows: ['V', 'Z'], seats: [1, 5] },
      ],
      source: `${GUIDES}: "two columns in row U block left orchestra seats 2–6 and right orchestra seats 1–5, rows V to the back"`,
    },
    {
      id: 'cibc-orch-front',
      kind: 'close-to-stage',
      text: 'Very close to the stage: you look up at the performers',
      severity: 0.05,
      where: inSections(['orchestra-left', 'orchestra-center', 'orchestra-right'], ['A', 'B']),
      source: `${GUIDES}: "orchestra centre rows E–P best" (front rows ranked below them)`,
    },
    {
      id: 'cibc-dc-overhang',
      kind: 'overhang',
      text: 'Under the mezzanine: the view above the stage is cut off',
      severity: 0.3,
      where: inSections(DC, ['E', 'H']),
      source: `${GUIDES}: "the Dress Circle sits under the mezzanine, which cuts the view above the stage after row D"`,
    },
    {
      id: 'cibc-dc-overhang-light',
      kind: 'overhang',
      text: 'The mezzanine overhang is close overhead',
      severity: 0.05,
      where: inSections(DC, ['A', 'D']),
      source: `${GUIDES}: Dress Circle "under the mezzanine" (rows A–D keep the stage; cosmetic)`,
    },
    {
      id: 'cibc-mezz-rail',
      kind: 'rail',
      text: 'Safety rail in front of the first mezzanine row may cross the view',
      severity: 0.06,
      where: inSections(['mezzanine-left', 'mezzanine-center', 'mezzanine-right'], ['A', 'A']),
      source: "Usual for front rows of a historic house's upper tiers; not specific in the sources (weak)",
    },
    {
      id: 'cibc-balcony-rail',
      kind: 'rail',
      text: 'Safety rail in front of the first balcony row crosses the view',
      severity: 0.1,
      where: inSections(['balcony-left', 'balcony-center', 'balcony-right'], ['A', 'A']),
      source: 'Usual for balcony front rows of a 1906 house; not specific in the sources (weak)',
    },
    {
      id: 'cibc-dc-sides',
      kind: 'side-angle',
      text: 'Side seat: the near edge of the stage is out of sight',
      severity: 0.1,
      where: inSections(['dress-circle-l', 'dress-circle-r']),
      source: 'Geometry of the outer Dress Circle sections (estimate, weak)',
    },
  ],
  sources: [
    GUIDES,
    'Capacity about 1,800 (docs/domain.md §3)',
    'Numbering: the row-U column note names left seats 2–6 and right seats 1–5, so left is even and right odd; centre 101–114 (assumed)',
    'Dress Circle section numbering (L even, LC 101+, C 201+, RC 301+, R odd) is assumed (weak)',
  ],
};
