import { columnsOf } from './fit.js';
import { syntheticInventory } from './fixtures/synthetic-inventory.js';
import { rankColumns, rankShow } from './rank-show.js';
import { toRankable } from './seat-input.js';
import type { RankableListing } from './types.js';

const NOW = new Date('2026-09-01T16:00:00Z');

/** rankColumns against rankShow of the same listings: every number bit for bit, the same order. */
function expectSameRanking(listings: RankableListing[]): void {
  const byRows = rankShow(listings, NOW);
  const ids = listings.map((l) => l.id);
  const byColumns = rankColumns(columnsOf(listings), ids, NOW);
  expect(byColumns.fit).toEqual(byRows.fit);
  expect([...byColumns.order].map((i) => ids[i])).toEqual(byRows.ranked.map((r) => r.id));
  byRows.ranked.forEach((r, k) => {
    const i = byColumns.order[k];
    expect(Object.is(byColumns.dealScore[i], r.dealScore)).toBe(true);
    expect(Object.is(byColumns.expectedCents[i], r.expectedCents)).toBe(true);
  });
  expect([...byColumns.model.curves.keys()]).toEqual([...byRows.model.curves.keys()]);
  for (const [venue, curve] of byRows.model.curves) {
    expect(byColumns.model.curves.get(venue)).toEqual(curve);
  }
  expect(byColumns.model.dayEffect).toEqual(byRows.model.dayEffect);
  expect(byColumns.model.horizonEffect).toEqual(byRows.model.horizonEffect);
}

describe('rankColumns', () => {
  it('scores, expected prices, order and fit equal rankShow bit for bit on the synthetic inventory', () => {
    const listings = syntheticInventory({ listings: 20_000, now: NOW, seed: 7 }).map(toRankable);
    expectSameRanking(listings);
  });

  it('does not depend on the order of the rows, and shuffled rows give rankShow of the same set', () => {
    const listings = syntheticInventory({ listings: 3_000, now: NOW, seed: 11, venueId: 'cibc' }).map(
      toRankable,
    );
    const shuffled = [...listings].reverse();
    const ids = shuffled.map((l) => l.id);
    const a = rankColumns(
      columnsOf(listings),
      listings.map((l) => l.id),
      NOW,
    );
    const b = rankColumns(columnsOf(shuffled), ids, NOW);
    expect([...b.order].map((i) => ids[i])).toEqual([...a.order].map((i) => listings[i].id));
    expectSameRanking(shuffled);
  });

  it('an empty show ranks to nothing; an unrankable listing is refused', () => {
    expect(rankColumns(columnsOf([]), [], NOW).order).toHaveLength(0);
    const [l] = syntheticInventory({ listings: 1, now: NOW, seed: 1 }).map(toRankable);
    expect(() => rankColumns(columnsOf([{ ...l, allInCents: 0 }]), [l.id], NOW)).toThrow(/not rankable/);
  });
});
