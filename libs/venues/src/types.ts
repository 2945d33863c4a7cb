/**
 * The theatres as data. Seat maps live in ./data/*.json (one file per venue) and are
 * typed by these interfaces; everything here is pure (no I/O, no Nest).
 *
 * Coordinates: a venue is drawn in its own unit square-ish space, x to the right as seen
 * from the stage looking out at the house is NOT used; x grows from house left to house
 * right as the audience sees the stage, y grows away from the stage. Units are
 * "seat widths" (about 0.5 m), so distances are comparable across venues.
 */

export type Level = 'orchestra' | 'dress-circle' | 'mezzanine' | 'balcony' | 'box';

export type ViewNoteKind =
  'overhang' | 'column' | 'rail' | 'box-angle' | 'side-angle' | 'close-to-stage' | 'other';

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
  /** 0 (cosmetic) .. 1 (most of the stage hidden): how much it costs seat quality. */
  severity: number;
  where: SeatRange[];
  /** Where the fact comes from (a comment for people; not shown to buyers). */
  source: string;
}

export interface SeatData {
  /** Seat number as printed on the ticket. */
  number: number;
  x: number;
  y: number;
}

export interface RowData {
  name: string;
  /** Seats from house left to house right. */
  seats: SeatData[];
  /** Height of the eye line above the stage floor, in seat widths (rake / level). */
  elevation: number;
}

export interface SectionData {
  id: string;
  name: string;
  level: Level;
  /** Names the broker uses for this section ("ORCH", "Orch Center", "FMEZZ"...), matched case-insensitively after normalisation. */
  aliases: string[];
  rows: RowData[];
}

export interface VenueData {
  id: string;
  name: string;
  city: string;
  /** IANA time zone, e.g. America/New_York. */
  timeZone: string;
  capacity: number;
  /** Stage front edge, in venue coordinates. */
  stage: { x: number; y: number; width: number; height: number };
  sections: SectionData[];
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

export type SeatResolution =
  | {
      ok: true;
      venueId: string;
      sectionId: string;
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
