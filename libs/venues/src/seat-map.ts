/**
 * Geometry to draw a venue's seat map (served as GET /api/v1/venues/:id/seatmap): the
 * stage, sections with rows and seats (x/y in seat widths), and for each view note the
 * seats it covers plus a bounding box per section to shade. Stacked levels are drawn apart
 * (tierOffsets), so no seat or label of one level sits over another's.
 */
import { venueQuality } from './quality-cache.js';
import { NOTE_THRESHOLD } from './sightlines/sightline-notes.js';
import { summariseSightline, type SightlineSummary } from './sightlines/sightline-view.js';
import { venueSightlines } from './sightlines/venue-sightlines.js';
import { normaliseRowName } from './row-names.js';
import type { Level, SectionData as VenueSection, ViewNoteKind } from './types.js';

export interface SeatMapSeat {
  n: number;
  x: number;
  y: number;
  /** Seat quality before any listing's text notes (0..100, map obstructions applied). */
  q: number;
  /** Ids of view notes on this seat. */
  notes?: readonly string[];
  /** The seat's computed sightline, where the venue's geometry is modelled. */
  sightline?: SightlineSummary;
}

export interface SeatMap {
  venueId: string;
  name: string;
  city: string;
  timeZone: string;
  /** Drawing bounds, in seat widths. */
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
  stage: { x: number; y: number; width: number; height: number };
  sections: Array<{
    id: string;
    name: string;
    level: Level;
    /** Where to put the section label. */
    label: { x: number; y: number };
    rows: Array<{ name: string; seats: SeatMapSeat[] }>;
  }>;
  viewNotes: Array<{
    id: string;
    kind: ViewNoteKind;
    text: string;
    severity: number;
    /** One rectangle per section the note touches, around its seats (padded half a seat). */
    regions: Array<{ section: string; x: number; y: number; width: number; height: number }>;
  }>;
}

const cache = new Map<string, SeatMap>();
const round2 = (v: number): number => Math.round(v * 100) / 100;

/** Seat widths between the back row of one level and the labels of the level behind it. */
export const LEVEL_GAP = 2;
/** A section's label sits this far in front of its front row (its text is 0.9 seat widths high). */
const LABEL_ABOVE = 1;
const LABEL_HEIGHT = 0.9;
/** A seat's drawn radius. */
const SEAT_RADIUS = 0.4;

/**
 * The level a section is drawn on: its first group ("front-mezzanine", "balcony", "boxes"),
 * else its level. Front and rear mezzanine are one `level` for quality but two tiers here.
 */
export function drawingTier(section: Pick<VenueSection, 'groups' | 'level'>): string {
  return section.groups[0] ?? section.level;
}

/**
 * How far down (away from the stage) each section is drawn. In the theatre the levels are
 * stacked (the rear mezzanine above and behind the front one, a balcony over the mezzanine),
 * so in plan their seats and labels fall on top of each other; each level that spans the
 * house (a section of it crosses the centre line) is moved just far enough to start
 * LEVEL_GAP seat widths behind everything in front of it, labels included. Side boxes stay
 * beside the orchestra, where they are.
 */
function tierOffsets(sections: readonly VenueSection[]): Map<string, number> {
  const tiers = new Map<string, { ids: string[]; top: number; bottom: number; spans: boolean }>();
  for (const section of sections) {
    const seats = section.rows.flatMap((r) => r.seats);
    if (!seats.length) continue;
    const ys = seats.map((s) => s.y);
    const xs = seats.map((s) => s.x);
    const key = drawingTier(section);
    const tier = tiers.get(key) ?? { ids: [], top: Infinity, bottom: -Infinity, spans: false };
    tier.ids.push(section.id);
    tier.top = Math.min(tier.top, Math.min(...ys) - LABEL_ABOVE - LABEL_HEIGHT);
    tier.bottom = Math.max(tier.bottom, Math.max(...ys) + SEAT_RADIUS);
    tier.spans ||= Math.min(...xs) < 0 && Math.max(...xs) > 0;
    tiers.set(key, tier);
  }
  const offsets = new Map<string, number>();
  let behind = -Infinity;
  for (const tier of [...tiers.values()].filter((t) => t.spans).sort((a, b) => a.top - b.top)) {
    const dy = Math.max(0, Math.round((behind + LEVEL_GAP - tier.top) * 10) / 10);
    for (const id of tier.ids) offsets.set(id, dy);
    behind = tier.bottom + dy;
  }
  return offsets;
}

function build(venueId: string): SeatMap | undefined {
  const vq = venueQuality(venueId);
  if (!vq) return undefined;
  const venue = vq.index.venue;
  let minX = venue.stage.x;
  let maxX = venue.stage.x + venue.stage.width;
  const minY = venue.stage.y;
  let maxY = 0;
  const regions = new Map<string, Map<string, { x0: number; y0: number; x1: number; y1: number }>>();
  const sightlines = venueSightlines(venueId);
  const offsets = tierOffsets(venue.sections);
  const sections = venue.sections.map((section) => {
    const dy = offsets.get(section.id) ?? 0;
    let sx = 0;
    let sy = Infinity;
    let count = 0;
    const rows = vq.ordered.get(section.id)!.map((rq) => ({
      name: rq.row.name,
      seats: rq.row.seats.map((s, k): SeatMapSeat => {
        const seat = dy ? { number: s.number, x: s.x, y: round2(s.y + dy) } : s;
        minX = Math.min(minX, seat.x);
        maxX = Math.max(maxX, seat.x);
        maxY = Math.max(maxY, seat.y);
        sx += seat.x;
        sy = Math.min(sy, seat.y);
        count++;
        const ids = rq.noteIds[k];
        for (const id of ids) {
          const bySection = regions.get(id) ?? new Map();
          regions.set(id, bySection);
          const r = bySection.get(section.id) ?? { x0: seat.x, y0: seat.y, x1: seat.x, y1: seat.y };
          bySection.set(section.id, {
            x0: Math.min(r.x0, seat.x),
            y0: Math.min(r.y0, seat.y),
            x1: Math.max(r.x1, seat.x),
            y1: Math.max(r.y1, seat.y),
          });
        }
        const q = Math.round(rq.base[k] * (1 - rq.obstruction[k]) * 10) / 10;
        const out: SeatMapSeat = { n: seat.number, x: seat.x, y: seat.y, q };
        if (ids.length) out.notes = ids;
        const sl = sightlines?.bySeat.get(section.id)?.get(normaliseRowName(rq.row.name))?.get(seat.number);
        if (sl) out.sightline = summariseSightline(sl, 2, NOTE_THRESHOLD);
        return out;
      }),
    }));
    const label = {
      x: Math.round((sx / Math.max(1, count)) * 10) / 10,
      y: Math.round((sy - LABEL_ABOVE) * 10) / 10,
    };
    return { id: section.id, name: section.name, level: section.level, label, rows };
  });
  return {
    venueId: venue.id,
    name: venue.name,
    city: venue.city,
    timeZone: venue.timeZone,
    bounds: { minX: minX - 1, minY: minY - 1, maxX: maxX + 1, maxY: maxY + 1 },
    stage: venue.stage,
    sections,
    // Where the geometry is modelled, the computed notes (worded without a figure: each seat's
    // own share is in its sightline) stand in for the hand-set kinds they replace.
    viewNotes: [
      ...vq.handNotes,
      ...[...vq.computedNotes.values()].map((c) => ({ ...c, text: c.general })),
    ].map((n) => ({
      id: n.id,
      kind: n.kind,
      text: n.text,
      severity: n.severity,
      regions: [...(regions.get(n.id) ?? new Map()).entries()].map(([section, r]) => ({
        section,
        x: round2(r.x0 - 0.5),
        y: round2(r.y0 - 0.5),
        width: round2(r.x1 - r.x0 + 1),
        height: round2(r.y1 - r.y0 + 1),
      })),
    })),
  };
}

/** The drawing geometry of a venue, built once per venue; undefined for an unknown id. */
export function seatMap(venueId: string): SeatMap | undefined {
  let m = cache.get(venueId);
  if (!m) {
    m = build(venueId);
    if (!m) return undefined;
    cache.set(venueId, m);
  }
  return m;
}
