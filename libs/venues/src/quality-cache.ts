/**
 * Per-venue, per-seat quality, computed once on first use (lazy) and kept in flat arrays
 * so a listing's quality is a few O(1) lookups. Same seat → same numbers, always.
 */
import { normaliseRowName } from './row-names.js';
import { combineSeverities, geometryQuality, seatGeometry } from './seat-geometry.js';
import { COMPUTED_KINDS, sightlineNotes, type SightlineNote } from './sightlines/sightline-notes.js';
import { venueSightlines } from './sightlines/venue-sightlines.js';
import type { RowData, ViewNote } from './types.js';
import { type VenueIndex, venueIndex } from './venue-index.js';
import { rulesFor } from './view-notes.js';

export interface RowQuality {
  row: RowData;
  /** seat number → index into the arrays below */
  seatIndex: Map<number, number>;
  /** Quality before obstructions (0..100). */
  base: Float64Array;
  /** Combined map obstruction severity (0..1). */
  obstruction: Float64Array;
  distance: Float64Array;
  vertical: Float64Array;
  horizontal: Float64Array;
  rake: Float64Array;
  /** Ids of the map's notes per seat (shared empty array when none). */
  noteIds: (readonly string[])[];
  level: number;
  /** Mean final quality of the row (map obstructions applied). */
  mean: number;
  /** Sums over the row's seats, for the no-seat-numbers path without text notes. */
  sums: {
    quality: number;
    /** Σ quality before obstructions. */
    base: number;
    distance: number;
    vertical: number;
    horizontal: number;
    rake: number;
    obstruction: number;
  };
  /** Every note id on some seat of the row. */
  rowNoteIds: readonly string[];
  /** Strongest map obstruction on any seat of the row. */
  maxObstruction: number;
}

export interface VenueQuality {
  index: VenueIndex;
  /** sectionId → normalised row name → row quality */
  rows: Map<string, Map<string, RowQuality>>;
  /** sectionId → rows front to back */
  ordered: Map<string, RowQuality[]>;
  /** Mean final quality of all seats. */
  mean: number;
  /** Level → ids of the venue's sections on that level (for section names the map does not know). */
  byLevel: Map<string, string[]>;
  /**
   * Notes computed from the venue's sightlines, by id, each with its worst seat's text and
   * severity (empty when the venue's geometry is not modelled).
   */
  computedNotes: Map<string, SightlineNote>;
  /** The hand-set notes still charged (all of them when the geometry is not modelled). */
  handNotes: readonly ViewNote[];
}

const cache = new Map<string, VenueQuality>();
const NONE: readonly string[] = Object.freeze([]);

function build(index: VenueIndex): VenueQuality {
  const rows = new Map<string, Map<string, RowQuality>>();
  const ordered = new Map<string, RowQuality[]>();
  const sightlines = venueSightlines(index.venue.id);
  // Where the geometry is modelled, its computation replaces the hand-set severities of the
  // kinds it covers; the other hand notes (close to the stage, access) still count.
  const charged = (n: ViewNote): boolean => !sightlines || !COMPUTED_KINDS.has(n.kind);
  const computedNotes = new Map<string, SightlineNote>();
  let total = 0;
  let count = 0;
  for (const section of index.venue.sections) {
    const byName = new Map<string, RowQuality>();
    const list: RowQuality[] = [];
    const rules = index.notesBySection.get(section.id);
    section.rows.forEach((row, i) => {
      const n = row.seats.length;
      const rq: RowQuality = {
        row,
        seatIndex: new Map(row.seats.map((s, k) => [s.number, k])),
        base: new Float64Array(n),
        obstruction: new Float64Array(n),
        distance: new Float64Array(n),
        vertical: new Float64Array(n),
        horizontal: new Float64Array(n),
        rake: new Float64Array(n),
        noteIds: new Array(n).fill(NONE),
        level: 0,
        mean: 0,
        sums: { quality: 0, base: 0, distance: 0, vertical: 0, horizontal: 0, rake: 0, obstruction: 0 },
        rowNoteIds: NONE,
        maxObstruction: 0,
      };
      const rise = i === 0 ? Infinity : row.elevation - section.rows[i - 1].elevation;
      let sum = 0;
      const lines = sightlines?.bySeat.get(section.id)?.get(normaliseRowName(row.name));
      row.seats.forEach((seat, k) => {
        const g = seatGeometry(seat.x, row.distance, row.elevation, rise, section.level);
        const sl = lines?.get(seat.number);
        const computed = sl ? sightlineNotes(sl, section.level) : [];
        for (const c of computed) {
          const prior = computedNotes.get(c.id);
          if (!prior || c.share > prior.share) computedNotes.set(c.id, c);
        }
        const notes: { id: string }[] = [...rulesFor(rules, i, seat.number).filter(charged), ...computed];
        rq.base[k] = geometryQuality(g);
        // The computed share of the set hidden (every part, however small) and the hand-set
        // notes still charged, as independent losses.
        rq.obstruction[k] = combineSeverities([
          ...rulesFor(rules, i, seat.number)
            .filter(charged)
            .map((nt) => nt.severity),
          sl ? sl.cost : 0,
        ]);
        rq.distance[k] = g.distance;
        rq.vertical[k] = g.vertical;
        rq.horizontal[k] = g.horizontal;
        rq.rake[k] = g.rake;
        rq.level = g.level;
        if (notes.length) rq.noteIds[k] = Object.freeze(notes.map((nt) => nt.id));
        sum += rq.base[k] * (1 - rq.obstruction[k]);
      });
      rq.mean = n ? sum / n : 0;
      const sums = rq.sums;
      const union = new Set<string>();
      for (let k = 0; k < n; k++) {
        sums.distance += rq.distance[k];
        sums.vertical += rq.vertical[k];
        sums.horizontal += rq.horizontal[k];
        sums.rake += rq.rake[k];
        sums.obstruction += rq.obstruction[k];
        sums.base += rq.base[k];
        if (rq.obstruction[k] > rq.maxObstruction) rq.maxObstruction = rq.obstruction[k];
        for (const id of rq.noteIds[k]) union.add(id);
      }
      sums.quality = sum;
      if (union.size) rq.rowNoteIds = Object.freeze([...union]);
      total += sum;
      count += n;
      byName.set(normaliseRowName(row.name), rq);
      list.push(rq);
    });
    rows.set(section.id, byName);
    ordered.set(section.id, list);
  }
  const byLevel = new Map<string, string[]>();
  for (const s of index.venue.sections) byLevel.set(s.level, [...(byLevel.get(s.level) ?? []), s.id]);
  return {
    index,
    rows,
    ordered,
    mean: count ? total / count : 0,
    byLevel,
    computedNotes,
    handNotes: index.venue.viewNotes.filter(charged),
  };
}

export function venueQuality(venueId: string): VenueQuality | undefined {
  let vq = cache.get(venueId);
  if (!vq) {
    const index = venueIndex(venueId);
    if (!index) return undefined;
    vq = build(index);
    cache.set(venueId, vq);
  }
  return vq;
}
