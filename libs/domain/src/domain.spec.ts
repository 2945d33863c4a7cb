import fc from 'fast-check';
import {
  allInPrice,
  allowsQuantity,
  formatCents,
  isMatinee,
  localParts,
  normaliseSplits,
  parseDollarsToCents,
  toZonedIso,
  zonedTimeToUtc,
} from './index.js';

describe('money', () => {
  it('parses numbers and strings into integer cents', () => {
    expect(parseDollarsToCents(189.5)).toBe(18950);
    expect(parseDollarsToCents('189.50')).toBe(18950);
    expect(parseDollarsToCents('0.1')).toBe(10);
    expect(parseDollarsToCents(0.29)).toBe(29);
    expect(parseDollarsToCents('1600')).toBe(160000);
    expect(parseDollarsToCents('12.345')).toBe(1235);
  });
  it('rejects what is not money', () => {
    for (const bad of ['', 'abc', '1,000', null, undefined, NaN, Infinity, {}, '1e5', '$10']) {
      expect(parseDollarsToCents(bad)).toBeUndefined();
    }
  });
  it('round-trips any cent amount through a 2-decimal string', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (c) => {
        expect(parseDollarsToCents((c / 100).toFixed(2))).toBe(c);
        expect(parseDollarsToCents(c / 100)).toBe(c);
      }),
    );
  });
  it('formats cents for people', () => {
    expect(formatCents(14000)).toBe('$140');
    expect(formatCents(123456)).toBe('$1,234.56');
  });
});

describe('fees', () => {
  it('adds percent and per-ticket fees to make the all-in price', () => {
    expect(allInPrice(10000, { buyerFeePercent: 15, perTicketFeeCents: 500 })).toEqual({
      ticket: 10000,
      fees: 2000,
      total: 12000,
    });
  });
  it('never lowers the total when the ticket price rises', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 0, max: 1e5 }), (t, d) => {
        expect(allInPrice(t + d).total).toBeGreaterThanOrEqual(allInPrice(t).total);
      }),
    );
  });
});

describe('splits', () => {
  it('allows only listed quantities', () => {
    expect(allowsQuantity([2, 4], 2)).toBe(true);
    expect(allowsQuantity([2, 4], 3)).toBe(false);
    expect(allowsQuantity([2, 4], 0)).toBe(false);
  });
  it('normalises broker splits', () => {
    expect(normaliseSplits([4, '2', 2, 9, -1, 'x'], 4)).toEqual([2, 4]);
  });
});

describe('time zones', () => {
  it('judges day and matinee in the venue zone', () => {
    // 2026-12-06 00:00 UTC is Saturday 19:00 in New York (EST, -05:00).
    const at = new Date('2026-12-06T00:00:00Z');
    expect(localParts(at, 'America/New_York')).toMatchObject({
      date: '2026-12-05',
      weekday: 'sat',
      hour: 19,
    });
    expect(isMatinee(at, 'America/New_York')).toBe(false);
    expect(isMatinee(at, 'America/Los_Angeles')).toBe(true);
    expect(toZonedIso(at, 'America/New_York')).toBe('2026-12-05T19:00:00-05:00');
  });
  it('turns a wall-clock time into UTC across DST', () => {
    expect(zonedTimeToUtc('2026-07-04', 20, 0, 'America/New_York').toISOString()).toBe(
      '2026-07-05T00:00:00.000Z',
    );
    expect(zonedTimeToUtc('2026-12-05', 14, 0, 'America/Chicago').toISOString()).toBe(
      '2026-12-05T20:00:00.000Z',
    );
  });
});
