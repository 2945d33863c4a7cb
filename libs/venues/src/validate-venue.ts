/**
 * Consistency checks of a venue's data, run by the specs (and usable by a data editor):
 * unique ids and seat numbers, numbering parity, aliases that resolve, view notes that
 * point at real sections and rows, and a seat count near the documented capacity.
 */
import { normaliseRowName } from './row-names.js';
import type { VenueData } from './types.js';
import { findTarget, venueIndex } from './venue-index.js';

/** How far the mapped seat count may stray from the documented capacity. */
export const CAPACITY_TOLERANCE = 0.1;

export function seatCount(venue: VenueData): number {
  let n = 0;
  for (const s of venue.sections) for (const r of s.rows) n += r.seats.length;
  return n;
}

/** Problems found, as sentences; empty when the venue is consistent. */
export function validateVenue(venue: VenueData): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const s of venue.sections) {
    if (ids.has(s.id)) problems.push(`duplicate section id ${s.id}`);
    ids.add(s.id);
    const rowNames = new Set<string>();
    for (const r of s.rows) {
      const key = normaliseRowName(r.name);
      if (rowNames.has(key)) problems.push(`${s.id}: duplicate row ${r.name}`);
      rowNames.add(key);
      const numbers = new Set<number>();
      for (const seat of r.seats) {
        if (numbers.has(seat.number)) problems.push(`${s.id} row ${r.name}: duplicate seat ${seat.number}`);
        numbers.add(seat.number);
        if (!Number.isInteger(seat.number) || seat.number <= 0)
          problems.push(`${s.id} row ${r.name}: bad seat number ${seat.number}`);
      }
      for (let k = 1; k < r.seats.length; k++) {
        if (r.seats[k].x <= r.seats[k - 1].x)
          problems.push(`${s.id} row ${r.name}: seats not ordered house left to right`);
      }
    }
  }
  for (const g of venue.groups) {
    if (ids.has(g.id)) problems.push(`group id ${g.id} clashes with a section id`);
    if (g.sections.length === 0) problems.push(`group ${g.id} has no sections`);
  }
  let idx;
  try {
    idx = venueIndex(venue.id);
  } catch (err) {
    return [...problems, (err as Error).message];
  }
  if (!idx) return [...problems, `venue ${venue.id} is not registered`];
  for (const s of venue.sections) {
    for (const alias of [s.name, ...s.aliases]) {
      if (findTarget(idx, alias)?.id !== s.id) problems.push(`alias "${alias}" does not resolve to ${s.id}`);
    }
  }
  for (const g of venue.groups) {
    for (const alias of [g.name, ...g.aliases]) {
      if (findTarget(idx, alias)?.id !== g.id)
        problems.push(`alias "${alias}" does not resolve to group ${g.id}`);
    }
  }
  for (const note of venue.viewNotes) {
    if (!note.source.trim()) problems.push(`view note ${note.id} has no source`);
    if (note.severity < 0 || note.severity > 1) problems.push(`view note ${note.id} severity out of 0..1`);
    for (const w of note.where) {
      const section = idx.sections.get(w.section);
      if (!section) {
        problems.push(`view note ${note.id}: unknown section ${w.section}`);
        continue;
      }
      for (const row of w.rows ?? []) {
        if (!idx.rows.get(w.section)!.has(normaliseRowName(row)))
          problems.push(`view note ${note.id}: unknown row ${row} in ${w.section}`);
      }
      if (w.seats) {
        const all = section.rows.flatMap((r) => r.seats.map((x) => x.number));
        if (!all.some((n) => n >= w.seats![0] && n <= w.seats![1]))
          problems.push(`view note ${note.id}: no seat ${w.seats.join('–')} in ${w.section}`);
      }
    }
  }
  const count = seatCount(venue);
  if (Math.abs(count - venue.capacity) > venue.capacity * CAPACITY_TOLERANCE) {
    problems.push(`${count} seats mapped, documented capacity ${venue.capacity}`);
  }
  return problems;
}
