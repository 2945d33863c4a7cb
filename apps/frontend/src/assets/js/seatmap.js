// Draws a theatre's seat map as SVG from GET /api/v1/venues/:id/seatmap (already
// normalised by api.js). Venue units are seat widths; y grows away from the stage, which
// is SVG's own direction, so the stage sits at the top. The listing's seats are drawn
// larger in the accent colour with a halo; seats under a view note are amber and each
// note gets a numbered marker matching the list under the map.
import { el, svg } from './format.js';

const norm = (s) =>
  String(s ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
const seatKey = (section, row, number) => `${section}|${norm(row)}|${number}`;

/** The map's section for a listing: by id first, then by name (the broker may say "Orchestra"). */
export function findSection(map, listing) {
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

/** Seats covered by a note, as a Set of seat keys. */
function noteSeats(map, note) {
  const keys = new Set();
  for (const section of map.sections) {
    for (const row of section.rows) {
      for (const seat of row.seats)
        if (seat.notes.includes(note.id)) keys.add(seatKey(section.id, row.name, seat.number));
    }
  }
  for (const s of note.seats) keys.add(seatKey(s.section, s.row, s.number));
  for (const region of note.regions) {
    const section = map.sections.find(
      (s) => s.id === region.section || norm(s.name) === norm(region.section),
    );
    if (!section) continue;
    let rows = section.rows;
    if (region.rows) {
      const from = section.rows.findIndex((r) => norm(r.name) === norm(region.rows[0]));
      const to = section.rows.findIndex((r) => norm(r.name) === norm(region.rows[1]));
      if (from < 0 || to < 0) continue;
      rows = section.rows.slice(Math.min(from, to), Math.max(from, to) + 1);
    }
    for (const row of rows) {
      for (const seat of row.seats) {
        if (region.seats && (seat.number < region.seats[0] || seat.number > region.seats[1])) continue;
        keys.add(seatKey(section.id, row.name, seat.number));
      }
    }
  }
  return keys;
}

/** The listing's seats on the map; the whole row when the seller gave no seat numbers. */
function mySeats(map, listing) {
  const section = findSection(map, listing);
  const keys = new Set();
  const sectionId = section?.id ?? listing.seatPositions[0]?.section;
  const numbers = listing.seatPositions.length ? listing.seatPositions.map((p) => p.number) : listing.seats;
  const row = section?.rows.find((r) => norm(r.name) === norm(listing.seatPositions[0]?.row ?? listing.row));
  if (row && numbers.length) for (const n of numbers) keys.add(seatKey(sectionId, row.name, n));
  else if (row) for (const seat of row.seats) keys.add(seatKey(sectionId, row.name, seat.number));
  for (const p of listing.seatPositions) keys.add(seatKey(p.section || sectionId, p.row, p.number));
  return { keys, section, wholeRow: Boolean(row) && !numbers.length };
}

/**
 * @returns {{ element: HTMLElement, notesForListing: object[] }} the figure (SVG + legend
 * + numbered notes) and the view notes that touch the listing's own seats.
 */
export function renderSeatMap(map, listing) {
  const mine = mySeats(map, listing);
  const notes = map.viewNotes.map((note, i) => ({ ...note, index: i + 1, keys: noteSeats(map, note) }));
  // Seat colour follows the worst note on it: a real obstruction stands out from a nuisance.
  const noted = new Map();
  for (const n of notes) for (const k of n.keys) noted.set(k, Math.max(noted.get(k) ?? 0, n.severity));

  let minX = map.stage.x;
  let maxX = map.stage.x + map.stage.width;
  let minY = map.stage.y;
  let maxY = map.stage.y + map.stage.height;
  const all = [];
  for (const section of map.sections) {
    for (const row of section.rows) {
      for (const seat of row.seats) {
        all.push({ section, row, seat, key: seatKey(section.id, row.name, seat.number) });
        minX = Math.min(minX, seat.x);
        maxX = Math.max(maxX, seat.x);
        minY = Math.min(minY, seat.y);
        maxY = Math.max(maxY, seat.y);
      }
    }
  }
  // Positions sent with the listing count even when the map lacks that seat.
  for (const p of listing.seatPositions) {
    if (p.x === undefined || p.y === undefined) continue;
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const pad = 2;
  const viewBox = [minX - pad, minY - pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad]
    .map((n) => +n.toFixed(2))
    .join(' ');

  const seatsLayer = svg('g', { class: 'seats', 'aria-hidden': 'true' });
  const mineLayer = svg('g', { class: 'mine-layer', 'aria-hidden': 'true' });
  const minePoints = [];
  for (const { seat, key } of all) {
    const isMine = mine.keys.has(key);
    const circle = svg('circle', {
      cx: seat.x,
      cy: seat.y,
      r: isMine ? 0.62 : 0.4,
      class: `seat${isMine ? ' mine' : noted.has(key) ? (noted.get(key) >= 0.2 ? ' noted' : ' noted-minor') : ''}`,
    });
    if (isMine) {
      circle.setAttribute('data-mine', 'true');
      mineLayer.append(circle);
      minePoints.push(seat);
    } else {
      seatsLayer.append(circle);
    }
  }
  for (const p of listing.seatPositions) {
    if (p.x === undefined || p.y === undefined || minePoints.some((s) => s.x === p.x && s.y === p.y))
      continue;
    mineLayer.append(svg('circle', { cx: p.x, cy: p.y, r: 0.62, class: 'seat mine', 'data-mine': 'true' }));
    minePoints.push(p);
  }
  if (minePoints.length) {
    const cx = minePoints.reduce((a, p) => a + p.x, 0) / minePoints.length;
    const cy = minePoints.reduce((a, p) => a + p.y, 0) / minePoints.length;
    const spread = Math.max(...minePoints.map((p) => Math.hypot(p.x - cx, p.y - cy)));
    mineLayer.prepend(
      svg('circle', {
        cx,
        cy,
        r: spread + 1.6,
        fill: 'none',
        stroke: '#b3261e',
        'stroke-width': 0.25,
        'stroke-dasharray': '0.6 0.4',
      }),
    );
  }

  const labels = svg('g', { 'aria-hidden': 'true' });
  for (const section of map.sections) {
    const seats = section.rows.flatMap((r) => r.seats);
    if (!seats.length) continue;
    const x = section.label?.x ?? seats.reduce((a, s) => a + s.x, 0) / seats.length;
    const y = section.label?.y ?? Math.min(...seats.map((s) => s.y)) - 0.9;
    labels.append(svg('text', { x, y, 'text-anchor': 'middle', class: 'section-label' }, section.name));
  }

  // Rectangles a note covers (when the API gives them), drawn under the seats.
  const shades = svg('g', { class: 'note-shades', 'aria-hidden': 'true' });
  for (const note of notes) {
    if (note.keys.size) continue; // the seats themselves are coloured; a box would only add clutter
    for (const r of note.rects)
      shades.append(
        svg('rect', { x: r.x, y: r.y, width: r.width, height: r.height, rx: 0.4, class: 'note-shade' }),
      );
  }

  const markers = svg('g', { 'aria-hidden': 'true' });
  const byKey = new Map(all.map((a) => [a.key, a.seat]));
  for (const note of notes) {
    const pts = [...note.keys].map((k) => byKey.get(k)).filter(Boolean);
    if (!pts.length) continue;
    const x = pts.reduce((a, p) => a + p.x, 0) / pts.length;
    const y = pts.reduce((a, p) => a + p.y, 0) / pts.length;
    markers.append(
      svg(
        'g',
        { class: 'note-marker', 'data-note': note.id },
        svg('circle', { cx: x, cy: y, r: 0.75 }),
        svg('text', { x, y: y + 0.28, 'text-anchor': 'middle' }, String(note.index)),
      ),
    );
  }

  const { stage } = map;
  const notesForListing = notes.filter((n) => [...mine.keys].some((k) => n.keys.has(k)));
  const where = `${listing.section}, row ${listing.row}${listing.seats.length ? `, seats ${listing.seats.join(', ')}` : ''}`;
  const desc = `${map.venue.name || 'The theatre'} seen from above, stage at the top. Your seats, ${where}, are marked in red${
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
    shades,
    seatsLayer,
    labels,
    markers,
    mineLayer,
  );

  const legend = el(
    'ul',
    { class: 'legend', 'aria-label': 'Map key' },
    el(
      'li',
      {},
      el('span', { class: 'swatch swatch-mine', 'aria-hidden': 'true' }),
      mine.wholeRow ? 'Your row (seat numbers not given)' : 'Your seats',
    ),
    el(
      'li',
      {},
      el('span', { class: 'swatch swatch-noted', 'aria-hidden': 'true' }),
      'Seats with a view note',
    ),
    el('li', {}, el('span', { class: 'swatch swatch-seat', 'aria-hidden': 'true' }), 'Other seats'),
  );
  const noteList = notes.length
    ? el(
        'ol',
        { class: 'note-list', 'aria-label': 'View notes on the map' },
        notes.map((n) =>
          el(
            'li',
            { 'data-note': n.id },
            n.text,
            notesForListing.includes(n) ? el('strong', {}, ' — affects your seats') : null,
          ),
        ),
      )
    : null;

  // On a phone the whole house is small: one button frames the buyer's seats and the stage.
  let zoom = null;
  if (minePoints.length) {
    const cx = minePoints.reduce((a, p) => a + p.x, 0) / minePoints.length;
    const cy = minePoints.reduce((a, p) => a + p.y, 0) / minePoints.length;
    const top = Math.min(stage.y, cy - 6);
    const half = Math.max(10, (cy - top + 6) * 0.75);
    const zoomBox = [cx - half, top - 1, half * 2, cy - top + 7].map((n) => +n.toFixed(2)).join(' ');
    zoom = el(
      'button',
      { type: 'button', class: 'button button-secondary zoom', 'aria-pressed': 'false' },
      'Zoom to your seats',
    );
    zoom.addEventListener('click', () => {
      const zoomed = zoom.getAttribute('aria-pressed') !== 'true';
      figure.setAttribute('viewBox', zoomed ? zoomBox : viewBox);
      zoom.setAttribute('aria-pressed', String(zoomed));
    });
  }

  return { element: el('div', { class: 'seatmap-wrap' }, zoom, figure, legend, noteList), notesForListing };
}
