import fc from 'fast-check';
import { FixedClock, startedClock } from './clock.js';
import {
  DEFAULT_SALES_POLICY,
  isOnSale,
  isOver,
  onSaleStartsAfter,
  salesCloseAt,
  salesState,
} from './sales-window.js';
import { isMatinee, localParts, zonedTimeToUtc } from './time.js';

const MIN = 60_000;

describe('sales window', () => {
  const startsAt = new Date('2027-01-13T00:00:00Z'); // Tuesday 19:00 in New York

  it.each([
    ['a day before', -24 * 60, 'on_sale'],
    ['5 minutes before the cut-off', -65, 'on_sale'],
    ['at the cut-off', -60, 'closed'],
    ['a minute past the cut-off', -59, 'closed'],
    ['5 minutes before curtain', -5, 'closed'],
    ['at curtain', 0, 'over'],
    ['the minute after it starts', 1, 'over'],
  ] as const)('%s: %s', (_, minutes, state) => {
    const now = new Date(startsAt.getTime() + minutes * MIN);
    expect(salesState(startsAt, now)).toBe(state);
    expect(isOnSale(startsAt, now)).toBe(state === 'on_sale');
    expect(isOver(startsAt, now)).toBe(state === 'over');
  });

  it('takes the cut-off from the policy and accepts ISO strings and epoch ms', () => {
    const now = new Date(startsAt.getTime() - 20 * MIN);
    expect(isOnSale(startsAt.toISOString(), now, { cutoffMinutes: 15 })).toBe(true);
    expect(isOnSale(startsAt.getTime(), now, { cutoffMinutes: 30 })).toBe(false);
    expect(salesCloseAt(startsAt, { cutoffMinutes: 90 }).toISOString()).toBe('2027-01-12T22:30:00.000Z');
  });

  it('property: one rule, seen three ways, agrees for any now, start and cut-off', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }),
        fc.integer({ min: 0, max: 24 * 60 }),
        (nowMs, offsetMinutes, cutoffMinutes) => {
          const now = new Date(nowMs);
          const start = nowMs + offsetMinutes * MIN;
          const policy = { cutoffMinutes };
          const state = salesState(start, now, policy);
          // on sale ⇔ starts strictly after onSaleStartsAfter(now): what SQL filters use.
          expect(isOnSale(start, now, policy)).toBe(start > onSaleStartsAfter(now, policy).getTime());
          // over ⇒ not on sale; on sale ⇒ not over; closed sits between the two instants.
          if (state === 'over') expect(nowMs).toBeGreaterThanOrEqual(start);
          if (state === 'on_sale') expect(nowMs).toBeLessThan(salesCloseAt(start, policy).getTime());
          if (state === 'closed') {
            expect(nowMs).toBeGreaterThanOrEqual(salesCloseAt(start, policy).getTime());
            expect(nowMs).toBeLessThan(start);
          }
          // Monotone in time: once closed or over, never on sale again later.
          const later = new Date(nowMs + 1 + Math.abs(offsetMinutes) * MIN);
          if (!isOnSale(start, now, policy)) expect(isOnSale(start, later, policy)).toBe(false);
        },
      ),
    );
  });

  it('default cut-off is an hour', () => {
    expect(DEFAULT_SALES_POLICY.cutoffMinutes).toBe(60);
  });
});

describe('venue-local time at the instants that break naive code', () => {
  it('midnight in New York is still the previous day in Los Angeles', () => {
    const at = new Date('2027-01-13T05:00:00Z'); // 00:00 EST, 21:00 PST
    expect(localParts(at, 'America/New_York')).toMatchObject({ date: '2027-01-13', weekday: 'wed', hour: 0 });
    expect(localParts(at, 'America/Los_Angeles')).toMatchObject({
      date: '2027-01-12',
      weekday: 'tue',
      hour: 21,
    });
  });

  it.each([
    ['spring forward', '2026-03-08', -240, -300],
    ['fall back', '2026-11-01', -300, -240],
  ])('%s (%s): a matinee and an evening keep their local times', (_, date, eveningOffset, morningOffset) => {
    for (const zone of ['America/New_York', 'America/Chicago', 'America/Los_Angeles']) {
      const matinee = zonedTimeToUtc(date, 15, 0, zone);
      const evening = zonedTimeToUtc(date, 19, 30, zone);
      expect(localParts(matinee, zone)).toMatchObject({ date, weekday: 'sun', hour: 15, minute: 0 });
      expect(localParts(evening, zone)).toMatchObject({ date, weekday: 'sun', hour: 19, minute: 30 });
      expect(isMatinee(matinee, zone)).toBe(true);
      expect(isMatinee(evening, zone)).toBe(false);
    }
    // New York's offset changed during the night (summer -240, winter -300).
    expect(
      localParts(zonedTimeToUtc(date, 19, 30, 'America/New_York'), 'America/New_York').offsetMinutes,
    ).toBe(eveningOffset);
    expect(
      localParts(zonedTimeToUtc(date, 0, 30, 'America/New_York'), 'America/New_York').offsetMinutes,
    ).toBe(morningOffset);
  });
});

describe('clocks', () => {
  it('FixedClock stands still until moved; ticking follows elapsed time from its instant', async () => {
    const fixed = new FixedClock('2026-03-08T06:55:00Z');
    expect(fixed.now().toISOString()).toBe('2026-03-08T06:55:00.000Z');
    expect(fixed.advance(5 * MIN).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(fixed.set('2026-11-01T05:59:00Z').toISOString()).toBe('2026-11-01T05:59:00.000Z');
    const ticking = new FixedClock('2026-11-01T05:59:00Z', { ticking: true });
    await new Promise((r) => setTimeout(r, 20));
    const elapsed = ticking.now().getTime() - Date.parse('2026-11-01T05:59:00Z');
    expect(elapsed).toBeGreaterThanOrEqual(15);
    expect(elapsed).toBeLessThan(60_000);
    expect(() => new FixedClock('not a date')).toThrow(RangeError);
  });

  it('startedClock starts at the given instant and runs at the base clock speed', () => {
    const base = new FixedClock('2030-01-01T00:00:00Z');
    const clock = startedClock(new Date('2027-01-12T22:58:00Z'), base);
    expect(clock.now().toISOString()).toBe('2027-01-12T22:58:00.000Z');
    base.advance(90_000);
    expect(clock.now().toISOString()).toBe('2027-01-12T22:59:30.000Z');
  });

  it('startedClock with an anchor agrees with every other clock given the same anchor', () => {
    const base = new FixedClock('2030-01-01T00:00:00Z');
    const anchor = base.now().getTime();
    const first = startedClock(new Date('2027-01-12T22:58:00Z'), base, anchor);
    base.advance(7_000); // a second process boots seven seconds later
    const second = startedClock(new Date('2027-01-12T22:58:00Z'), base, anchor);
    expect(second.now().toISOString()).toBe('2027-01-12T22:58:07.000Z');
    expect(second.now().getTime()).toBe(first.now().getTime());
  });
});
