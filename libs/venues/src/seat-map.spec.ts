import { getVenue, listVenues, seatCount, seatMap } from './index.js';

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
