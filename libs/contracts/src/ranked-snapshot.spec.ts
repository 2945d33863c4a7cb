import fc from 'fast-check';
import type { RankedListingDoc } from './api.js';
import { RANK_SORTS } from './ranked-index.js';
import {
  decodeRankedSnapshot,
  encodeRankedSnapshot,
  rankScoreOf,
  SNAPSHOT_FLAG_MATINEE,
  SNAPSHOT_FLAG_VIEW_NOTES,
  snapshotItem,
  snapshotItemJson,
} from './ranked-snapshot.js';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const docArb = fc
  .record({
    id: fc.integer({ min: 1, max: 99_999_999 }),
    deal: fc.integer({ min: 0, max: 1000 }),
    quality: fc.integer({ min: 0, max: 1000 }),
    cents: fc.integer({ min: 100, max: 500_000 }),
    day: fc.integer({ min: 0, max: 40 }),
    splits: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }),
    notes: fc.boolean(),
    section: fc.constantFrom('Orchestra Center', 'Front Mezz', 'Böx "A"'),
    city: fc.constantFrom('New York', 'Chicago'),
  })
  .map((r): RankedListingDoc => ({
    item: {
      id: String(r.id),
      performance: {
        id: String(1000 + r.day),
        startsAt: '2027-01-01T19:00:00-05:00',
        venue: { id: 'v', name: 'V' },
        city: r.city,
      },
      section: r.section,
      row: 'C',
      seats: [],
      quantity: Math.max(...r.splits),
      splits: r.splits,
      allInPrice: { amount: r.cents, currency: 'USD' },
      seatQuality: r.quality / 10,
      viewNotes: r.notes ? ['Partial view'] : [],
      dealScore: r.deal / 10,
      explanation: 'x',
    },
    showId: r.day % 2 ? 'hamilton' : 'other',
    venueId: 'v',
    sectionId: r.section === 'Front Mezz' ? 'front-mezzanine-center' : null,
    startsAtMs: Date.UTC(2027, 0, 1 + r.day, 19),
    localDate: new Date(Date.UTC(2027, 0, 1 + r.day)).toISOString().slice(0, 10),
    weekday: WEEKDAYS[(5 + r.day) % 7],
    matinee: r.day % 3 === 0,
    allInCents: r.cents,
    level: r.section === 'Front Mezz' ? 'mezzanine' : null,
  }));

describe('ranked snapshot codec', () => {
  it('round-trips every field and orders each sort like a zset', () => {
    fc.assert(
      fc.property(fc.uniqueArray(docArb, { selector: (d) => d.item.id, maxLength: 60 }), (docs) => {
        const bytes = encodeRankedSnapshot(docs);
        // Misaligned copies (a Buffer slice) decode too.
        const shifted = new Uint8Array(bytes.length + 3).subarray(3);
        shifted.set(bytes);
        // A Node Buffer view at an odd offset (what a Redis client may hand over).
        const pooled = new Uint8Array(bytes.length + 5);
        pooled.set(bytes, 5);
        const buffer = Buffer.from(pooled.buffer, 5, bytes.length);
        for (const c of [bytes, shifted, buffer].map(decodeRankedSnapshot)) {
          expect(c.count).toBe(docs.length);
          docs.forEach((d, i) => {
            expect(c.ids[i]).toBe(d.item.id);
            expect(snapshotItemJson(c, i)).toBe(JSON.stringify(d.item));
            expect(snapshotItem(c, i)).toEqual(d.item);
            expect(c.allInCents[i]).toBe(d.allInCents);
            expect(c.dates[c.date[i]]).toBe(d.localDate);
            expect(WEEKDAYS[c.weekday[i]]).toBe(d.weekday);
            expect(Boolean(c.flags[i] & SNAPSHOT_FLAG_MATINEE)).toBe(d.matinee);
            expect(Boolean(c.flags[i] & SNAPSHOT_FLAG_VIEW_NOTES)).toBe(d.item.viewNotes.length > 0);
            expect([...c.splitValues.subarray(c.splitOffsets[i], c.splitOffsets[i + 1])]).toEqual(
              d.item.splits,
            );
            expect(c.shows[c.show[i]]).toBe(d.showId);
            expect(c.performances[c.performance[i]]).toBe(d.item.performance.id);
          });
          expect([...c.dates]).toEqual([...c.dates].sort());
          for (const sort of RANK_SORTS) {
            const expected = [...docs]
              .sort(
                (a, b) =>
                  rankScoreOf(a, sort) - rankScoreOf(b, sort) ||
                  (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0),
              )
              .map((d) => d.item.id);
            expect([...c.orders[sort].order].map((i) => c.ids[i])).toEqual(expected);
            expect([...c.orders[sort].scores]).toEqual(
              [...c.orders[sort].order].map((i) => rankScoreOf(docs[i], sort)),
            );
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('refuses bytes that are not a snapshot', () => {
    expect(() => decodeRankedSnapshot(new TextEncoder().encode('{"items":[]}'))).toThrow(/magic/);
  });
});
