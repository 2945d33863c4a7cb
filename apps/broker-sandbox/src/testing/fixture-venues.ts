import type { Level, SectionData, VenueData } from '@hamiltix/venues';

/** Small seat maps shaped like libs/venues data, so the sandbox's tests do not depend on it. */
function section(
  id: string,
  name: string,
  level: Level,
  aliases: string[],
  rows: string[],
  seats: number,
  x0: number,
  y0: number,
  elev: number,
): SectionData {
  return {
    id,
    name,
    level,
    aliases,
    groups: id.startsWith('orch-') ? ['orchestra'] : [],
    rows: rows.map((r, i) => ({
      name: r,
      elevation: elev + i * 0.3,
      distance: y0 + i + 4,
      seats: Array.from({ length: seats }, (_, s) => ({ number: 101 + s, x: x0 + s, y: y0 + i })),
    })),
  };
}

const ROWS = 'A B C D E F G H J K L M N O P Q R S T U V W X'.split(' ');

export const FIXTURE_VENUES: VenueData[] = [
  {
    id: 'test-broadway',
    name: 'Test Broadway Theatre',
    city: 'New York',
    timeZone: 'America/New_York',
    capacity: 1200,
    stage: { x: 0, y: -4, width: 30, height: 4 },
    sections: [
      section(
        'orch-left',
        'Orchestra Left',
        'orchestra',
        ['ORCH L', 'Left Orchestra', 'ORCHL'],
        ROWS,
        8,
        0,
        0,
        0,
      ),
      section(
        'orch-center',
        'Orchestra Center',
        'orchestra',
        ['ORCH C', 'Center Orchestra', 'ORCHC'],
        ROWS,
        14,
        8,
        0,
        0,
      ),
      section(
        'orch-right',
        'Orchestra Right',
        'orchestra',
        ['ORCH R', 'Right Orchestra', 'ORCHR'],
        ROWS,
        8,
        22,
        0,
        0,
      ),
      section(
        'front-mezz',
        'Front Mezzanine',
        'mezzanine',
        ['FMEZZ', 'Front Mezz', 'MEZZ'],
        ROWS.slice(0, 8),
        30,
        0,
        18,
        6,
      ),
      section(
        'rear-mezz',
        'Rear Mezzanine',
        'mezzanine',
        ['RMEZZ', 'Rear Mezz'],
        ROWS.slice(0, 10),
        30,
        0,
        26,
        9,
      ),
      section('box-a', 'Box A', 'box', ['BOX A', 'Box'], ['A'], 3, -3, 2, 3),
    ],
    groups: [
      {
        id: 'orchestra',
        name: 'Orchestra',
        level: 'orchestra',
        aliases: ['ORCH', 'Orchestra'],
        sections: ['orch-left', 'orch-center', 'orch-right'],
      },
    ],
    viewNotes: [
      {
        id: 'overhang',
        kind: 'overhang',
        text: 'Mezzanine overhang cuts off the top of the stage',
        severity: 0.5,
        where: [
          { section: 'orch-left', rows: ['S', 'X'] },
          { section: 'orch-center', rows: ['S', 'X'] },
          { section: 'orch-right', rows: ['S', 'X'] },
        ],
        source: 'fixture',
      },
      {
        id: 'box-angle',
        kind: 'box-angle',
        text: 'Box seats lose the near side of the stage',
        severity: 0.3,
        where: [{ section: 'box-a' }],
        source: 'fixture',
      },
      {
        id: 'rail',
        kind: 'rail',
        text: 'Safety rail in the first row',
        severity: 0.1,
        where: [{ section: 'front-mezz', rows: ['A', 'A'] }],
        source: 'fixture',
      },
    ],
    sources: ['fixture'],
  },
  {
    id: 'test-touring',
    name: 'Test Touring Palace',
    city: 'Los Angeles',
    timeZone: 'America/Los_Angeles',
    capacity: 900,
    stage: { x: 0, y: -4, width: 30, height: 4 },
    sections: [
      section('orchestra', 'Orchestra', 'orchestra', ['ORCH', 'Orchestra'], ROWS, 30, 0, 0, 0),
      section('balcony', 'Balcony', 'balcony', ['BALC', 'Balcony'], ROWS.slice(0, 8), 30, 0, 30, 12),
    ],
    groups: [],
    viewNotes: [],
    sources: ['fixture'],
  },
];
