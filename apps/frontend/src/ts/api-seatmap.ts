// `GET /api/v1/venues/:id/seatmap` (libs/venues SeatMap) as the listing page draws it.
import type { SeatMap as SeatMapDto } from '@hamiltix/venues';
import { num, request } from './api-http.js';
import type { Signal, Venue } from './api.js';

export interface MapSeat {
  number: number;
  x: number;
  y: number;
  notes: string[];
}

export interface MapSection {
  id: string;
  name: string;
  level: string;
  label?: { x: number; y: number };
  rows: { name: string; seats: MapSeat[] }[];
}

export interface MapViewNote {
  id: string;
  kind: string;
  text: string;
  severity: number;
  /** Rectangles to shade, one per section the note touches (libs/venues SeatMap). */
  rects: { section: string; x: number; y: number; width: number; height: number }[];
}

export interface SeatMap {
  venue: Venue;
  stage: { x: number; y: number; width: number; height: number };
  sections: MapSection[];
  viewNotes: MapViewNote[];
}

/** `GET /api/v1/venues/:id/seatmap` (libs/venues SeatMap). Coordinates are in seat widths, y away from the stage. */
export function toSeatMap(raw: SeatMapDto): SeatMap {
  return {
    venue: { id: String(raw.venueId ?? ''), name: String(raw.name ?? ''), timeZone: raw.timeZone },
    stage: {
      x: num(raw.stage?.x),
      y: num(raw.stage?.y),
      width: num(raw.stage?.width, 20),
      height: num(raw.stage?.height, 4),
    },
    sections: (raw.sections ?? []).map((s) => ({
      id: String(s.id),
      name: String(s.name ?? s.id),
      level: String(s.level ?? ''),
      label: s.label && s.label.x != null ? { x: num(s.label.x), y: num(s.label.y) } : undefined,
      rows: (s.rows ?? []).map((r) => ({
        name: String(r.name),
        seats: (r.seats ?? []).map((seat) => ({
          number: num(seat.n),
          x: num(seat.x),
          y: num(seat.y),
          notes: (seat.notes ?? []).map(String),
        })),
      })),
    })),
    viewNotes: (raw.viewNotes ?? []).map((n) => ({
      id: String(n.id ?? ''),
      kind: String(n.kind ?? 'other'),
      text: String(n.text ?? ''),
      severity: num(n.severity),
      rects: (n.regions ?? []).map((r) => ({
        section: String(r.section ?? ''),
        x: num(r.x),
        y: num(r.y),
        width: num(r.width),
        height: num(r.height),
      })),
    })),
  };
}

export async function getSeatMap(venueId: string, { signal }: Signal = {}): Promise<SeatMap> {
  return toSeatMap(
    await request<SeatMapDto>(`/api/v1/venues/${encodeURIComponent(venueId)}/seatmap`, { signal }),
  );
}
