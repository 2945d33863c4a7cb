import fc from 'fast-check';
import type { RankedListingDoc } from './api.js';
import {
  RANKED_DELTA_MAX_BYTES,
  applyRankedDelta,
  decodeRankedDelta,
  encodeRankedDelta,
  type RankedDeltaHeader,
} from './ranked-delta.js';
import {
  decodeRankedSnapshot,
  encodeRankedColumns,
  encodeRankedSnapshot,
  type RankedSnapshotColumns,
} from './ranked-snapshot.js';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** A doc of listing `id` at performance 1000 + day (odd days hamilton, even days another show). */
function doc(id: number, day: number, cents: number, deal: number, section: string): RankedListingDoc {
  return {
    item: {
      id: String(id),
      performance: {
        id: String(1000 + day),
        startsAt: '2027-01-01T19:00:00-05:00',
        venue: { id: 'v', name: 'V' },
        city: day % 4 === 1 ? 'Chicago' : 'New York',
      },
      section,
      row: 'C',
      seats: [],
      quantity: 2,
      splits: [1, 2],
      allInPrice: { amount: cents, currency: 'USD' },
      seatQuality: (id % 100) / 10,
      viewNotes: id % 5 ? [] : ['Partial view'],
      dealScore: deal / 10,
      explanation: 'x',
    },
    showId: day % 2 ? 'hamilton' : 'other',
    venueId: 'v',
    sectionId: section === 'Front Mezz' ? 'front-mezzanine-center' : null,
    startsAtMs: Date.UTC(2027, 0, 1 + day, 19),
    localDate: new Date(Date.UTC(2027, 0, 1 + day)).toISOString().slice(0, 10),
    weekday: WEEKDAYS[(5 + day) % 7],
    matinee: day % 3 === 0,
    allInCents: cents,
    level: section === 'Front Mezz' ? 'mezzanine' : null,
  };
}

const rowArb = fc.record({
  day: fc.integer({ min: 0, max: 12 }),
  cents: fc.integer({ min: 100, max: 50_000 }),
  deal: fc.integer({ min: 0, max: 50 }),
  section: fc.constantFrom('Orchestra Center', 'Front Mezz', 'Böx "A"'),
});

/** Base rows (ids 1..n), the changed performances, and the rows now listed for them. */
const caseArb = fc.record({
  base: fc.array(rowArb, { maxLength: 60 }),
  showId: fc.constantFrom('hamilton', 'other'),
  days: fc.uniqueArray(fc.integer({ min: 0, max: 13 }), { maxLength: 4 }),
  fresh: fc.array(fc.record({ keepId: fc.boolean(), row: rowArb }), { maxLength: 20 }),
});

/** Docs of a case: the base, and the delta's docs (only of changed performances of the show). */
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case) {
  const base = c.base.map((r, i) => doc(i + 1, r.day, r.cents, r.deal, r.section));
  const performances = c.days.map((d) => String(1000 + d));
  // A changed performance's rows: re-priced listings keep their id, new ones get a fresh one.
  const days = c.days.filter((d) => (d % 2 ? 'hamilton' : 'other') === c.showId);
  const reusable = base.filter((d) => d.showId === c.showId && performances.includes(d.item.performance.id));
  const rows: RankedListingDoc[] = [];
  const used = new Set<string>();
  c.fresh.forEach((f, k) => {
    if (!days.length) return;
    const reuse = f.keepId ? reusable.find((d) => !used.has(d.item.id)) : undefined;
    const id = reuse ? Number(reuse.item.id) : 10_000 + k;
    const day = reuse ? Number(reuse.item.performance.id) - 1000 : days[k % days.length];
    used.add(String(id));
    rows.push(doc(id, day, f.row.cents, f.row.deal, f.row.section));
  });
  const kept = base.filter((d) => !(d.showId === c.showId && performances.includes(d.item.performance.id)));
  return { base, performances, rows, expected: [...kept, ...rows] };
}

const header = (showId: string, performances: string[]): RankedDeltaHeader => ({
  showId,
  performances,
  scopes: [{ scope: showId, base: 'b1', version: 'v1' }],
});

/** Delta over the wire: encoded, then decoded from bytes at an odd offset (a NATS buffer). */
function wire(h: RankedDeltaHeader, rows: RankedListingDoc[]) {
  const bytes = encodeRankedDelta(h, encodeRankedSnapshot(rows));
  const odd = new Uint8Array(bytes.length + 3);
  odd.set(bytes, 3);
  return decodeRankedDelta(odd.subarray(3));
}

describe('ranked delta', () => {
  it('applied to its base is, byte for byte, the snapshot of the whole new ranking', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { base, performances, rows, expected } = build(c);
        const delta = wire(header(c.showId, performances), rows);
        const applied = applyRankedDelta(decodeRankedSnapshot(encodeRankedSnapshot(base)), delta);
        expect(Buffer.from(encodeRankedColumns(applied))).toEqual(
          Buffer.from(encodeRankedSnapshot(expected)),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('chains: a delta applied to a version a delta made gives the same bytes as from scratch', () => {
    fc.assert(
      fc.property(caseArb, caseArb, (a, b) => {
        const first = build(a);
        const once = applyRankedDelta(
          decodeRankedSnapshot(encodeRankedSnapshot(first.base)),
          wire(header(a.showId, first.performances), first.rows),
        );
        // The second delta's performances and rows, over what the first left.
        const second = build({ ...b, base: [] });
        const twice = applyRankedDelta(once, wire(header(b.showId, second.performances), second.rows));
        const left = first.expected.filter(
          (d) => !(d.showId === b.showId && second.performances.includes(d.item.performance.id)),
        );
        const ids = new Set(second.rows.map((d) => d.item.id));
        fc.pre(left.every((d) => !ids.has(d.item.id)));
        expect(Buffer.from(encodeRankedColumns(twice))).toEqual(
          Buffer.from(encodeRankedSnapshot([...left, ...second.rows])),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('leaves the other shows alone, whatever performance ids they share', () => {
    const base = [doc(1, 1, 500, 1, 'Front Mezz'), doc(2, 2, 600, 1, 'Front Mezz')];
    // Performance 1002 is the other show's; a hamilton delta naming it drops nothing of it.
    const delta = wire(header('hamilton', ['1001', '1002']), [doc(3, 1, 400, 2, 'Orchestra Center')]);
    const applied: RankedSnapshotColumns = applyRankedDelta(
      decodeRankedSnapshot(encodeRankedSnapshot(base)),
      delta,
    );
    expect(applied.ids).toEqual(['2', '3']);
  });

  it('refuses malformed messages', () => {
    const good = encodeRankedDelta(header('hamilton', ['1001']), encodeRankedSnapshot([]));
    expect(() => decodeRankedDelta(good.subarray(0, 6))).toThrow(/bad magic/);
    const bad = new Uint8Array(good);
    bad[0] = 0x58;
    expect(() => decodeRankedDelta(bad)).toThrow(/bad magic/);
    expect(() =>
      encodeRankedDelta({ ...header('hamilton', []), scopes: [] }, encodeRankedSnapshot([])),
    ).toThrow();
    expect(decodeRankedDelta(good).rows.count).toBe(0);
    expect(RANKED_DELTA_MAX_BYTES).toBeLessThan(1024 * 1024); // NATS's default max_payload
  });
});
