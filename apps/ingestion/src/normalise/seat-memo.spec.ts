import fc from 'fast-check';
import { resolveSeats, type SeatQuery } from '@hamiltix/venues';
import { fingerprintFields } from './fingerprint.js';
import { memoSeatResolver } from './seat-memo.js';

describe('memoSeatResolver', () => {
  it('answers exactly what the resolver answers, asking it once per question', () => {
    let calls = 0;
    const counted = (venueId: string, q: SeatQuery) => {
      calls++;
      return resolveSeats(venueId, q);
    };
    const memo = memoSeatResolver(counted);
    const question = fc.record({
      venue: fc.constantFrom('richard-rodgers', 'cibc-theatre', 'nowhere'),
      section: fc.constantFrom('Orchestra', 'ORCH', 'Front Mezzanine', 'Box A', 'Balcony'),
      row: fc.constantFrom('A', 'F', 'K', 'ZZ'),
      lowSeat: fc.option(fc.integer({ min: -2, max: 130 }), { nil: null }),
      highSeat: fc.option(fc.integer({ min: -2, max: 130 }), { nil: undefined }),
      quantity: fc.integer({ min: 1, max: 8 }),
    });
    fc.assert(
      fc.property(question, ({ venue, ...q }) => {
        expect(memo(venue, q)).toEqual(resolveSeats(venue, q));
      }),
      { numRuns: 400 },
    );
    calls = 0;
    const q = { section: 'Orchestra', row: 'F', lowSeat: 101, highSeat: 104, quantity: 4 };
    const first = memo('richard-rodgers', q);
    expect(memo('richard-rodgers', { ...q })).toBe(first);
    expect(calls).toBe(1);
    expect(memo('richard-rodgers', { ...q, quantity: 3 })).not.toBe(first);
    expect(memo('richard-rodgers', { ...q, row: 'G' })).not.toBe(first);
    expect(calls).toBe(3);
  });
});

describe('fingerprintFields', () => {
  it('is stable and tells fields, types and order apart', () => {
    const a = fingerprintFields(['1', 2, null, true, [1, 2], ['x']]);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintFields(['1', 2, null, true, [1, 2], ['x']])).toBe(a);
    const variants = [
      [12, null, true, [1, 2], ['x']],
      ['12', null, true, [1, 2], ['x']],
      ['1', 2, 'null', true, [1, 2], ['x']],
      ['1', 2, null, false, [1, 2], ['x']],
      ['1', 2, null, true, [12], ['x']],
      ['1', 2, null, true, [1, 2], []],
      ['1', 2, null, true, ['x'], [1, 2]],
      ['1', 2.5, null, true, [1, 2], ['x']],
    ];
    for (const v of variants) expect(fingerprintFields(v)).not.toBe(a);
    const seen = new Set(
      Array.from({ length: 10_000 }, (_, i) => fingerprintFields([`listing ${i}`, 25_000])),
    );
    expect(seen.size).toBe(10_000);
  });
});
