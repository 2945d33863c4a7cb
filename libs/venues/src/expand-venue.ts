/**
 * Expands a compact VenueSpec into VenueData: every row with its seats (numbers, drawing
 * position), its physical distance to the stage and its eye height. Pure and deterministic.
 */
import { expandRowOrder, rowsInRange } from './row-names.js';
import type { RowData, SeatData, SectionData, SectionGroup, VenueData } from './types.js';
import type { SectionSpec, VenueSpec } from './venue-spec.js';

const round = (v: number): number => Math.round(v * 100) / 100;

function seatNumbers(spec: SectionSpec, count: number, first?: number): number[] {
  const step = spec.numbering === 'consecutive' ? 1 : 2;
  const start = first ?? (spec.numbering === 'odd' ? 1 : spec.numbering === 'even' ? 2 : 101);
  return Array.from({ length: count }, (_, i) => start + i * step);
}

function expandSection(spec: SectionSpec): SectionData {
  const order = expandRowOrder(spec.rowOrder);
  const counts = new Map<string, { count: number; first?: number }>();
  for (const [range, count, first] of spec.rows) {
    for (const name of rowsInRange(range, order)) counts.set(name, { count, first });
  }
  const { physical: p, draw } = spec;
  const rakeIndex = p.rakeFrom ? order.indexOf(p.rakeFrom) : 0;
  if (rakeIndex < 0) throw new Error(`${spec.id}: rakeFrom ${p.rakeFrom} is not a row`);
  const drawDepth = draw.rowDepth ?? 1.4;
  const drawX = draw.x ?? 0;

  const rows: RowData[] = order.map((name, i) => {
    const c = counts.get(name);
    if (!c) throw new Error(`${spec.id}: row ${name} has no seat count`);
    // Numbers in aisle order (low first), then placed from the low end outwards.
    const numbers = seatNumbers(spec, c.count, c.first);
    const dir = spec.lowAt === 'left' ? 1 : -1;
    const startX = spec.align === 'low' ? spec.x : spec.x - (dir * (c.count - 1)) / 2;
    const y0 = draw.y0 + i * drawDepth;
    const seats: SeatData[] = numbers.map((number, k) => {
      const x = startX + dir * k;
      return { number, x: round(x), y: round(y0 + (draw.curve ?? 0) * (x + drawX) * (x + drawX)) };
    });
    seats.sort((a, b) => a.x - b.x); // house left to house right
    const flat = Math.min(i, rakeIndex) * (p.flatRise ?? 0);
    const raked = Math.max(0, i - rakeIndex) * p.rakePerRow;
    return {
      name,
      seats,
      distance: round(p.distance0 + i * p.rowDepth),
      elevation: round(p.elevation0 + flat + raked),
    };
  });
  for (const name of counts.keys()) {
    if (!order.includes(name)) throw new Error(`${spec.id}: row ${name} is not in the row order`);
  }
  return {
    id: spec.id,
    name: spec.name,
    level: spec.level,
    aliases: spec.aliases,
    groups: spec.groups ?? [],
    rows,
    ...(spec.anyRow ? { anyRow: true } : {}),
  };
}

export function expandVenue(spec: VenueSpec): VenueData {
  const sections = spec.sections.map(expandSection);
  const groups: SectionGroup[] = spec.groups.map((g) => ({
    ...g,
    sections: sections.filter((s) => s.groups.includes(g.id)).map((s) => s.id),
  }));
  const w = spec.stage.width;
  return {
    id: spec.id,
    name: spec.name,
    city: spec.city,
    timeZone: spec.timeZone,
    capacity: spec.capacity,
    // The stage is drawn above y = 0 (its front edge), centred on x = 0.
    stage: { x: -w / 2, y: -spec.stage.depth, width: w, height: spec.stage.depth },
    sections,
    groups,
    viewNotes: spec.viewNotes,
    sources: spec.sources,
  };
}
