/**
 * Checks a venue's geometry against its seat map: every figure carries a source, no row sits
 * inside the tier above it, every soffit clears the eyes beneath it, every section has a
 * place in the cross-section and every seat sees some of the stage. Returns the problems
 * (empty when sound).
 */
import type { VenueData } from '../types.js';
import { eyeOf } from './seat-scene.js';
import type { Sightline } from './sightline-model.js';
import type { Figure, VenueGeometry } from './theatre-geometry.js';

function figures(value: unknown, path: string, out: [string, Figure][]): void {
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (typeof o.value === 'number' && 'source' in o) {
    out.push([path, o as unknown as Figure]);
    return;
  }
  for (const [k, v] of Object.entries(o)) figures(v, `${path}.${k}`, out);
}

export function validateGeometry(
  g: VenueGeometry,
  venue: VenueData,
  sightline: (sectionId: string, row: string, seat: number) => Sightline | undefined,
): string[] {
  const problems: string[] = [];
  const all: [string, Figure][] = [];
  figures(g, g.venueId, all);
  for (const [path, f] of all) {
    if (!Number.isFinite(f.value)) problems.push(`${path}: not a number`);
    const s = typeof f.source === 'string' ? f.source.trim() : '';
    if (s.length < 12 || s === 'estimated:') problems.push(`${path}: no source or estimate given`);
  }
  const sections = new Map(venue.sections.map((s) => [s.id, s]));
  const placed = new Set<string>();
  const known = (id: string, where: string) => {
    if (!sections.has(id)) problems.push(`${where} names unknown section ${id}`);
    placed.add(id);
  };
  for (const t of g.tiers) t.sections.forEach((id) => known(id, `tier ${t.id}`));
  for (const w of g.boxWalls) w.sections.forEach((id) => known(id, `box wall ${w.id}`));
  for (const r of g.rails) {
    r.sections.forEach((id) => known(id, `rail ${r.id}`));
    for (const id of r.sections)
      if (!sections.get(id)?.rows.some((row) => row.name === r.row))
        problems.push(`rail ${r.id}: no row ${r.row} in ${id}`);
  }
  for (const s of venue.sections) {
    if (s.level !== 'orchestra' && !placed.has(s.id))
      problems.push(`${s.id}: on no tier and behind no box wall`);
  }

  const head = g.headAboveEye.value;
  for (const s of venue.sections) {
    let best = 0;
    for (const row of s.rows) {
      const eye = eyeOf(g, row, 0);
      for (const t of g.tiers) {
        if (t.sections.includes(s.id)) {
          if (eye.y <= t.frontEdge.value)
            problems.push(`${s.id} row ${row.name} is in front of its own tier's edge (${t.id})`);
          if (eye.z - g.eyeHeight.value < t.soffit.value - 1e-9)
            problems.push(`${s.id} row ${row.name}: its floor is below the ${t.id} soffit`);
        } else if (eye.y > t.frontEdge.value && eye.z <= t.railTop.value && eye.z + head >= t.soffit.value) {
          problems.push(
            `${s.id} row ${row.name} is inside the ${t.id} tier (eye ${eye.z.toFixed(2)} m, soffit ${t.soffit.value} m)`,
          );
        }
      }
      for (const seat of row.seats) {
        const sl = sightline(s.id, row.name, seat.number);
        if (!sl) problems.push(`${s.id} row ${row.name} seat ${seat.number}: no sightline`);
        else if (!(sl.visibleHeightShare > 0))
          problems.push(`${s.id} row ${row.name} seat ${seat.number} sees none of the stage's height`);
        else best = Math.max(best, sl.visibleShare);
      }
    }
    // Reachable: some seat of the section sees most of the stage (a column may blind one seat, not a section).
    if (best < 0.5) problems.push(`${s.id}: no seat sees even half of the stage (best ${best.toFixed(2)})`);
  }
  return problems;
}
