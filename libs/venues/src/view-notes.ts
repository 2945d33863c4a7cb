/**
 * View notes: what the venue map knows about seats (overhangs, columns, rails, boxes),
 * and what the broker's free text says ("Obstructed view", "Partial view").
 */
import { TEXT_NOTE_SEVERITY } from './model-constants.js';
import { normaliseRowName } from './row-names.js';
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
  for (const sid of target.sectionIds) {
    const section = idx.sections.get(sid)!;
    const rowIdx = section.anyRow ? 0 : idx.rowIndex.get(sid)!.get(rowName);
    if (rowIdx === undefined) continue;
    const rules = idx.notesBySection.get(sid);
    const seats = seatNumbers.length ? seatNumbers : [undefined];
    for (const seat of seats) for (const n of rulesFor(rules, rowIdx, seat)) found.set(n.id, n);
  }
  return [...found.values()];
}

export interface TextNoteReading {
  /** 0..1: how much of the view the broker's note says is lost. */
  severity: number;
  /** What was recognised, e.g. ["obstructed"]. */
  matched: string[];
  aisle: boolean;
}

const textMemo = new Map<string, TextNoteReading>();

/** Reads the broker's free-text notes. Memoised: feeds repeat the same few strings. */
export function readTextNotes(notes: string | readonly string[] | null | undefined): TextNoteReading {
  const text = (
    Array.isArray(notes) ? notes.join(' | ') : ((notes as string | null | undefined) ?? '')
  ).toLowerCase();
  if (!text) return NO_TEXT;
  const memo = textMemo.get(text);
  if (memo) return memo;
  let severity = 0;
  const matched: string[] = [];
  let rest = text;
  for (const rule of TEXT_NOTE_SEVERITY) {
    rule.pattern.lastIndex = 0; // global patterns keep state between calls
    if (!rule.pattern.test(rest)) continue;
    matched.push(rule.label);
    severity = Math.max(severity, rule.severity);
    if (rule.consume) rest = rest.replace(rule.pattern, ' ');
  }
  const reading = Object.freeze({ severity, matched, aisle: /\baisle\b/.test(text) });
  if (textMemo.size < 10_000) textMemo.set(text, reading);
  return reading;
}

const NO_TEXT: TextNoteReading = Object.freeze({ severity: 0, matched: [], aisle: false });
