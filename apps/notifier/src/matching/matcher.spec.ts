import fc from 'fast-check';
import { buildListingColumns } from './listing-columns.js';
import { matchSearches } from './matcher.js';
import { referenceMatchAll } from './reference-matcher.js';
import { syntheticMarket } from './synthetic-market.js';

describe('matchSearches', () => {
  it('finds, per search, exactly the listings the plain rules find (capped, cheapest first)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 40 }), (seed, cap) => {
        const { listings, searches } = syntheticMarket(seed, 400, 60);
        // Some searches already mailed some listings, at prices above and below today's.
        searches.forEach((s, k) => {
          if (k % 3 === 0)
            s.notified = new Map(
              listings.slice(0, 80).map((l, j) => [l.listingId, l.allInCents + (j % 2 ? 100 : 0)]),
            );
        });
        const startsAfterMs = Date.UTC(2026, 6, 1);
        const columns = buildListingColumns(listings);
        const fast = new Map(
          matchSearches(columns, searches, { startsAfterMs, maxPerSearch: cap || Infinity }).map((m) => [
            m.searchId,
            m.listings,
          ]),
        );
        const slow = referenceMatchAll(listings, searches, startsAfterMs);
        for (const s of searches) {
          const expected = slow.get(s.id) ?? [];
          const got = fast.get(s.id) ?? [];
          if (!cap) {
            expect(new Set(got)).toEqual(new Set(expected));
            expect(got.length).toBe(expected.length);
          } else {
            expect(got.length).toBe(Math.min(cap, expected.length));
            for (const i of got) expect(expected).toContain(i);
          }
          for (let k = 1; k < got.length; k++)
            expect(listings[got[k]!]!.allInCents).toBeGreaterThanOrEqual(listings[got[k - 1]!]!.allInCents);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('leaves out a listing already mailed at this price or lower, and takes it back after a further drop', () => {
    const { listings, searches } = syntheticMarket(7, 200, 1);
    const search = { ...searches[0]!, filters: {}, targetMaxCents: 1_000_000, targetMinQuality: null };
    const columns = buildListingColumns(listings);
    const first = matchSearches(columns, [search], { startsAfterMs: 0, maxPerSearch: Infinity })[0]!;
    expect(first.listings.length).toBe(200);
    const notified = new Map(listings.map((l) => [l.listingId, l.allInCents]));
    expect(matchSearches(columns, [{ ...search, notified }], { startsAfterMs: 0 })).toEqual([]);
    const cheaper = listings.map((l, i) => (i === 5 ? { ...l, allInCents: l.allInCents - 1 } : l));
    const again = matchSearches(buildListingColumns(cheaper), [{ ...search, notified }], {
      startsAfterMs: 0,
    });
    expect(again).toEqual([{ searchId: search.id, listings: [5] }]);
  });

  it('honours splits: a listing sold only in pairs never matches a search for 3', () => {
    const { listings } = syntheticMarket(3, 1, 0);
    const row = { ...listings[0]!, splits: [2, 4], allInCents: 10_000 };
    const columns = buildListingColumns([row]);
    const search = (quantity: number) => ({
      id: 's',
      filters: { quantity },
      targetMaxCents: 20_000,
      targetMinQuality: null,
    });
    expect(matchSearches(columns, [search(3)], { startsAfterMs: 0 })).toEqual([]);
    expect(matchSearches(columns, [search(4)], { startsAfterMs: 0 })).toHaveLength(1);
  });
});
