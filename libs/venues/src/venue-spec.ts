/**
 * The compact form the venue data files are written in (src/data/*.data.ts). A row is
 * written as a group "rows X–Y have N seats starting at number F"; expandVenue() turns
 * that into every seat with its drawing position, distance and elevation. Keeping the
 * data compact keeps it reviewable against the sources.
 */
import type { Level, ViewNote } from './types.js';

/** [rows, seat count, first (aisle-side) seat number?]. rows: "A-H" or "AA" over the section's rowOrder. */
export type RowGroupSpec = readonly [rows: string, count: number, first?: number];

export interface SectionSpec {
  id: string;
  name: string;
  level: Level;
  aliases: string[];
  groups?: string[];
  /** Seat numbering: odd (1, 3, 5...), even (2, 4, 6...) or consecutive (101, 102...). */
  numbering: 'odd' | 'even' | 'consecutive';
  /** The end of each row holding the lowest number (usually the aisle), as the audience sees it. */
  lowAt: 'left' | 'right';
  /** 'low': the low-numbered seat sits at x (aisle stays straight); 'center': rows are centred on x. */
  align: 'low' | 'center';
  x: number;
  /** Row names front to back, e.g. "AA,A-H,J-X" (ranges over letters; I is usually skipped). */
  rowOrder: string;
  rows: readonly RowGroupSpec[];
  /** Physical layout, in seat widths. */
  physical: {
    /** Distance of the first row from the stage front edge. */
    distance0: number;
    /** Row pitch (about 0.9 m = 1.8 seat widths in orchestras; less in boxes). */
    rowDepth: number;
    /** Eye height of the first row above the stage floor. */
    elevation0: number;
    /** Rise per row before rakeFrom (flat floors: 0). */
    flatRise?: number;
    /** Row where the steeper rake starts (by name); every row from the first when omitted. */
    rakeFrom?: string;
    /** Rise per row from rakeFrom on. */
    rakePerRow: number;
  };
  /** Drawing: y of the first row, row spacing, and the curve of the rows (y += curve·x²). */
  draw: { y0: number; rowDepth?: number; curve?: number; x?: number };
  /** Single-row boxes: accept any row name from the broker. */
  anyRow?: boolean;
}

export interface GroupSpec {
  id: string;
  name: string;
  level: Level;
  aliases: string[];
}

export interface VenueSpec {
  id: string;
  name: string;
  city: string;
  timeZone: string;
  capacity: number;
  stage: { width: number; depth: number };
  groups: GroupSpec[];
  sections: SectionSpec[];
  viewNotes: ViewNote[];
  sources: string[];
}
