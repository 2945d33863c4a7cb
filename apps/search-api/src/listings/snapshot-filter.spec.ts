import { decodeRankedSnapshot, encodeRankedSnapshot } from '@hamiltix/contracts';
import { WEEKDAYS } from '@hamiltix/domain';
import fc from 'fast-check';
import type { ListingFilters } from '../query/listings-query.js';
import { RankedSnapshot } from '../ranked-index/ranked-snapshot.js';
import { makeListings } from '../testing/ranked-fixture.js';
import { listingFilter } from './listing-filter.js';
import { snapshotFilter } from './snapshot-filter.js';

const NOW = new Date('2026-06-10T15:00:00Z');
const docs = makeListings(800, 12, NOW).listings.map((l) => l.doc);
const snapshot = new RankedSnapshot('_all', 'v', decodeRankedSnapshot(encodeRankedSnapshot(docs)));
const dates = [...new Set(docs.map((d) => d.localDate))].sort();
const starts = [...new Set(docs.map((d) => d.startsAtMs))].sort((a, b) => a - b);

const filtersArb: fc.Arbitrary<ListingFilters> = fc.record(
  {
    show: fc.constantFrom('hamilton', 'other'),
    city: fc.constantFrom('new york', 'chicago', 'boston'),
    from: fc.constantFrom(...dates, '2000-01-01', '2999-01-01'),
    to: fc.constantFrom(...dates, '2000-01-01', '2999-01-01'),
    days: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1 }),
    time: fc.constantFrom('matinee' as const, 'evening' as const),
    quantity: fc.integer({ min: 1, max: 8 }),
    maxPriceCents: fc.integer({ min: 5000, max: 120_000 }),
    section: fc.constantFrom('mezzanine', 'orchestra', 'orchestra-center', 'rear mezz', 'box'),
    clearView: fc.boolean(),
  },
  { requiredKeys: ['clearView'] },
);

describe('snapshotFilter', () => {
  it('keeps exactly what listingFilter keeps, for any filters and sales cut-off', () => {
    // Cut-offs before, at, between and after the performances' starts.
    const cutoffArb = fc.oneof(
      fc.constantFrom(...starts),
      fc.constantFrom(...starts).map((s) => s - 1),
      fc.integer({ min: starts[0] - 86_400_000, max: starts[starts.length - 1] + 86_400_000 }),
    );
    fc.assert(
      fc.property(filtersArb, cutoffArb, (f, startsAfterMs) => {
        const byDoc = listingFilter(f, startsAfterMs);
        const byColumns = snapshotFilter(snapshot, f, startsAfterMs);
        const differ = docs.filter((d, i) => byColumns(i) !== byDoc(d)).map((d) => d.item.id);
        expect(differ).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('RankedSnapshot.salesEpoch', () => {
  it('counts the distinct start instants at or before the cut-off', () => {
    expect(snapshot.salesEpoch(starts[0] - 1)).toBe(0);
    expect(snapshot.salesEpoch(starts[0])).toBe(1);
    expect(snapshot.salesEpoch(starts[3] + 1)).toBe(4);
    expect(snapshot.salesEpoch(starts[starts.length - 1])).toBe(starts.length);
  });

  it('drops exactly the listings at or before the cut-off', () => {
    const keep = snapshotFilter(snapshot, { clearView: false }, starts[2]);
    const kept = docs.filter((_, i) => keep(i));
    expect(kept.length).toBe(docs.filter((d) => d.startsAtMs > starts[2]).length);
    expect(kept.length).toBeLessThan(docs.length);
  });
});
