import fc from 'fast-check';
import { zonedTimeToUtc } from '@hamiltix/domain';
import { fitShow } from './fit.js';
import { rankShow, rankWithFit } from './rank-show.js';
import type { RankableListing, RankResult } from './types.js';

const NOW = new Date('2026-12-01T15:00:00Z');
const TZ = 'America/New_York';
// 12 performances over two weeks: weekday/weekend, matinee/evening.
const PERFS = [
  ['2026-12-02', 14],
  ['2026-12-02', 19],
  ['2026-12-04', 20],
  ['2026-12-05', 14],
  ['2026-12-05', 20],
  ['2026-12-06', 15],
  ['2027-01-13', 14],
  ['2027-01-13', 19],
  ['2027-01-15', 20],
  ['2027-01-16', 14],
  ['2027-01-16', 20],
  ['2027-03-07', 15],
].map(([d, h], i) => ({
  id: String(900 + i),
  startsAtMs: zonedTimeToUtc(d as string, h as number, 0, TZ).getTime(),
}));

const listingArb = fc.record({
  venue: fc.constantFrom('richard-rodgers', 'cibc'),
  perf: fc.integer({ min: 0, max: PERFS.length - 1 }),
  seatQuality: fc.double({ min: 0, max: 100, noNaN: true }),
  allInCents: fc.integer({ min: 3_000, max: 300_000 }),
  quantity: fc.integer({ min: 1, max: 8 }),
  noted: fc.boolean(),
});

function toListing(a: ListingSpec, i: number): RankableListing {
  const perf = PERFS[a.perf];
  return {
    id: String(1000 + i),
    venueId: a.venue,
    performanceId: perf.id,
    startsAtMs: perf.startsAtMs,
    timeZone: TZ,
    allInCents: a.allInCents,
    quantity: a.quantity,
    seatQuality: a.seatQuality,
    qualityConfidence: 1,
    viewNotes: a.noted ? ['Partial view'] : [],
    seatLabel: 'Orchestra Center row F',
  };
}
type ListingSpec = {
  venue: string;
  perf: number;
  seatQuality: number;
  allInCents: number;
  quantity: number;
  noted: boolean;
};

const inventoryArb = (min: number, max: number) =>
  fc
    .array(listingArb, { minLength: min, maxLength: max })
    .map((specs) => specs.map((s, i) => toListing(s, i)));

const scoreOf = (r: RankResult, id: string) => r.ranked.find((x) => x.id === id)!.dealScore;
const scoresById = (r: RankResult) => new Map(r.ranked.map((x) => [x.id, x.dealScore]));

describe('rankShow properties', () => {
  it('the same listing made cheaper never scores lower, and strictly higher for a drop of 2% or more (refit on ≥ 20 listings)', () => {
    fc.assert(
      fc.property(
        inventoryArb(20, 80),
        fc.nat(),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        (inv, pick, factor) => {
          const k = pick % inv.length;
          const before = rankShow(inv, NOW);
          const cheaper = inv.map((l, i) =>
            i === k ? { ...l, allInCents: Math.max(1, Math.floor(l.allInCents * factor)) } : l,
          );
          const after = rankShow(cheaper, NOW);
          const s0 = scoreOf(before, inv[k].id);
          const s1 = scoreOf(after, inv[k].id);
          expect(s1).toBeGreaterThanOrEqual(s0);
          if (cheaper[k].allInCents <= inv[k].allInCents * 0.98) expect(s1).toBeGreaterThan(s0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('…and with the fit held fixed', () => {
    fc.assert(
      fc.property(
        inventoryArb(1, 60),
        fc.nat(),
        fc.double({ min: 0.3, max: 0.999, noNaN: true }),
        (inv, pick, factor) => {
          const k = pick % inv.length;
          const { fit } = fitShow(inv, NOW.getTime());
          const cheaper = inv.map((l, i) =>
            i === k ? { ...l, allInCents: Math.floor(l.allInCents * factor) } : l,
          );
          const s0 = scoreOf(rankWithFit(inv, fit, NOW), inv[k].id);
          const s1 = scoreOf(rankWithFit(cheaper, fit, NOW), inv[k].id);
          if (cheaper[k].allInCents < inv[k].allInCents) expect(s1).toBeGreaterThan(s0);
          else expect(s1).toBe(s0);
        },
      ),
    );
  });

  it('the same seat and price with a view note (lower quality from libs/venues) never scores higher than without', () => {
    fc.assert(
      fc.property(
        inventoryArb(0, 60),
        listingArb,
        fc.double({ min: 0, max: 60, noNaN: true }),
        (inv, spec, drop) => {
          const clear = { ...toListing(spec, 0), id: '9001', viewNotes: [] };
          const noted = {
            ...clear,
            id: '9002',
            viewNotes: ['Obstructed view'],
            seatQuality: Math.max(0, clear.seatQuality - drop),
          };
          // Both in one inventory (refit), and each alone against a fit held fixed.
          const both = rankShow([...inv, clear, noted], NOW);
          expect(scoreOf(both, '9002')).toBeLessThanOrEqual(scoreOf(both, '9001'));
          const { fit } = fitShow([...inv, clear], NOW.getTime());
          const fixed = rankWithFit([clear, noted], fit, NOW);
          expect(scoreOf(fixed, '9002')).toBeLessThanOrEqual(scoreOf(fixed, '9001'));
        },
      ),
    );
  });

  it('quantity never changes per-ticket scores', () => {
    fc.assert(
      fc.property(
        inventoryArb(1, 60),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 60, maxLength: 60 }),
        (inv, qs) => {
          const a = rankShow(inv, NOW);
          const b = rankShow(
            inv.map((l, i) => ({ ...l, quantity: qs[i] })),
            NOW,
          );
          expect(b.ranked).toEqual(a.ranked);
        },
      ),
    );
  });

  it('is deterministic: the same listings in another order give the same scores and order', () => {
    fc.assert(
      fc.property(
        inventoryArb(1, 80).chain((inv) =>
          fc.tuple(fc.constant(inv), fc.shuffledSubarray(inv, { minLength: inv.length })),
        ),
        ([inv, shuffled]) => {
          const a = rankShow(inv, NOW);
          const b = rankShow(shuffled, NOW);
          expect(b.ranked.map((r) => r.id)).toEqual(a.ranked.map((r) => r.id));
          expect(scoresById(b)).toEqual(scoresById(a));
          expect(b.fit).toEqual(a.fit);
        },
      ),
    );
  });

  it('breaks ties by listing id (numeric order), stably', () => {
    fc.assert(
      fc.property(inventoryArb(1, 30), fc.integer({ min: 2, max: 6 }), (inv, copies) => {
        const twin = inv[0];
        const ids = Array.from({ length: copies }, (_, i) => String(70 + i * 13));
        const withTwins = [...inv, ...ids.map((id) => ({ ...twin, id }))].reverse();
        const order = rankShow(withTwins, NOW).ranked.map((r) => r.id);
        const positions = [twin.id, ...ids]
          .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
          .map((id) => order.indexOf(id));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }),
    );
  });

  it('scores stay in 0..100 and ranks run 1..n best first', () => {
    fc.assert(
      fc.property(inventoryArb(0, 60), (inv) => {
        const { ranked } = rankShow(inv, NOW);
        ranked.forEach((r, i) => {
          expect(r.rank).toBe(i + 1);
          expect(r.dealScore).toBeGreaterThanOrEqual(0);
          expect(r.dealScore).toBeLessThanOrEqual(100);
          if (i > 0) expect(ranked[i - 1].dealScore).toBeGreaterThanOrEqual(r.dealScore);
        });
      }),
    );
  });
});

describe('the fit', () => {
  const base = (i: number, q: number, cents: number, perf = 4): RankableListing => ({
    id: String(i),
    venueId: 'richard-rodgers',
    performanceId: PERFS[perf].id,
    startsAtMs: PERFS[perf].startsAtMs,
    timeZone: TZ,
    allInCents: cents,
    quantity: 2,
    seatQuality: q,
    qualityConfidence: 1,
    viewNotes: [],
    seatLabel: 'Orchestra Center row F',
  });

  it('is not dragged by outliers', () => {
    const inv = Array.from({ length: 60 }, (_, i) => base(i + 1, 50 + (i % 10), 30000 + (i % 7) * 500));
    const calm = rankShow(inv, NOW);
    const wild = rankShow(
      [
        ...inv,
        base(900, 55, 1_090_000),
        base(901, 55, 1_000_000),
        base(902, 52, 100),
        base(903, 56, 2_000_000),
      ],
      NOW,
    );
    for (const l of inv) {
      const a = calm.ranked.find((r) => r.id === l.id)!.expectedCents;
      const b = wild.ranked.find((r) => r.id === l.id)!.expectedCents;
      expect(Math.abs(b - a) / a).toBeLessThan(0.05);
    }
  });

  it('learns that better seats and Saturday nights cost more', () => {
    const inv: RankableListing[] = [];
    let id = 1;
    for (let k = 0; k < 400; k++) {
      const q = (k * 37) % 100;
      const perf = k % PERFS.length;
      const sat = PERFS[perf].id === '904' || PERFS[perf].id === '910';
      inv.push(base(id++, q, Math.round((15000 + q * 400) * (sat ? 1.2 : 1)), perf));
    }
    const { ranked, fit } = rankShow(inv, NOW);
    // Prices follow the model exactly: every listing is priced as expected.
    expect(fit.medianAbsLogResidual).toBeLessThan(0.08);
    const expectedOf = (q: number, perf: number) => {
      const r = rankWithFit([base(99999, q, 10000, perf)], fitShow(inv, NOW.getTime()).fit, NOW);
      return r.ranked[0].expectedCents;
    };
    expect(expectedOf(90, 4)).toBeGreaterThan(expectedOf(30, 4));
    expect(expectedOf(60, 4)).toBeGreaterThan(expectedOf(60, 1));
    expect(ranked.length).toBe(400);
  });

  it('explains in one short sentence', () => {
    const inv = Array.from({ length: 30 }, (_, i) => base(i + 1, 80, 50000));
    inv.push({ ...base(77, 80, 36000), viewNotes: [] });
    inv.push({
      ...base(78, 80, 50000),
      viewNotes: ['Obstructed view.'],
      seatLabel: 'Rear Mezzanine Left row G',
    });
    const { ranked } = rankShow(inv, NOW);
    expect(ranked.find((r) => r.id === '77')!.explanation).toBe(
      'Orchestra Center row F, $140 under what comparable seats cost; clear view.',
    );
    expect(ranked.find((r) => r.id === '78')!.explanation).toBe(
      'Rear Mezzanine Left row G, about what comparable seats cost; obstructed view.',
    );
  });
});
