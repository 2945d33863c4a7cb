import fc from 'fast-check';
import { iqmOfSorted, isotonicInPlace, selectKth } from './robust.js';

describe('robust statistics', () => {
  it('selectKth finds the k-th order statistic', () => {
    fc.assert(
      fc.property(
        // -0 and 0 are the same order statistic, but toBe tells them apart: + 0 makes every zero 0.
        fc.array(
          fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map((x) => x + 0),
          { minLength: 1, maxLength: 200 },
        ),
        fc.nat(),
        (xs, k0) => {
          const k = k0 % xs.length;
          const sorted = [...xs].sort((a, b) => a - b);
          expect(selectKth(Float64Array.from(xs), k)).toBe(sorted[k]);
        },
      ),
    );
  });
  it('the interquartile mean ignores the extreme quarters and weighs one value at most 2/n', () => {
    expect(iqmOfSorted(Float64Array.from([1, 2, 3, 4]), 0, 4)).toBe(2.5);
    expect(iqmOfSorted(Float64Array.from([1, 2, 3, 1e9]), 0, 4)).toBe(2.5);
    expect(iqmOfSorted(Float64Array.from([7]), 0, 1)).toBe(7);
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: 0, max: 100 }), { minLength: 1, maxLength: 50 }),
        fc.nat(),
        (xs, k0) => {
          const k = k0 % xs.length;
          const a = Float64Array.from(xs).sort();
          const moved = Float64Array.from(xs.map((x, i) => (i === k ? x + 10 : x))).sort();
          const d = iqmOfSorted(moved, 0, moved.length) - iqmOfSorted(a, 0, a.length);
          expect(d).toBeGreaterThanOrEqual(-1e-9);
          expect(d).toBeLessThanOrEqual((10 * 2) / xs.length + 1e-9);
        },
      ),
    );
  });
  it('isotonic regression makes values non-decreasing', () => {
    const v = Float64Array.from([1, 3, 2, 4, 0]);
    isotonicInPlace(v, Float64Array.from([1, 1, 1, 1, 1]), 0, 5);
    for (let i = 1; i < v.length; i++) expect(v[i]).toBeGreaterThanOrEqual(v[i - 1]);
  });
});
