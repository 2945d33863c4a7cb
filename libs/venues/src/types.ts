/**
 * The theatres as data. Seat maps live in ./data/*.data.ts (one compact spec per venue,
 * expanded to these shapes at load time); everything here is pure (no I/O, no Nest).
 *
 * Coordinates: x grows from house left to house right as the audience sees the stage
 * (x = 0 is the centre line), y grows away from the stage. Units are "seat widths"
 * (about 0.5 m), so distances are comparable across venues.
 *
 * Two sets of positions exist on purpose: `SeatData.x/y` are DRAWING coordinates (levels
 * are drawn as separate bands, one under the other, as every seat map does), while
 * `RowData.distance/elevation` are PHYSICAL (a mezzanine hangs over the back of the
 * orchestra). The seat-quality model uses x with distance/elevation.
 */

export type Level = 'orchestra' | 'dress-circle' | 'mezzanine' | 'balcony' | 'box';

export type ViewNoteKind =
  'overhang' | 'column' | 'rail' | 'box-angle' | 'side-angle' | 'close-to-stage' | 'access' | 'other';

export interface SeatRange {
  /** Section id the note applies to. */
  section: string;
  /** Row names, inclusive range in the section's row order, e.g. ["M", "S"]. Omit for every row. */
  rows?: [string, string];
  /** Seat numbers, inclusive, e.g. [2, 6]. Omit for every seat of those rows. */
  seats?: [number, number];
}

export interface ViewNote {
  id: string;
  kind: ViewNoteKind;
  /** What a buyer is told, e.g. "Mezzanine overhang cuts off the top of the stage". */
  text: string;
  /** 0 (cosmetic / information only) .. 1 (most of the stage hidden): how much it costs seat quality. */
  severity: number;
  where: SeatRange[];
  /** Where the fact comes from (a comment for people; not shown to buyers). */
  source: string;
}

export interface SeatData {
  /** Seat number as printed on the ticket. */
  number: number;
  /** Drawing position (seat widths). x is also the physical offset from the centre line. */
  x: number;
  y: number;
}

export interface RowData {
  name: string;
  /** Seats from house left to house right. */
  seats: SeatData[];
  /** Height of the eye line above the stage floor, in seat widths (rake / level). Negative: below the stage floor. */
  elevation: number;
  /** Physical horizontal distance from the stage front edge to this row, in seat widths. */
  distance: number;
}

export interface SectionData {
  id: string;
  name: string;
  level: Level;
  /** Names the broker uses for this section ("ORCH", "Orch Center", "FMEZZ"...), matched after normaliseSectionName. */
  aliases: string[];
  /** Groups (see VenueData.groups) this section belongs to, e.g. "orchestra". */
  groups: string[];
  rows: RowData[];
  /** True when the section is a single-row box: any row name the broker gives is accepted. */
  anyRow?: boolean;
}

/** A name that spans several sections ("Orchestra" = left + centre + right); the seats pick the section. */
export interface SectionGroup {
  id: string;
  name: string;
  level: Level;
  aliases: string[];
  sections: string[];
}

export interface VenueData {
  id: string;
  name: string;
  city: string;
  /** IANA time zone, e.g. America/New_York. */
  timeZone: string;
  /** Documented capacity (from the sources); the seat map holds roughly this many seats. */
  capacity: number;
  /** Stage, in drawing coordinates (its front edge is y + height, facing the house). */
  stage: { x: number; y: number; width: number; height: number };
  sections: SectionData[];
  groups: SectionGroup[];
  viewNotes: ViewNote[];
  /** Source notes for the venue as a whole. */
  sources: string[];
}

export interface ResolvedSeat {
  section: string;
  row: string;
  number: number;
  x: number;
  y: number;
}

export interface SeatQuery {
  /** The broker's section name, e.g. "ORCH", "Left Orchestra", "Rear Mezz". */
  section: string;
  row: string;
  lowSeat?: number | null;
  highSeat?: number | null;
  quantity: number;
}

export type SeatResolution =
  | {
      ok: true;
      venueId: string;
      /**
       * The section, or a group id (e.g. "orchestra", "mezzanine") when the broker's name
       * spans several sections and no seat numbers pinned one down.
       */
      sectionId: string;
      /** The concrete sections the listing may be in (one when exact). */
      sectionIds: string[];
      level: Level;
      row: string;
      /** Resolved seats, empty when the broker gave no seat numbers (row still known). */
      seats: ResolvedSeat[];
      viewNotes: ViewNote[];
    }
  | {
      ok: false;
      venueId: string;
      /** Why it could not be resolved, for a log line or a skipped-row report. */
      reason: string;
      /** Best guess of the level from the section name, when one can be made. */
      level?: Level;
    };
