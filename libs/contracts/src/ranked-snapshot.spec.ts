import fc from 'fast-check';
import type { RankedListingDoc } from './api.js';
import { RANK_SORTS } from './ranked-index.js';
import {
  composeRankedSnapshot,
  decodeRankedSnapshot,
  encodeRankedSnapshot,
  rankScoreOf,
  RankedSnapshotBuilder,
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

describe('composeRankedSnapshot', () => {
  const canonical = (bytes: Uint8Array) => {
    const c = decodeRankedSnapshot(bytes);
    return Array.from({ length: c.count }, (_, i) => i)
      .map((i) => ({
        id: c.ids[i],
        item: snapshotItemJson(c, i),
        show: c.shows[c.show[i]],
        city: c.cities[c.city[i]],
        date: c.dates[c.date[i]],
        performance: c.performances[c.performance[i]],
        keys: [...c.keys.subarray(3 * i, 3 * i + 3)].map((k) => c.sectionKeys[k] ?? null),
        splits: [...c.splitValues.subarray(c.splitOffsets[i], c.splitOffsets[i + 1])],
        rest: [c.allInCents[i], c.startsAtMs[i], c.dealScore[i], c.weekday[i], c.flags[i]],
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  };
  const orderIds = (bytes: Uint8Array) => {
    const c = decodeRankedSnapshot(bytes);
    return Object.fromEntries(
      RANK_SORTS.map((s) => [s, [[...c.orders[s].order].map((i) => c.ids[i]), [...c.orders[s].scores]]]),
    );
  };
  const unique = fc.uniqueArray(docArb, { selector: (d) => d.item.id, maxLength: 60 });

  it('of several snapshots, some rows dropped, equals the snapshot of the kept docs', () => {
    fc.assert(
      fc.property(unique, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 }), (docs, k, drop) => {
        const groups = Array.from({ length: k }, (_, g) => docs.filter((_d, i) => i % k === g));
        const dropped = (d: RankedListingDoc) => Number(d.item.id) % 4 === drop;
        const composed = composeRankedSnapshot(
          groups.map((g) => {
            const columns = decodeRankedSnapshot(encodeRankedSnapshot(g));
            return { columns, keep: (i: number) => !dropped(g[i]) };
          }),
        );
        const expected = encodeRankedSnapshot(docs.filter((d) => !dropped(d)));
        expect(canonical(composed)).toEqual(canonical(expected));
        expect(orderIds(composed)).toEqual(orderIds(expected));
      }),
      { numRuns: 150 },
    );
  });

  it('of one whole snapshot, is that snapshot byte for byte', () => {
    fc.assert(
      fc.property(unique, (docs) => {
        const bytes = encodeRankedSnapshot(docs);
        expect(Buffer.from(composeRankedSnapshot([{ columns: decodeRankedSnapshot(bytes) }]))).toEqual(
          Buffer.from(bytes),
        );
      }),
      { numRuns: 50 },
    );
  });
});

it('composeRankedSnapshot keeps only the dictionary entries its rows use', () => {
  const docs = fc.sample(fc.uniqueArray(docArb, { selector: (d) => d.item.id, minLength: 30 }), 1)[0];
  const keepOnly = docs[0].item.performance.id;
  const columns = decodeRankedSnapshot(encodeRankedSnapshot(docs));
  const out = decodeRankedSnapshot(
    composeRankedSnapshot([
      { columns, keep: (i) => columns.performances[columns.performance[i]] === keepOnly },
    ]),
  );
  expect(out.performances).toEqual([keepOnly]);
  expect(out.dates).toEqual([docs[0].localDate]);
});

describe('RankedSnapshotBuilder', () => {
  it('fed the docs in batches, writes the bytes encodeRankedSnapshot writes of them all', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(docArb, { selector: (d) => d.item.id, maxLength: 80 }),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom(1, 700, 5_000, undefined),
        (docs, size, itemChunk) => {
          const builder = new RankedSnapshotBuilder(docs.length, itemChunk);
          for (let s = 0; s < docs.length; s += size) builder.add(docs.slice(s, s + size));
          const bytes = builder.finish();
          expect(Buffer.from(bytes)).toEqual(Buffer.from(encodeRankedSnapshot(docs)));
          // The items were written in place: the snapshot is its whole buffer, no spare room.
          expect([bytes.byteOffset, bytes.buffer.byteLength]).toEqual([0, bytes.byteLength]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses more docs than announced, and a snapshot short of them', () => {
    const [a, b] = fc.sample(fc.uniqueArray(docArb, { selector: (d) => d.item.id, minLength: 2 }), 1)[0];
    const builder = new RankedSnapshotBuilder(1);
    expect(() => builder.add([a, b])).toThrow(/more docs/);
    expect(() => new RankedSnapshotBuilder(2).finish()).toThrow(/0 of 2/);
  });
});
