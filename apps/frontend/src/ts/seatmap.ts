// Draws a theatre's seat map as SVG from GET /api/v1/venues/:id/seatmap (already
// normalised by api.ts). Venue units are seat widths; y grows away from the stage, which
// is SVG's own direction, so the stage sits at the top. The listing's seats are drawn
// larger in the accent colour with a halo; seats under a view note are amber and each
// note gets a numbered marker matching the list under the map. Levels stacked above one
// another (front and rear mezzanine, balcony) come from the API already drawn apart.
import type { ListingDetail, SeatMap } from './api.js';
import { el, svg } from './format.js';
import {
  listingPoints,
  mySeats,
  noteSeats,
  seatKey,
  type MySeats,
  type NumberedNote,
  type PlacedSeat,
  type Point,
} from './seatmap-seats.js';

/** The drawing's viewBox: the stage, every seat and the listing's own positions, padded. */
function viewBoxOf(map: SeatMap, all: readonly PlacedSeat[], listing: ListingDetail): string {
  const points = [...all.map((a) => a.seat), ...listingPoints(listing)];
  const xs = [map.stage.x, map.stage.x + map.stage.width, ...points.map((p) => p.x)];
  const ys = [map.stage.y, map.stage.y + map.stage.height, ...points.map((p) => p.y)];
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const pad = 2;
  return [minX - pad, minY - pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad]
    .map((n) => +n.toFixed(2))
    .join(' ');
}

const centre = (points: readonly Point[]): Point => ({
  x: points.reduce((a, p) => a + p.x, 0) / points.length,
  y: points.reduce((a, p) => a + p.y, 0) / points.length,
});

/**
 * Every seat as a circle: the listing's own (and positions the map lacks) in one layer on
 * top with a dashed halo around them, the others coloured by the worst note on them.
 */
function seatLayers(
  all: readonly PlacedSeat[],
  mine: MySeats,
  notes: readonly NumberedNote[],
  listing: ListingDetail,
): { seatsLayer: SVGGElement; mineLayer: SVGGElement; minePoints: Point[] } {
  // Seat colour follows the worst note on it: a real obstruction stands out from a nuisance.
  const noted = new Map<string, number>();
  for (const n of notes) for (const k of n.keys) noted.set(k, Math.max(noted.get(k) ?? 0, n.severity));
  const seatsLayer = svg('g', { class: 'seats', 'aria-hidden': 'true' });
  const mineLayer = svg('g', { class: 'mine-layer', 'aria-hidden': 'true' });
  const minePoints: Point[] = [];
  for (const { seat, key } of all) {
    const isMine = mine.keys.has(key);
    const severity = noted.get(key);
    const tone = isMine ? ' mine' : severity === undefined ? '' : severity >= 0.2 ? ' noted' : ' noted-minor';
    const circle = svg('circle', { cx: seat.x, cy: seat.y, r: isMine ? 0.62 : 0.4, class: `seat${tone}` });
    if (isMine) {
      circle.setAttribute('data-mine', 'true');
      mineLayer.append(circle);
      minePoints.push(seat);
    } else {
      seatsLayer.append(circle);
    }
  }
  for (const p of listingPoints(listing)) {
    if (minePoints.some((s) => s.x === p.x && s.y === p.y)) continue;
    mineLayer.append(svg('circle', { cx: p.x, cy: p.y, r: 0.62, class: 'seat mine', 'data-mine': 'true' }));
    minePoints.push(p);
  }
  if (minePoints.length) {
    const c = centre(minePoints);
    const spread = Math.max(...minePoints.map((p) => Math.hypot(p.x - c.x, p.y - c.y)));
    mineLayer.prepend(
      svg('circle', {
        cx: c.x,
        cy: c.y,
        r: spread + 1.6,
        fill: 'none',
        stroke: '#b3261e',
        'stroke-width': 0.25,
        'stroke-dasharray': '0.6 0.4',
      }),
    );
  }
  return { seatsLayer, mineLayer, minePoints };
}

/** Each section's name above its seats (where the API puts it, else over the front row). */
function sectionLabels(map: SeatMap): SVGGElement {
  const labels = svg('g', { 'aria-hidden': 'true' });
  for (const section of map.sections) {
    const seats = section.rows.flatMap((r) => r.seats);
    if (!seats.length) continue;
    const x = section.label?.x ?? centre(seats).x;
    const y = section.label?.y ?? Math.min(...seats.map((s) => s.y)) - 0.9;
    labels.append(svg('text', { x, y, 'text-anchor': 'middle', class: 'section-label' }, section.name));
  }
  return labels;
}

/** Rectangles a note covers when no seat carries it, drawn under the seats. */
function noteShades(notes: readonly NumberedNote[]): SVGGElement {
  const shades = svg('g', { class: 'note-shades', 'aria-hidden': 'true' });
  for (const note of notes) {
    if (note.keys.size) continue; // the seats themselves are coloured; a box would only add clutter
    for (const r of note.rects)
      shades.append(
        svg('rect', { x: r.x, y: r.y, width: r.width, height: r.height, rx: 0.4, class: 'note-shade' }),
      );
  }
  return shades;
}

/** A numbered marker at the middle of each note's seats, matching the list under the map. */
function noteMarkers(notes: readonly NumberedNote[], all: readonly PlacedSeat[]): SVGGElement {
  const markers = svg('g', { 'aria-hidden': 'true' });
  const byKey = new Map(all.map((a) => [a.key, a.seat]));
  for (const note of notes) {
    const pts = [...note.keys].flatMap((k) => byKey.get(k) ?? []);
    if (!pts.length) continue;
    const { x, y } = centre(pts);
    markers.append(
      svg(
        'g',
        { class: 'note-marker', 'data-note': note.id },
        svg('circle', { cx: x, cy: y, r: 0.75 }),
        svg('text', { x, y: y + 0.28, 'text-anchor': 'middle' }, String(note.index)),
      ),
    );
  }
  return markers;
}

function stageDrawing(stage: SeatMap['stage']): SVGElement[] {
  return [
    svg('rect', {
      x: stage.x,
      y: stage.y,
      width: stage.width,
      height: stage.height,
      rx: 0.6,
      class: 'stage',
    }),
    svg(
      'text',
      {
        x: stage.x + stage.width / 2,
        y: stage.y + stage.height / 2 + 0.4,
        'text-anchor': 'middle',
        class: 'stage-label',
        'aria-hidden': 'true',
      },
      'STAGE',
    ),
  ];
}

function legend(mine: MySeats): HTMLUListElement {
  const item = (swatch: string, text: string) =>
    el('li', {}, el('span', { class: `swatch swatch-${swatch}`, 'aria-hidden': 'true' }), text);
  return el(
    'ul',
    { class: 'legend', 'aria-label': 'Map key' },
    item('mine', mine.wholeRow ? 'Your row (seat numbers not given)' : 'Your seats'),
    item('noted', 'Seats with a view note'),
    item('seat', 'Other seats'),
  );
}

function noteList(notes: readonly NumberedNote[], forListing: readonly NumberedNote[]): HTMLElement | null {
  if (!notes.length) return null;
  return el(
    'ol',
    { class: 'note-list', 'aria-label': 'View notes on the map' },
    notes.map((n) =>
      el(
        'li',
        { 'data-note': n.id },
        n.text,
        forListing.includes(n) ? el('strong', {}, ' — affects your seats') : null,
      ),
    ),
  );
}

/** On a phone the whole house is small: one button frames the buyer's seats and the stage. */
function zoomButton(
  figure: SVGSVGElement,
  viewBox: string,
  minePoints: readonly Point[],
  stage: SeatMap['stage'],
): HTMLButtonElement | null {
  if (!minePoints.length) return null;
  const { x: cx, y: cy } = centre(minePoints);
  const top = Math.min(stage.y, cy - 6);
  const half = Math.max(10, (cy - top + 6) * 0.75);
  const zoomBox = [cx - half, top - 1, half * 2, cy - top + 7].map((n) => +n.toFixed(2)).join(' ');
  const zoom = el(
    'button',
    { type: 'button', class: 'button button-secondary zoom', 'aria-pressed': 'false' },
    'Zoom to your seats',
  );
  zoom.addEventListener('click', () => {
    const zoomed = zoom.getAttribute('aria-pressed') !== 'true';
    figure.setAttribute('viewBox', zoomed ? zoomBox : viewBox);
    zoom.setAttribute('aria-pressed', String(zoomed));
  });
  return zoom;
}

/**
 * The figure (SVG + legend + numbered notes) and the view notes that touch the listing's
 * own seats.
 */
export function renderSeatMap(
  map: SeatMap,
  listing: ListingDetail,
): { element: HTMLElement; notesForListing: NumberedNote[] } {
  const mine = mySeats(map, listing);
  const notes: NumberedNote[] = map.viewNotes.map((note, i) => ({
    ...note,
    index: i + 1,
    keys: noteSeats(map, note),
  }));
  const all: PlacedSeat[] = map.sections.flatMap((section) =>
    section.rows.flatMap((row) =>
      row.seats.map((seat) => ({ section, seat, key: seatKey(section.id, row.name, seat.number) })),
    ),
  );
  const viewBox = viewBoxOf(map, all, listing);
  const { seatsLayer, mineLayer, minePoints } = seatLayers(all, mine, notes, listing);
  const notesForListing = notes.filter((n) => [...mine.keys].some((k) => n.keys.has(k)));
  const theatre = map.venue.name || 'The theatre';
  const where = `${listing.section}, row ${listing.row}${listing.seats.length ? `, seats ${listing.seats.join(', ')}` : ''}`;
  const desc = `${theatre} seen from above, stage at the top. Your seats, ${where}, are marked in red${
    minePoints.length ? '' : ' where the map knows them'
  }. ${notes.length} view note${notes.length === 1 ? '' : 's'} marked, ${notesForListing.length} affecting your seats.`;

  const figure = svg(
    'svg',
    {
      class: 'seatmap',
      viewBox,
      role: 'img',
      'aria-labelledby': 'seatmap-title seatmap-desc',
      'data-testid': 'seatmap',
      preserveAspectRatio: 'xMidYMid meet',
    },
    svg('title', { id: 'seatmap-title' }, `Seat map of ${map.venue.name || 'the theatre'}`),
    svg('desc', { id: 'seatmap-desc' }, desc),
    ...stageDrawing(map.stage),
    noteShades(notes),
    seatsLayer,
    sectionLabels(map),
    noteMarkers(notes, all),
    mineLayer,
  );
  const zoom = zoomButton(figure, viewBox, minePoints, map.stage);
  return {
    element: el(
      'div',
      { class: 'seatmap-wrap' },
      zoom,
      figure,
      legend(mine),
      noteList(notes, notesForListing),
    ),
    notesForListing,
  };
}
