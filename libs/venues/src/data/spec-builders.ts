/**
 * Small helpers that write the repetitive parts of a venue spec (a left / centre / right
 * block, a box) so each venue file reads as its facts. No logic beyond defaults.
 */
import type { Level } from '../types.js';
import type { SectionSpec } from '../venue-spec.js';

export interface BlockOptions {
  id: string;
  name: string;
  level: Level;
  groups: string[];
  aliases: string[];
  /** Where the block sits, as the audience sees the stage. */
  side: 'left' | 'right' | 'center';
  numbering: SectionSpec['numbering'];
  /** Aisle-side x for side blocks (seat widths from the centre line); centre of the block for 'center'. */
  x: number;
  rowOrder: string;
  rows: SectionSpec['rows'];
  physical: SectionSpec['physical'];
  draw: SectionSpec['draw'];
  /** Centre blocks only: which end holds the lowest number (default house left). */
  lowAt?: 'left' | 'right';
}

/** A block of seats. Side blocks number from the aisle (next to the centre) outwards to the wall. */
export function block(o: BlockOptions): SectionSpec {
  const { side, ...rest } = o;
  return {
    ...rest,
    lowAt: side === 'left' ? 'right' : side === 'right' ? 'left' : (o.lowAt ?? 'left'),
    align: side === 'center' ? 'center' : 'low',
  };
}

/** A single-row side box of `seats` seats numbered 1.., at side x, `k`-th from the stage. */
export function box(
  id: string,
  name: string,
  aliases: string[],
  sideOf: 'left' | 'right',
  x: number,
  seats: number,
  physical: SectionSpec['physical'],
  drawY: number,
): SectionSpec {
  return {
    id,
    name,
    level: 'box',
    groups: ['boxes'],
    aliases,
    numbering: 'consecutive',
    lowAt: sideOf === 'left' ? 'right' : 'left',
    align: 'low',
    x,
    rowOrder: 'A',
    rows: [['A', seats, 1]],
    physical,
    draw: { y0: drawY },
    anyRow: true,
  };
}

/** "Box A", "BX A", "BoxA" — how brokers write box names. */
export const boxAliases = (letter: string): string[] => [
  `Box ${letter}`,
  `BX ${letter}`,
  `Box${letter}`,
  `Loge ${letter}`,
];

/** A SeatRange for each listed section, same rows. */
export const inSections = (sections: string[], rows?: [string, string], seats?: [number, number]) =>
  sections.map((section) => ({ section, ...(rows ? { rows } : {}), ...(seats ? { seats } : {}) }));
