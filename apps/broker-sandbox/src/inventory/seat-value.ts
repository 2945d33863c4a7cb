import type { Level, RowData, SectionData, VenueData, ViewNote } from '@hamiltix/venues';
import type { Market } from './inventory.types.js';

/** Fair resale price of a mid-quality seat on a Saturday night, cents (docs/domain.md §5). */
const MARKET_BASE_CENTS: Record<Market, number> = { 'new-york': 52_000, chicago: 27_000, touring: 19_000 };

const LEVEL_PENALTY: Record<Level, number> = {
  orchestra: 0,
  'dress-circle': 0.04,
  mezzanine: 0.06,
  balcony: 0.16,
  box: 0.22,
};

/** Precomputed extents of a venue, so each seat's value is a few multiplications. */
export interface VenueGeometry {
  centreX: number;
  frontY: number;
  maxDistance: number;
  maxSide: number;
}

export function venueGeometry(venue: VenueData): VenueGeometry {
  const centreX = venue.stage.x + venue.stage.width / 2;
  const frontY = venue.stage.y + venue.stage.height;
  let maxDistance = 1;
  let maxSide = 1;
  for (const section of venue.sections)
    for (const row of section.rows)
      for (const seat of row.seats) {
        maxDistance = Math.max(maxDistance, Math.hypot(seat.x - centreX, seat.y - frontY));
        maxSide = Math.max(maxSide, Math.abs(seat.x - centreX));
      }
  return { centreX, frontY, maxDistance, maxSide };
}

/** The view notes covering any of the seats `numbers` of `row` in `section`. */
export function notesFor(
  venue: VenueData,
  section: SectionData,
  rowIndex: number,
  numbers: number[],
): ViewNote[] {
  const rowOrder = (name: string) => section.rows.findIndex((r) => r.name === name);
  return venue.viewNotes.filter((note) =>
    note.where.some((w) => {
      if (w.section !== section.id) return false;
      if (w.rows) {
        const from = rowOrder(w.rows[0]);
        const to = rowOrder(w.rows[1]);
        if (from < 0 || to < 0 || rowIndex < Math.min(from, to) || rowIndex > Math.max(from, to))
          return false;
      }
      if (w.seats) {
        const [lo, hi] = w.seats;
        if (!numbers.some((n) => n >= lo && n <= hi)) return false;
      }
      return true;
    }),
  );
}

/**
 * The sandbox's own seat value curve, 0.05..1: closer and more central is better, the
 * first rows strain the neck, upper levels and boxes cost, view notes cost by severity.
 * (libs/venues has the product's seat-quality model; the market only needs a plausible
 * curve, and a separate one keeps the ranking honest: it is not grading its own prices.)
 */
export function seatValue(
  geometry: VenueGeometry,
  section: SectionData,
  rowIndex: number,
  row: RowData,
  seatIndexes: [number, number],
  notes: ViewNote[],
): number {
  const first = row.seats[seatIndexes[0]];
  const last = row.seats[seatIndexes[1]];
  const x = (first.x + last.x) / 2;
  const y = (first.y + last.y) / 2;
  const distance = Math.hypot(x - geometry.centreX, y - geometry.frontY) / geometry.maxDistance;
  const side = Math.abs(x - geometry.centreX) / geometry.maxSide;
  let q = 1 - 0.55 * distance - 0.25 * side * side - LEVEL_PENALTY[section.level];
  if (section.level === 'orchestra' && rowIndex < 2) q -= rowIndex === 0 ? 0.12 : 0.06;
  const severity = notes.reduce((m, n) => Math.max(m, n.severity), 0);
  q -= 0.6 * severity;
  return Math.min(1, Math.max(0.05, q));
}

/** Fair retail price, cents, of a seat of value `quality` at demand 1. */
export function valueCents(market: Market, quality: number): number {
  return Math.round(MARKET_BASE_CENTS[market] * (0.45 + 1.55 * Math.pow(quality, 1.6)));
}
