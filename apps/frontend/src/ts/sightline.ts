// A seat's view of the stage, from the computed sightline of GET /api/v1/listings/:id
// (normalised by api.ts): a side section (the stage, the proscenium, the level above with
// its overhang, the rail, the two sightlines from the eye to the top and bottom of what is
// visible, the hidden part shaded) and a plan wedge (the width seen past the proscenium,
// box walls and columns). Metres; y from the stage lip into the house, z above the
// orchestra floor. Each drawing is one described image; the words say the same.
import type { ListingDetail, SeatPlace, Sightline } from './api.js';
import { el, svg } from './format.js';

type Hidden = Sightline['hiddenBy'][number];

const f1 = (v: number) => (Math.round(v * 10) / 10).toFixed(1);
const pct = (share: number) => `${Math.round(share * 100)}%`;
const pt = (x: number, y: number) => `${f1(x)},${f1(y)}`;

/** The sentence of a hidden part, as the notes say it (fallback when the API gave no notes). */
function partText(h: Hidden): string {
  const who = h.by === 'overhang' ? `The ${h.name} overhang` : `The ${h.name}`;
  const hides = h.by === 'heads' ? 'hide' : 'hides';
  if (h.side === 'middle') return `${who} ${hides} ${pct(h.share)} of the stage width`;
  const where: Record<string, string> = {
    top: 'the top',
    bottom: 'the bottom',
    left: 'the house-left',
    right: 'the house-right',
  };
  return `${who} ${hides} ${where[h.side]} ${pct(h.share)} of the stage`;
}

function sideDescription(seat: string, sl: Sightline): string {
  const d = sl.drawing;
  const hidden = sl.hiddenBy.filter((h) => h.side === 'top' || h.side === 'bottom');
  return (
    `Side view from ${seat}: your eyes are ${f1(d.eye.y)} m from the stage and ${f1(d.eye.z)} m above the orchestra floor. ` +
    `You see the stage from ${f1(d.visible.bottom)} m to ${f1(d.visible.top)} m above its floor, ` +
    `out of a ${f1(d.stage.prosceniumHeight)} m high opening (${pct(sl.visibleHeightShare)} of its height).` +
    (hidden.length ? ` ${hidden.map(partText).join('. ')}.` : ' Nothing above or in front of you cuts it.')
  );
}

function planDescription(sl: Sightline): string {
  const hidden = sl.hiddenBy.filter((h) => h.side !== 'top' && h.side !== 'bottom');
  return (
    `Plan view: you see ${pct(sl.visibleWidthShare)} of the stage's width.` +
    (hidden.length ? ` ${hidden.map(partText).join('. ')}.` : '')
  );
}

function sideView(sl: Sightline, id: string): SVGSVGElement {
  const d = sl.drawing;
  const s = d.stage;
  const top = s.floor + s.prosceniumHeight;
  const uMin = -s.depth - 0.5;
  const uMax = Math.max(d.eye.y + 2, ...d.edges.map((e) => e.y + 2));
  const zMax = Math.max(top + 1.5, d.eye.z + 1.5, ...d.edges.map((e) => e.z + 1.8));
  const Y = (z: number) => zMax - z; // SVG y grows downwards
  const visTop = s.floor + d.visible.top;
  const visBottom = s.floor + d.visible.bottom;
  const eye = pt(d.eye.y, Y(d.eye.z));
  const g = [];
  g.push(svg('line', { x1: 0, y1: Y(0), x2: uMax, y2: Y(0), class: 'sl-floor' }));
  g.push(svg('rect', { x: -s.depth, y: Y(s.floor), width: s.depth, height: s.floor, class: 'sl-stage' }));
  // The proscenium wall above the opening.
  g.push(
    svg('rect', {
      x: -s.prosceniumSetback - 0.4,
      y: 0,
      width: 0.4,
      height: Y(top),
      class: 'sl-wall',
    }),
  );
  // What the seat loses, shaded: the wedges between its sightlines and the opening's edges.
  if (d.visible.top < s.prosceniumHeight - 0.01)
    g.push(
      svg('polygon', {
        points: `${eye} ${pt(s.focusY, Y(visTop))} ${pt(s.focusY, Y(top))}`,
        class: 'sl-hidden',
      }),
    );
  if (d.visible.bottom > 0.01)
    g.push(
      svg('polygon', {
        points: `${eye} ${pt(s.focusY, Y(s.floor))} ${pt(s.focusY, Y(visBottom))}`,
        class: 'sl-hidden',
      }),
    );
  g.push(
    svg('polygon', {
      points: `${eye} ${pt(s.focusY, Y(visTop))} ${pt(s.focusY, Y(visBottom))}`,
      class: 'sl-seen',
    }),
  );
  // The picture on the stage: seen in gold, hidden in red.
  g.push(svg('line', { x1: s.focusY, y1: Y(top), x2: s.focusY, y2: Y(s.floor), class: 'sl-lost' }));
  g.push(svg('line', { x1: s.focusY, y1: Y(visTop), x2: s.focusY, y2: Y(visBottom), class: 'sl-picture' }));
  for (const e of d.edges) {
    if (e.by === 'overhang') {
      g.push(svg('rect', { x: e.y, y: Y(e.z + 0.6), width: uMax - e.y, height: 0.6, class: 'sl-level' }));
      g.push(
        svg('text', { x: uMax - 0.3, y: Y(e.z + 0.8), 'text-anchor': 'end', class: 'sl-label' }, e.name),
      );
    } else if (e.by === 'rail') {
      g.push(svg('line', { x1: e.y, y1: Y(e.z - 0.9), x2: e.y, y2: Y(e.z), class: 'sl-rail' }));
    } else if (e.by === 'heads') {
      g.push(svg('circle', { cx: e.y, cy: Y(e.z - 0.1), r: 0.12, class: 'sl-head' }));
    }
  }
  for (const z of [visTop, visBottom])
    g.push(svg('line', { x1: d.eye.y, y1: Y(d.eye.z), x2: s.focusY, y2: Y(z), class: 'sl-ray' }));
  g.push(svg('circle', { cx: d.eye.y, cy: Y(d.eye.z), r: 0.3, class: 'sl-eye' }));
  g.push(svg('text', { x: d.eye.y, y: Y(d.eye.z) + 1.1, 'text-anchor': 'middle', class: 'sl-label' }, 'You'));
  g.push(
    svg(
      'text',
      { x: -s.depth / 2, y: Y(0) - 0.2, 'text-anchor': 'middle', class: 'sl-label sl-on-stage' },
      'Stage',
    ),
  );
  return svg(
    'svg',
    {
      viewBox: `${f1(uMin)} 0 ${f1(uMax - uMin)} ${f1(zMax + 0.2)}`,
      class: 'sl-side',
      role: 'img',
      'aria-label': `Side section: ${sl.summary}`,
      'aria-describedby': `${id}-side`,
      'data-testid': 'sightline-side',
    },
    g,
  );
}

function planView(sl: Sightline, id: string): SVGSVGElement {
  const d = sl.drawing;
  const s = d.stage;
  const half = s.halfWidth;
  const xMin = Math.min(-half - 2, d.eye.x - 1.5);
  const xMax = Math.max(half + 2, d.eye.x + 1.5);
  const yMin = -s.depth - 0.5;
  const yMax = d.eye.y + 1.5;
  const eye = pt(d.eye.x, d.eye.y);
  const g = [];
  g.push(svg('rect', { x: -half, y: -s.depth, width: 2 * half, height: s.depth, class: 'sl-stage-plan' }));
  for (const [x1, x2] of [
    [xMin, -half],
    [half, xMax],
  ])
    g.push(
      svg('line', { x1, y1: -s.prosceniumSetback, x2, y2: -s.prosceniumSetback, class: 'sl-wall-plan' }),
    );
  g.push(
    svg('polygon', {
      points: `${eye} ${pt(d.visible.left, s.focusY)} ${pt(d.visible.right, s.focusY)}`,
      class: 'sl-seen',
    }),
  );
  g.push(svg('line', { x1: -half, y1: s.focusY, x2: half, y2: s.focusY, class: 'sl-lost' }));
  g.push(
    svg('line', {
      x1: d.visible.left,
      y1: s.focusY,
      x2: d.visible.right,
      y2: s.focusY,
      class: 'sl-picture',
    }),
  );
  // What the columns hide: their shadow wedges and the stretch of the stage they cover.
  for (const sh of d.shadows) {
    g.push(
      svg('polygon', {
        points: `${eye} ${pt(sh.from, s.focusY)} ${pt(sh.to, s.focusY)}`,
        class: 'sl-shadow',
      }),
    );
    g.push(svg('line', { x1: sh.from, y1: s.focusY, x2: sh.to, y2: s.focusY, class: 'sl-lost' }));
  }
  for (const c of d.columns) g.push(svg('circle', { cx: c.x, cy: c.y, r: c.radius, class: 'sl-column' }));
  g.push(svg('circle', { cx: d.eye.x, cy: d.eye.y, r: 0.35, class: 'sl-eye' }));
  return svg(
    'svg',
    {
      viewBox: `${f1(xMin)} ${f1(yMin)} ${f1(xMax - xMin)} ${f1(yMax - yMin)}`,
      class: 'sl-plan',
      role: 'img',
      'aria-label': `Plan view: you see ${pct(sl.visibleWidthShare)} of the stage's width`,
      'aria-describedby': `${id}-plan`,
      'data-testid': 'sightline-plan',
    },
    g,
  );
}

/** The seat to draw: the middle one of the listing's seats that has a sightline. */
export function seatToDraw(
  listing: Pick<ListingDetail, 'seatPositions'>,
): (SeatPlace & { sightline: Sightline }) | undefined {
  const withLines = listing.seatPositions.filter(
    (p): p is SeatPlace & { sightline: Sightline } => p.sightline !== null,
  );
  return withLines[Math.floor((withLines.length - 1) / 2)];
}

/** The panel, or null when no seat of the listing has a computed sightline. */
export function renderSightline(listing: ListingDetail): HTMLElement | null {
  const place = seatToDraw(listing);
  if (!place) return null;
  const sl = place.sightline;
  const id = 'sightline';
  const seat = `row ${place.row}, seat ${place.number}`;
  const notes = sl.notes.length ? sl.notes : sl.hiddenBy.filter((h) => h.by !== 'heads').map(partText);
  return el(
    'section',
    { class: 'panel sightline', 'aria-labelledby': `${id}-title`, 'data-testid': 'sightline' },
    el('h2', { id: `${id}-title` }, 'What you will see of the stage'),
    el(
      'p',
      { class: 'sl-summary', 'data-testid': 'sightline-summary' },
      `${sl.summary} from ${seat}`,
      listing.seatPositions.length > 1 ? ' (the middle of your seats)' : '',
      '.',
    ),
    el('div', { class: 'sl-drawings' }, sideView(sl, id), planView(sl, id)),
    el(
      'div',
      { class: 'sl-text', 'data-testid': 'sightline-text' },
      el('p', { id: `${id}-side` }, sideDescription(seat, sl)),
      el('p', { id: `${id}-plan` }, planDescription(sl)),
      notes.length
        ? el(
            'ul',
            {},
            notes.map((n) => el('li', {}, n)),
          )
        : null,
      el(
        'p',
        { class: 'hint' },
        'Computed from the theatre’s geometry (estimated from published seating charts and standard theatre design figures); gold: what you see, red: what is hidden.',
      ),
    ),
  );
}
