import fc from 'fast-check';
import { listVenues } from '../venue-registry.js';
import { computeSightline, type Scene } from './sightline-model.js';
import { seatSightline, venueSightlines } from './venue-sightlines.js';

/** A plain house: 1 m stage, 12 × 7.5 m opening, an overhang at 12 m with its soffit at `soffit`. */
const house = (soffit: number, extra: Partial<Scene> = {}): Scene => ({
  stageFloor: 1,
  prosceniumHeight: 7.5,
  setHeight: 5.5,
  halfWidth: 6,
  focusY: -3,
  below: [],
  above: [
    { by: 'proscenium', id: 'arch', name: 'proscenium arch', y: -1, z: 8.5 },
    { by: 'overhang', id: 'mezz', name: 'mezzanine', y: 12, z: soffit },
  ],
  walls: [
    { by: 'proscenium', id: 'l', name: 'proscenium', side: 'left', x: -6, y: -1 },
    { by: 'proscenium', id: 'r', name: 'proscenium', side: 'right', x: 6, y: -1 },
  ],
  columns: [],
  lean: 0.15,
  ...extra,
});

describe('computeSightline', () => {
  it('never reveals more height when a seat moves back (and up the rake) under an overhang', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 12.3, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 1.1, max: 2.5, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: 3.2, max: 6, noNaN: true }),
        (y, back, z, rakePerMetre, soffit) => {
          const z2 = z + back * rakePerMetre;
          fc.pre(z2 + 0.1 < soffit);
          const scene = house(soffit);
          const front = computeSightline({ x: 0, y, z }, scene);
          const behind = computeSightline({ x: 0, y: y + back, z: z2 }, scene);
          expect(behind.top).toBeLessThanOrEqual(front.top + 1e-9);
          expect(behind.visibleHeightShare).toBeLessThanOrEqual(front.visibleHeightShare + 1e-9);
          expect(behind.cost).toBeGreaterThanOrEqual(front.cost - 1e-9);
        },
      ),
    );
  });

  it('never hides more when the overhang is raised', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 12.3, max: 30, noNaN: true }),
        fc.double({ min: 1.1, max: 3, noNaN: true }),
        fc.double({ min: 3.2, max: 6, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (y, z, soffit, raise) => {
          fc.pre(z + 0.1 < soffit);
          const eye = { x: 0, y, z };
          const low = computeSightline(eye, house(soffit));
          const high = computeSightline(eye, house(soffit + raise));
          expect(high.visibleHeightShare).toBeGreaterThanOrEqual(low.visibleHeightShare - 1e-9);
          expect(high.cost).toBeLessThanOrEqual(low.cost + 1e-9);
        },
      ),
    );
  });

  it('gives a centre-line seat at least the width its off-centre mirrors see, and mirrors the same', () => {
    const columns = [
      { id: 'cl', name: 'column', x: -4.5, y: 15, radius: 0.25, top: 20 },
      { id: 'cr', name: 'column', x: 4.5, y: 15, radius: 0.25, top: 20 },
    ];
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 35, noNaN: true }),
        fc.double({ min: 0, max: 12, noNaN: true }),
        fc.double({ min: 1.1, max: 12, noNaN: true }),
        fc.boolean(),
        (y, x, z, withColumns) => {
          const scene = house(20, withColumns ? { columns } : {});
          const centre = computeSightline({ x: 0, y, z }, scene);
          const right = computeSightline({ x, y, z }, scene);
          const left = computeSightline({ x: -x, y, z }, scene);
          expect(left.visibleWidthShare).toBeCloseTo(right.visibleWidthShare, 9);
          // A column on the centre line's sightline may hide more for it than for a seat beside it;
          // past the proscenium alone, the centre always sees the most.
          if (!withColumns)
            expect(centre.visibleWidthShare).toBeGreaterThanOrEqual(right.visibleWidthShare - 1e-9);
        },
      ),
    );
  });

  it('names what hides each part and keeps every share within 0..1', () => {
    const sl = computeSightline({ x: 0, y: 18, z: 2.5 }, house(3.6));
    expect(sl.hidden).toEqual([expect.objectContaining({ by: 'overhang', name: 'mezzanine', side: 'top' })]);
    expect(sl.hidden[0].share).toBeCloseTo(1 - sl.visibleHeightShare, 9);
    const bad: string[] = [];
    for (const v of listVenues())
      for (const [section, rows] of venueSightlines(v.id)!.bySeat)
        for (const [row, seats] of rows)
          for (const [n, l] of seats)
            for (const k of ['visibleHeightShare', 'visibleWidthShare', 'visibleShare', 'cost'] as const)
              if (!(l[k] >= 0 && l[k] <= 1)) bad.push(`${v.id} ${section} ${row} ${n} ${k}=${l[k]}`);
    expect(bad).toEqual([]);
  });
});

describe('venue sightlines (checks on the geometry against the guides, docs/domain.md §3)', () => {
  const rr = (row: string, seat = 107) => seatSightline('richard-rodgers', 'orchestra-center', row, seat)!;

  it('Richard Rodgers: the overhang is overhead from row M, reaches the set after S and grows row by row', () => {
    for (const row of ['D', 'H', 'M', 'N', 'P'])
      expect(rr(row).hidden.filter((h) => h.by === 'overhang')).toEqual([]);
    expect(rr('S').cost).toBeLessThan(0.05);
    expect(rr('T').cost).toBeGreaterThan(0.1);
    const rows = ['R', 'S', 'T', 'U', 'V', 'W', 'X'];
    for (let i = 1; i < rows.length; i++) {
      expect(rr(rows[i]).top).toBeLessThan(rr(rows[i - 1]).top);
      expect(rr(rows[i]).cost).toBeGreaterThanOrEqual(rr(rows[i - 1]).cost);
    }
  });

  it('CIBC: the row-U columns hide part of the stage from left 2–6 and right 1–5, rows V to Z, not row U', () => {
    const column = (section: string, row: string, seat: number) =>
      seatSightline('cibc', section, row, seat)!
        .hidden.filter((h) => h.by === 'column')
        .reduce((n, h) => n + h.share, 0);
    for (const row of ['V', 'W', 'X', 'Y', 'Z']) {
      for (const seat of [2, 4, 6]) expect(column('orchestra-left', row, seat)).toBeGreaterThan(0.03);
      for (const seat of [1, 3, 5]) expect(column('orchestra-right', row, seat)).toBeGreaterThan(0.03);
    }
    expect(column('orchestra-left', 'U', 4)).toBe(0);
    expect(column('orchestra-center', 'W', 107)).toBe(0);
  });

  it('CIBC: the mezzanine cuts into the set from the Dress Circle after row D', () => {
    const dc = (row: string) => seatSightline('cibc', 'dress-circle-c', row, 204)!;
    expect(dc('D').cost).toBeLessThan(0.05);
    expect(dc('F').cost).toBeGreaterThan(0.1);
  });

  it('side boxes lose the stage edge on their side', () => {
    const box = seatSightline('richard-rodgers', 'box-a', 'A', 2)!;
    expect(box.visibleWidthShare).toBeLessThan(0.9);
    expect(box.hidden.every((h) => h.side === 'left')).toBe(true);
  });

  it('computes every seat of every venue', () => {
    const total = listVenues().reduce((n, v) => n + (venueSightlines(v.id)?.seats ?? 0), 0);
    const seats = listVenues().reduce(
      (n, v) => n + v.sections.reduce((m, s) => m + s.rows.reduce((k, r) => k + r.seats.length, 0), 0),
      0,
    );
    expect(total).toBe(seats);
  });
});
