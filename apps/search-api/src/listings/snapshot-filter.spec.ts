import { decodeRankedSnapshot, encodeRankedSnapshot } from '@hamiltix/contracts';
import { WEEKDAYS } from '@hamiltix/domain';
import fc from 'fast-check';
import type { ListingFilters } from '../query/listings-query.js';
import { RankedSnapshot } from '../ranked-index/ranked-snapshot.js';
import { makeListings } from '../testing/ranked-fixture.js';
import { listingFilter } from './listing-filter.js';
import { snapshotFilter } from './snapshot-filter.js';

const docs = makeListings(800, 12).listings.map((l) => l.doc);
const snapshot = new RankedSnapshot('_all', 'v', decodeRankedSnapshot(encodeRankedSnapshot(docs)));
const dates = [...new Set(docs.map((d) => d.localDate))].sort();

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
  it('keeps exactly what listingFilter keeps, for any filters', () => {
    fc.assert(
      fc.property(filtersArb, (f) => {
        const byDoc = listingFilter(f);
        const byColumns = snapshotFilter(snapshot, f);
        const differ = docs.filter((d, i) => byColumns(i) !== byDoc(d)).map((d) => d.item.id);
        expect(differ).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
