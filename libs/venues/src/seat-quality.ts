/**
 * Seat quality, 0..100, with how sure it is (0..1) and why. Known seats use the
 * precomputed per-seat values (quality-cache.ts); a known row without seat numbers uses
 * the row's seats; an unknown row or section falls back to the level and the row's
 * position, with lower confidence. The listing's free text ("Obstructed view") lowers
 * quality too: per seat, the stronger of the map's obstruction and the text's counts,
 * so one obstruction is never charged twice. No date input: a seat's quality never varies.
 */
import { CONFIDENCE, GENERIC_LEVEL_QUALITY, GENERIC_ROWS } from './model-constants.js';
import { type RowQuality, venueQuality, type VenueQuality } from './quality-cache.js';
import { normaliseRowName } from './row-names.js';
import { guessLevel } from './section-names.js';
import type { Level } from './types.js';
import { findTarget } from './venue-index.js';
import { readTextNotes, type TextNoteReading, withoutMapNotes } from './view-notes.js';

export interface SeatQualityInput {
  venueId: string;
  /** Section id, group id, or the broker's raw section name ("Orch Center", "Mezz"). */
  section: string;
  row: string;
  /** Seat numbers when known (e.g. from resolveSeats). */
  seats?: readonly number[] | null;
  /** Or the broker's low/high seat (+ quantity), when seats are not listed one by one. */
  lowSeat?: number | null;
  highSeat?: number | null;
  quantity?: number | null;
  /** The listing's free-text notes ("Obstructed view", "Partial view", "Aisle"). */
  notes?: string | readonly string[] | null;
}

export type QualityBasis = 'seats' | 'row' | 'estimated-row' | 'level' | 'venue' | 'unknown-venue';

export interface SeatQualityFactors {
  basis: QualityBasis;
  level: Level | undefined;
  /** Geometric factors, 0..1 each (means over the seats), present when the map placed the listing. */
  distance?: number;
  vertical?: number;
  horizontal?: number;
  rake?: number;
  /** Level preference factor. */
  levelFactor?: number;
  /** Mean obstruction from the venue map's notes (0..1). */
  mapObstruction: number;
  /** Obstruction the broker's text claims (0..1). */
  textObstruction: number;
  /** Obstruction actually charged (per seat the stronger of the two), mean. */
  obstruction: number;
  /** Map view-note ids that touched the seats. */
  viewNotes: readonly string[];
  /** What the free text was read as, e.g. ["obstructed"]. */
  textNotes: readonly string[];
  aisle: boolean;
}

export interface SeatQuality {
  quality: number;
  confidence: number;
  factors: SeatQualityFactors;
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

const rowIndexMemo = new Map<string, number | undefined>();

/** Row position guessed from its name: AA/BB... front (0), letters A=0 (I skipped), numbers n−1. Memoised. */
function estimateRowIndex(row: string): number | undefined {
  if (rowIndexMemo.has(row)) return rowIndexMemo.get(row);
  const r = normaliseRowName(row);
  let out: number | undefined;
  if (/^\d+$/.test(r)) out = Math.max(0, Number(r) - 1);
  else if (/^([A-Z])\1$/.test(r)) out = 0;
  else if (/^[A-Z]$/.test(r)) out = Math.max(0, 'ABCDEFGHJKLMNOPQRSTUVWXYZ'.indexOf(r === 'I' ? 'H' : r));
  if (rowIndexMemo.size < 10_000) rowIndexMemo.set(row, out);
  return out;
}

interface Shared {
  basis: QualityBasis;
  level: Level | undefined;
  text: TextNoteReading;
}

/**
 * Quality and factors over the seats at `picks[r]` of `rows[r]` (every seat of the row when
 * undefined). Per seat the obstruction is the stronger of the map's and the text's.
 */
function fromRows(
  rows: readonly RowQuality[],
  picks: readonly (readonly number[] | undefined)[],
  shared: Shared,
  confidence: number,
): SeatQuality {
  const text = shared.text.severity;
  let q = 0;
  let dist = 0;
  let vert = 0;
  let horiz = 0;
  let rake = 0;
  let lvl = 0;
  let mapObs = 0;
  let obs = 0;
  let n = 0;
  let notes: string[] | undefined;
  for (let r = 0; r < rows.length; r++) {
    const rq = rows[r];
    const pick = picks[r];
    if (!pick && (text === 0 || text >= rq.maxObstruction)) {
      // Whole row, and the text either absent or stronger than every map note: precomputed
      // sums (the common "row known, seats not" case) instead of a loop over the seats.
      const m = rq.base.length;
      q += text === 0 ? rq.sums.quality : rq.sums.base * (1 - text);
      dist += rq.sums.distance;
      vert += rq.sums.vertical;
      horiz += rq.sums.horizontal;
      rake += rq.sums.rake;
      lvl += rq.level * m;
      mapObs += rq.sums.obstruction;
      obs += text === 0 ? rq.sums.obstruction : text * m;
      if (rq.rowNoteIds.length) notes = addNotes(notes, rq.rowNoteIds);
      n += m;
      continue;
    }
    const len = pick ? pick.length : rq.base.length;
    for (let j = 0; j < len; j++) {
      const k = pick ? pick[j] : j;
      const o = rq.obstruction[k] > text ? rq.obstruction[k] : text;
      q += rq.base[k] * (1 - o);
      dist += rq.distance[k];
      vert += rq.vertical[k];
      horiz += rq.horizontal[k];
      rake += rq.rake[k];
      lvl += rq.level;
      mapObs += rq.obstruction[k];
      obs += o;
      if (rq.noteIds[k].length) notes = addNotes(notes, rq.noteIds[k]);
      n++;
    }
  }
  const d = n || 1;
  const factors: SeatQualityFactors = {
    basis: shared.basis,
    level: shared.level,
    distance: dist / d,
    vertical: vert / d,
    horizontal: horiz / d,
    rake: rake / d,
    levelFactor: lvl / d,
    mapObstruction: mapObs / d,
    textObstruction: text,
    obstruction: obs / d,
    viewNotes: notes ?? NO_NOTES,
    textNotes: shared.text.matched,
    aisle: shared.text.aisle,
  };
  return { quality: round1(q / d), confidence, factors };
}

/** Adds note ids not yet listed (a listing touches a handful at most). */
function addNotes(into: string[] | undefined, ids: readonly string[]): string[] {
  const out = into ?? [];
  for (const id of ids) if (!out.includes(id)) out.push(id);
  return out;
}

const NO_NOTES: readonly string[] = Object.freeze([]);

function seatsOf(rq: RowQuality, input: SeatQualityInput): number[] | undefined {
  if (input.seats && input.seats.length) {
    const out: number[] = [];
    for (const s of input.seats) {
      const k = rq.seatIndex.get(s);
      if (k !== undefined) out.push(k);
    }
    return out.length === input.seats.length ? out : undefined;
  }
  const low = input.lowSeat;
  if (low === null || low === undefined || !rq.seatIndex.has(low)) return undefined;
  const high = input.highSeat ?? null;
  // As in resolveSeats: low and high are real seats, so both must be in this row.
  if (high !== null && !rq.seatIndex.has(high)) return undefined;
  const out: number[] = [];
  if (high !== null) {
    for (const [num, k] of rq.seatIndex) if (num >= low && num <= high) out.push(k);
  } else {
    // `quantity` seats from low outwards in numbering order (odd/even rows step by 2).
    const numbers = [...rq.seatIndex.keys()].sort((a, b) => a - b);
    const start = numbers.indexOf(low);
    if (start >= 0)
      for (const num of numbers.slice(start, start + Math.max(1, input.quantity ?? 1)))
        out.push(rq.seatIndex.get(num)!);
  }
  return out.length ? out : undefined;
}

function estimated(
  vq: VenueQuality,
  sectionIds: readonly string[],
  row: string,
  shared: Shared,
  confidence: number,
): SeatQuality | undefined {
  const est = estimateRowIndex(row);
  if (est === undefined) return undefined;
  const rows: RowQuality[] = [];
  for (const id of sectionIds) {
    const list = vq.ordered.get(id)!;
    if (list.length) rows.push(list[Math.min(est, list.length - 1)]);
  }
  return rows.length ? fromRows(rows, [], shared, confidence) : undefined;
}

/** Obstruction-only factors for answers that do not come from the map. */
function textOnly(basis: QualityBasis, level: Level | undefined, text: TextNoteReading): SeatQualityFactors {
  return {
    basis,
    level,
    mapObstruction: 0,
    textObstruction: text.severity,
    obstruction: text.severity,
    viewNotes: NO_NOTES,
    textNotes: text.matched,
    aisle: text.aisle,
  };
}

export function seatQuality(input: SeatQualityInput): SeatQuality {
  const text = readTextNotes(withoutMapNotes(input.venueId, input.notes));
  const vq = venueQuality(input.venueId);
  if (!vq) {
    const level = guessLevel(input.section ?? '');
    const g = GENERIC_LEVEL_QUALITY[level ?? 'mezzanine'];
    const pos = Math.min(1, (estimateRowIndex(String(input.row ?? '')) ?? GENERIC_ROWS / 2) / GENERIC_ROWS);
    const base = g.front + (g.back - g.front) * pos;
    return {
      quality: round1(base * (1 - text.severity)),
      confidence: CONFIDENCE.unknownVenue,
      factors: textOnly('unknown-venue', level, text),
    };
  }
  const target = findTarget(vq.index, input.section ?? '');
  const rowName = normaliseRowName(String(input.row ?? ''));
  if (target) {
    const ids = target.sectionIds;
    if (ids.length === 1) {
      // One section (the usual case: ingestion stored its id): no candidate arrays.
      const section = vq.index.sections.get(ids[0])!;
      const rq = section.anyRow ? vq.ordered.get(ids[0])![0] : vq.rows.get(ids[0])!.get(rowName);
      if (rq) {
        const pick = seatsOf(rq, input);
        if (pick)
          return fromRows([rq], [pick], { basis: 'seats', level: target.level, text }, CONFIDENCE.seats);
        return fromRows([rq], [], { basis: 'row', level: target.level, text }, CONFIDENCE.row);
      }
    } else {
      const rows: RowQuality[] = [];
      const picks: (number[] | undefined)[] = [];
      let exact = -1;
      let exactCount = 0;
      for (const id of ids) {
        const section = vq.index.sections.get(id)!;
        const rq = section.anyRow ? vq.ordered.get(id)![0] : vq.rows.get(id)!.get(rowName);
        if (!rq) continue;
        const pick = seatsOf(rq, input);
        if (pick) {
          exact = rows.length;
          exactCount++;
        }
        rows.push(rq);
        picks.push(pick);
      }
      if (exactCount === 1) {
        return fromRows(
          [rows[exact]],
          [picks[exact]],
          { basis: 'seats', level: target.level, text },
          CONFIDENCE.seats,
        );
      }
      if (rows.length) {
        const confidence = rows.length === 1 ? CONFIDENCE.row : CONFIDENCE.rowSeveralSections;
        return fromRows(rows, [], { basis: 'row', level: target.level, text }, confidence);
      }
    }
    const shared: Shared = { basis: 'estimated-row', level: target.level, text };
    const e = estimated(vq, ids, rowName, shared, CONFIDENCE.estimatedRow);
    if (e) return e;
    const all = ids.flatMap((id) => vq.ordered.get(id)!);
    return fromRows(all, [], { basis: 'level', level: target.level, text }, CONFIDENCE.level);
  }
  // Section unknown to the map: the venue's sections of the guessed level.
  const level = guessLevel(input.section ?? '');
  const sameLevel = level ? (vq.byLevel.get(level) ?? []) : [];
  if (sameLevel.length) {
    const shared: Shared = { basis: 'level', level, text };
    return (
      estimated(vq, sameLevel, rowName, shared, CONFIDENCE.level) ??
      fromRows(
        sameLevel.flatMap((id) => vq.ordered.get(id)!),
        [],
        shared,
        CONFIDENCE.level,
      )
    );
  }
  return {
    quality: round1(vq.mean * (1 - text.severity)),
    confidence: CONFIDENCE.venue,
    factors: textOnly('venue', level, text),
  };
}
