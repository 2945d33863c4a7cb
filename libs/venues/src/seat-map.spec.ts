import { getVenue, listVenues, seatCount, seatMap } from './index.js';
import { drawingTier } from './seat-map.js';

interface Box {
  what: string;
  tier: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * What the website draws (apps/frontend seatmap.ts): each seat a circle of radius 0.4 (0.62
 * for the buyer's own), each section's name centred on its label point, text 0.9 seat widths
 * high (taken as 0.6 of that per character, wider than the font's average).
 */
function drawnBoxes(venueId: string): Box[] {
  const map = seatMap(venueId)!;
  const venue = getVenue(venueId)!;
  const boxes: Box[] = [];
  for (const s of map.sections) {
    const tier = drawingTier(venue.sections.find((v) => v.id === s.id)!);
    for (const r of s.rows)
      for (const seat of r.seats)
        boxes.push({
          what: `${s.id} ${r.name}${seat.n}`,
          tier,
          x0: seat.x - 0.62,
          x1: seat.x + 0.62,
          y0: seat.y - 0.62,
          y1: seat.y + 0.62,
        });
    const half = (s.name.length * 0.9 * 0.6) / 2;
    boxes.push({
      what: `label "${s.name}"`,
      tier,
      x0: s.label.x - half,
      x1: s.label.x + half,
      y0: s.label.y - 0.9,
      y1: s.label.y + 0.2,
    });
  }
  return boxes;
}

describe('seatMap', () => {
  it.each(listVenues().map((v) => v.id))(
    '%s: every seat drawn once, inside the bounds, apart from its neighbours',
    (id) => {
      const map = seatMap(id)!;
      const venue = getVenue(id)!;
      const seats = map.sections.flatMap((s) => s.rows.flatMap((r) => r.seats));
      expect(seats).toHaveLength(seatCount(venue));
      const { minX, minY, maxX, maxY } = map.bounds;
      // Problems collected as strings: one expect for thousands of seats keeps the spec fast.
      const problems: string[] = [];
      for (const s of seats) {
        if (s.x < minX || s.x > maxX || s.y < minY || s.y > maxY)
          problems.push(`seat ${s.n} outside the bounds`);
        if (!(s.q > 0 && s.q <= 100)) problems.push(`seat ${s.n} quality ${s.q}`);
      }
      // No two seats drawn on top of each other (grid bucketing keeps this linear).
      const grid = new Map<string, { x: number; y: number; n: number }[]>();
      for (const s of seats) {
        const gx = Math.floor(s.x);
        const gy = Math.floor(s.y);
        for (let dx = -1; dx <= 1; dx++) {
          for (let dy = -1; dy <= 1; dy++) {
            for (const o of grid.get(`${gx + dx},${gy + dy}`) ?? []) {
              if (Math.hypot(o.x - s.x, o.y - s.y) <= 0.8)
                problems.push(`seats ${o.n} and ${s.n} overlap at ${s.x},${s.y}`);
            }
          }
        }
        const key = `${gx},${gy}`;
        grid.set(key, [...(grid.get(key) ?? []), s]);
      }
      expect(problems).toEqual([]);
      // The stage sits in front of (above) every seat.
      expect(map.stage.y + map.stage.height).toBeLessThanOrEqual(Math.min(...seats.map((s) => s.y)));
    },
  );

  it.each(listVenues().map((v) => v.id))(
    '%s: stacked levels drawn apart — no seat or label of one level over another level’s',
    (id) => {
      const boxes = drawnBoxes(id);
      const tiers = new Set(boxes.map((b) => b.tier));
      expect(tiers.size).toBeGreaterThan(1);
      const problems: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          if (a.tier !== b.tier && a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1)
            problems.push(`${a.what} (${a.tier}) over ${b.what} (${b.tier})`);
        }
      expect(problems.slice(0, 10)).toEqual([]);
    },
  );

  it('draws the rear mezzanine behind the front one, with room between them', () => {
    const map = seatMap('richard-rodgers')!;
    const ys = (prefix: string) =>
      map.sections
        .filter((s) => s.id.startsWith(prefix))
        .flatMap((s) => s.rows.flatMap((r) => r.seats.map((x) => x.y)));
    const rearLabels = map.sections.filter((s) => s.id.startsWith('rear-mezzanine')).map((s) => s.label.y);
    expect(Math.min(...rearLabels) - 0.9 - Math.max(...ys('front-mezzanine'))).toBeGreaterThanOrEqual(2);
    expect(Math.min(...ys('rear-mezzanine'))).toBeGreaterThan(Math.max(...ys('front-mezzanine')));
  });

  it('marks view-note regions around the seats they cover', () => {
    const map = seatMap('cibc')!;
    // The computed notes stand in for the hand-set column note: one per column, on its side.
    expect(map.viewNotes.find((n) => n.id === 'cibc-row-u-columns')).toBeUndefined();
    const column = map.viewNotes.find((n) => n.id === 'row-u-column-left')!;
    expect(column.text).toBe('The row U column hides part of the stage width');
    // On its own side of the house, below the mezzanine it carries (the Dress Circle behind it too).
    const sections = column.regions.map((r) => r.section);
    expect(sections).toContain('orchestra-left');
    for (const s of sections) expect(s).toMatch(/^(orchestra|dress-circle)-l/);
    const left = map.sections.find((s) => s.id === 'orchestra-left')!;
    const marked = new Set(
      left.rows.flatMap((r) =>
        r.seats.filter((s) => s.notes?.includes('row-u-column-left')).map((s) => `${r.name}${s.n}`),
      ),
    );
    // Rows V–Z × seats 2, 4, 6 (docs/domain.md §3), and none in front of the column.
    for (const row of ['V', 'W', 'X', 'Y', 'Z'])
      for (const n of [2, 4, 6]) expect(marked).toContain(`${row}${n}`);
    for (const row of ['A', 'K', 'T', 'U'])
      for (const n of [2, 4, 6]) expect(marked).not.toContain(`${row}${n}`);
    for (const region of column.regions) {
      expect(region.width).toBeGreaterThan(0);
      expect(region.height).toBeGreaterThan(0);
    }
    for (const note of map.viewNotes) expect(note.regions.length).toBeGreaterThan(0);
  });

  it('is JSON-serialisable, cached, and undefined for an unknown venue', () => {
    const map = seatMap('richard-rodgers')!;
    expect(seatMap('richard-rodgers')).toBe(map);
    expect(JSON.parse(JSON.stringify(map)).sections).toHaveLength(map.sections.length);
    expect(seatMap('nowhere')).toBeUndefined();
  });
});
