/**
 * Broker (section, row, seats) → venue seats, or a clear reason why not. Section names go
 * through the precomputed alias map (venue-index.ts); a group name ("ORCH") is narrowed to
 * the one section whose row holds the given seat numbers.
 */
import { normaliseRowName } from './row-names.js';
import { guessLevel } from './section-names.js';
import type { ResolvedSeat, RowData, SeatData, SeatQuery, SeatResolution, ViewNote } from './types.js';
import { findTarget, type VenueIndex, venueIndex } from './venue-index.js';
import { viewNotesFor } from './view-notes.js';

/** A row's seats by number, and the numbers it holds: built once per row, not per listing. */
interface SortedRow {
  byNumber: readonly SeatData[];
  numbers: ReadonlySet<number>;
}

/**
 * Keyed by the row's seat array (venue data is built once and never changes): a pull
 * resolves every listing of a row against the same array, so it is sorted once.
 */
const sortedRows = new WeakMap<readonly SeatData[], SortedRow>();

function sortedRow(row: RowData): SortedRow {
  let hit = sortedRows.get(row.seats);
  // Length check: a seat array grown in place (tests building venues) is sorted again.
  if (!hit || hit.byNumber.length !== row.seats.length) {
    const byNumber = [...row.seats].sort((a, b) => a.number - b.number);
    hit = { byNumber, numbers: new Set(byNumber.map((s) => s.number)) };
    sortedRows.set(row.seats, hit);
  }
  return hit;
}

/**
 * The seats of one row a listing holds: every seat numbered low..high (odd/even rows skip
 * the other parity), or, with no high seat, `quantity` seats from low outwards.
 */
export function pickSeats(
  row: RowData,
  low: number,
  high: number | null | undefined,
  quantity: number,
): SeatData[] {
  const { byNumber } = sortedRow(row);
  if (high !== undefined && high !== null) return byNumber.filter((s) => s.number >= low && s.number <= high);
  const start = byNumber.findIndex((s) => s.number === low);
  return start < 0 ? [] : byNumber.slice(start, start + Math.max(1, quantity));
}

function describeSeats(row: RowData): string {
  const nums = sortedRow(row).byNumber;
  return nums.length ? `${nums[0].number}–${nums[nums.length - 1].number}` : 'none';
}

function rowOf(idx: VenueIndex, sectionId: string, row: string): RowData | undefined {
  const section = idx.sections.get(sectionId)!;
  if (section.anyRow) return section.rows[0];
  return idx.rows.get(sectionId)!.get(row);
}

export function resolveSeats(venueId: string, query: SeatQuery): SeatResolution {
  const idx = venueIndex(venueId);
  if (!idx) return { ok: false, venueId, reason: `unknown venue "${venueId}"` };
  const target = findTarget(idx, query.section ?? '');
  if (!target) {
    // Only an unknown section needs the level guessed from its wording.
    const level = guessLevel(query.section);
    return {
      ok: false,
      venueId,
      reason: `unknown section "${query.section}" at ${idx.venue.name}`,
      ...(level ? { level } : {}),
    };
  }
  const rowName = normaliseRowName(String(query.row ?? ''));
  const withRow = target.sectionIds.filter((id) => rowOf(idx, id, rowName));
  if (withRow.length === 0) {
    return {
      ok: false,
      venueId,
      reason: `row "${query.row}" is not in ${target.name} at ${idx.venue.name}`,
      level: target.level,
    };
  }
  const low = query.lowSeat ?? null;
  const high = query.highSeat ?? null;
  const notesOf = (ids: string[], numbers: number[]): ViewNote[] => {
    const seen = new Map<string, ViewNote>();
    for (const id of ids) for (const n of viewNotesFor(venueId, id, rowName, numbers)) seen.set(n.id, n);
    return [...seen.values()];
  };
  if (low === null || !Number.isFinite(low)) {
    const sectionId = withRow.length === 1 ? withRow[0] : target.id;
    return {
      ok: true,
      venueId,
      sectionId,
      sectionIds: withRow,
      level: target.level,
      row: rowName,
      seats: [],
      viewNotes: notesOf(withRow, []),
    };
  }
  if (high !== null && high < low) {
    return { ok: false, venueId, reason: `seat range ${low}–${high} is reversed`, level: target.level };
  }
  // The broker's low and high seats are real seats: a section matches when its row holds both
  // (so "ORCH 2–6" is the even side, not the odd seats 3 and 5 that fall between).
  const matches: { id: string; seats: SeatData[] }[] = [];
  for (const id of withRow) {
    const r = rowOf(idx, id, rowName)!;
    const { numbers } = sortedRow(r);
    if (numbers.has(low) && (high === null || numbers.has(high)))
      matches.push({ id, seats: pickSeats(r, low, high, query.quantity) });
  }
  if (matches.length === 0) {
    const rows = withRow
      .map((id) => `${idx.sections.get(id)!.name} ${describeSeats(rowOf(idx, id, rowName)!)}`)
      .join(', ');
    const range = high !== null ? `${low}–${high}` : String(low);
    return {
      ok: false,
      venueId,
      reason: `seats ${range} are not in row ${rowName} of ${target.name} (seats there: ${rows})`,
      level: target.level,
    };
  }
  if (matches.length > 1) {
    // Same numbers in several sections (e.g. front and rear mezzanine both letter from A): ambiguous.
    const ids = matches.map((m) => m.id);
    return {
      ok: true,
      venueId,
      sectionId: target.id,
      sectionIds: ids,
      level: target.level,
      row: rowName,
      seats: [],
      viewNotes: notesOf(ids, []),
    };
  }
  const [{ id, seats }] = matches;
  if (seats.length < query.quantity) {
    return {
      ok: false,
      venueId,
      reason: `row ${rowName} of ${idx.sections.get(id)!.name} has only ${seats.length} seat(s) in ${low}–${high ?? low} but the listing has ${query.quantity}`,
      level: target.level,
    };
  }
  const resolved: ResolvedSeat[] = seats.map((s) => ({
    section: id,
    row: rowName,
    number: s.number,
    x: s.x,
    y: s.y,
  }));
  const numbers = resolved.map((s) => s.number);
  return {
    ok: true,
    venueId,
    sectionId: id,
    sectionIds: [id],
    level: idx.sections.get(id)!.level,
    row: rowName,
    seats: resolved,
    viewNotes: notesOf([id], numbers),
  };
}
