// Which seats of the map are the buyer's and which carry a view note: the seat keys the
// drawing (seatmap.ts) colours and marks.
import type { ListingDetail, MapSeat, MapSection, MapViewNote, SeatMap } from './api.js';

const norm = (s: string | undefined) =>
  String(s ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
export const seatKey = (section: string | undefined, row: string, number: number) =>
  `${section}|${norm(row)}|${number}`;

export interface Point {
  x: number;
  y: number;
}

/** A seat of the map with its section, row and key. */
export interface PlacedSeat {
  section: MapSection;
  seat: MapSeat;
  key: string;
}

/** A view note with its number in the list and the seats it covers. */
export interface NumberedNote extends MapViewNote {
  index: number;
  keys: Set<string>;
}

export interface MySeats {
  keys: Set<string>;
  section: MapSection | undefined;
  wholeRow: boolean;
}

/** The map's section for a listing: by id first, then by name (the broker may say "Orchestra"). */
function findSection(map: SeatMap, listing: ListingDetail): MapSection | undefined {
  const byId = map.sections.find(
    (s) => s.id === listing.sectionId || s.id === listing.seatPositions[0]?.section,
  );
  if (byId) return byId;
  const n = norm(listing.section);
  return (
    map.sections.find((s) => norm(s.name) === n || norm(s.id) === n) ??
    map.sections.find((s) => n && norm(s.name).includes(n))
  );
}

/** Seats covered by a note (each seat lists the notes on it), as a Set of seat keys. */
export function noteSeats(map: SeatMap, note: MapViewNote): Set<string> {
  const keys = new Set<string>();
  for (const section of map.sections)
    for (const row of section.rows)
      for (const seat of row.seats)
        if (seat.notes.includes(note.id)) keys.add(seatKey(section.id, row.name, seat.number));
  return keys;
}

/** The listing's seats on the map; the whole row when the seller gave no seat numbers. */
export function mySeats(map: SeatMap, listing: ListingDetail): MySeats {
  const section = findSection(map, listing);
  const keys = new Set<string>();
  const sectionId = section?.id ?? listing.seatPositions[0]?.section;
  const numbers = listing.seatPositions.length ? listing.seatPositions.map((p) => p.number) : listing.seats;
  const row = section?.rows.find((r) => norm(r.name) === norm(listing.seatPositions[0]?.row ?? listing.row));
  if (row && numbers.length) for (const n of numbers) keys.add(seatKey(sectionId, row.name, n));
  else if (row) for (const seat of row.seats) keys.add(seatKey(sectionId, row.name, seat.number));
  for (const p of listing.seatPositions) keys.add(seatKey(p.section || sectionId, p.row, p.number));
  return { keys, section, wholeRow: Boolean(row) && !numbers.length };
}

/** Positions the listing carries (they count even when the map lacks that seat). */
export function listingPoints(listing: ListingDetail): Point[] {
  return listing.seatPositions.flatMap((p) =>
    p.x === undefined || p.y === undefined ? [] : [{ x: p.x, y: p.y }],
  );
}
