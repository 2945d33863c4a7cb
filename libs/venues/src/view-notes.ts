/**
 * View notes: what the venue map knows about seats (overhangs, columns, rails, boxes),
 * and what the broker's free text says ("Obstructed view", "Partial view"), as
 * `./broker-notes` reads it.
 */
import { type BrokerNoteReading, readBrokerNotes } from './broker-notes/read-broker-notes.js';
import { normaliseRowName } from './row-names.js';
import { COMPUTED_KINDS, isGeneratedText, sightlineNotes } from './sightlines/sightline-notes.js';
import { venueSightlines } from './sightlines/venue-sightlines.js';
import type { ViewNote } from './types.js';
import { findTarget, type NoteRule, venueIndex } from './venue-index.js';

/** Notes matching one seat (seat = undefined: the note covers some seat of the row). */
export function rulesFor(rules: readonly NoteRule[] | undefined, rowIdx: number, seat?: number): ViewNote[] {
  if (!rules) return [];
  const out: ViewNote[] = [];
  for (const r of rules) {
    if (rowIdx < r.rowFrom || rowIdx > r.rowTo) continue;
    if (seat !== undefined && (seat < r.seatFrom || seat > r.seatTo)) continue;
    out.push(r.note);
  }
  return out;
}

/**
 * The venue's known view notes for these seats of a section (or group) and row. With no
 * seat numbers, every note touching the row is returned. Unknown venue/section/row: [].
 */
export function viewNotesFor(
  venueId: string,
  sectionId: string,
  row: string,
  seatNumbers: readonly number[] = [],
): ViewNote[] {
  const idx = venueIndex(venueId);
  if (!idx) return [];
  const target = findTarget(idx, sectionId);
  if (!target) return [];
  const rowName = normaliseRowName(row);
  const found = new Map<string, ViewNote>();
  // Where the geometry is modelled, its computed notes replace the hand-set kinds it covers.
  const sightlines = venueSightlines(venueId);
  for (const sid of target.sectionIds) {
    const section = idx.sections.get(sid)!;
    const rowIdx = section.anyRow ? 0 : idx.rowIndex.get(sid)!.get(rowName);
    if (rowIdx === undefined) continue;
    const rules = idx.notesBySection.get(sid);
    const seats = seatNumbers.length ? seatNumbers : [undefined];
    for (const seat of seats)
      for (const n of rulesFor(rules, rowIdx, seat))
        if (!sightlines || !COMPUTED_KINDS.has(n.kind)) found.set(n.id, n);
    const rowName0 = section.rows[rowIdx].name;
    const lines = sightlines?.bySeat.get(sid)?.get(normaliseRowName(rowName0));
    if (!lines) continue;
    const shares = new Map<string, number>();
    for (const seat of seatNumbers.length ? seatNumbers : [...lines.keys()]) {
      const sl = lines.get(seat);
      if (!sl) continue;
      for (const c of sightlineNotes(sl, section.level)) {
        if ((shares.get(c.id) ?? -1) >= c.share) continue;
        shares.set(c.id, c.share);
        found.set(c.id, {
          id: c.id,
          kind: c.kind,
          text: c.text,
          severity: c.severity,
          where: [{ section: sid, rows: [rowName0, rowName0] }],
          source: 'computed: the sightline model over the venue geometry (docs/domain.md §7)',
        });
      }
    }
  }
  return [...found.values()];
}

/** The broker's text as the seat-quality model uses it. */
export interface TextNoteReading {
  /** 0..1: how much of the view the broker's note says is lost. */
  severity: number;
  /** The view facts read, e.g. ["obstructed"]. */
  matched: readonly string[];
  aisle: boolean;
}

const adapted = new WeakMap<BrokerNoteReading, TextNoteReading>();

/** The listing's free text (or its stored view notes), read by `readBrokerNotes`. */
export function readTextNotes(notes: string | readonly string[] | null | undefined): TextNoteReading {
  const r = readBrokerNotes(notes);
  let out = adapted.get(r);
  if (!out) {
    out = Object.freeze({ severity: r.severity, matched: r.viewFacts, aisle: r.seats.includes('aisle') });
    adapted.set(r, out);
  }
  return out;
}

const mapTexts = new Map<string, ReadonlySet<string>>();

/** The venue's own note texts (the hand-set ones; generated ones are recognised by form). */
function venueTexts(venueId: string): ReadonlySet<string> {
  let set = mapTexts.get(venueId);
  if (!set) {
    set = new Set(venueIndex(venueId)?.venue.viewNotes.map((n) => n.text) ?? []);
    mapTexts.set(venueId, set);
  }
  return set;
}

/**
 * A listing's notes without the copies of the venue map's own notes that ingestion stores
 * alongside the broker's (normalise-listing merges both into viewNotes): the map already
 * charges those per seat, so reading them again as broker text would count them twice.
 */
export function withoutMapNotes(
  venueId: string,
  notes: string | readonly string[] | null | undefined,
): string | readonly string[] | null | undefined {
  if (!notes) return notes;
  const own = venueTexts(venueId);
  const keep = (n: string): boolean => !own.has(n) && !isGeneratedText(n);
  if (typeof notes === 'string') return keep(notes) ? notes : null;
  return notes.every(keep) ? notes : notes.filter(keep);
}
