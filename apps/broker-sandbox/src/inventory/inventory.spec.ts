import { FIXTURE_VENUES } from '../testing/fixture-venues.js';
import { Inventory, type NewListing } from './inventory.js';
import { BUCKET_MS, SandboxClock } from './sandbox-clock.js';

const START = new Date('2026-11-26T18:00:00Z');
const make = (seed = 42, scale = 1) =>
  new Inventory(FIXTURE_VENUES, { seed, scale }, new SandboxClock(0, START));
/** A pair in row A of the orchestra at $100, as /sandbox/listings adds one. */
const pairInRowA = (eventId: number, notes: string | null): NewListing => ({
  eventId,
  section: 'ORCH',
  row: 'A',
  lowSeat: null,
  highSeat: null,
  quantity: 2,
  splits: [2],
  retailCents: 10_000,
  notes,
});

describe('Inventory', () => {
  it("moves an event's updated_at by at least a second on every change, even with the clock frozen", () => {
    const inv = make();
    const event = inv.events[0];
    const add = () => inv.add(pairInRowA(event.id, null));
    const before = inv.eventUpdatedAt(event).getTime();
    add();
    const first = inv.eventUpdatedAt(event).getTime();
    add();
    const second = inv.eventUpdatedAt(event).getTime();
    expect(first).toBeGreaterThan(before);
    // Whole seconds on the wire: each change must show in the seconds.
    expect(Math.floor(second / 1000)).toBeGreaterThan(Math.floor(first / 1000));
  });

  it('schedules 8 shows a week for 26 weeks per venue, in the future', () => {
    const inv = make();
    const perVenue = inv.events.filter((e) => e.venue.slug === 'test-broadway');
    expect(perVenue.length).toBeGreaterThanOrEqual(8 * 26 - 8);
    expect(perVenue.length).toBeLessThanOrEqual(8 * 26);
    expect(perVenue.every((e) => e.occursAt > START)).toBe(true);
    expect(new Set(inv.events.map((e) => e.id)).size).toBe(inv.events.length);
  });

  it('lists 180–300 resale seats per performance in groups of 1–8 with sane splits', () => {
    const inv = make();
    const counts = inv.events.slice(0, 40).map((e) => inv.availableCount(e.id));
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(mean).toBeGreaterThan(150);
    expect(mean).toBeLessThan(340);
    for (const e of inv.events.slice(0, 10))
      for (const l of inv.listings(e.id)) {
        expect(l.availableQuantity).toBeGreaterThanOrEqual(1);
        expect(l.availableQuantity).toBeLessThanOrEqual(8);
        expect(l.splits).toContain(l.availableQuantity);
        for (const k of l.splits)
          expect(k === l.availableQuantity || l.availableQuantity - k !== 1).toBe(true);
        expect(l.wholesaleCents).toBeLessThan(l.retailCents);
        expect(l.wholesaleCents / l.retailCents).toBeGreaterThanOrEqual(0.849);
      }
  });

  it('prices New York above touring and in the docs/domain.md range', () => {
    const inv = make();
    const median = (slug: string) => {
      const prices = inv.events
        .filter((e) => e.venue.slug === slug)
        .slice(0, 30)
        .flatMap((e) => inv.listings(e.id).map((l) => l.retailCents))
        .sort((a, b) => a - b);
      return prices[Math.floor(prices.length / 2)];
    };
    expect(median('test-broadway')).toBeGreaterThan(30_000);
    expect(median('test-broadway')).toBeLessThan(120_000);
    expect(median('test-touring')).toBeLessThan(median('test-broadway'));
  });

  it('is deterministic in seed and time', () => {
    const a = make(7);
    const b = make(7);
    const c = make(8);
    const id = a.events[5].id;
    expect(a.listings(id)).toEqual(b.listings(id));
    expect(a.listings(id).map((l) => a.signature(l))).toEqual(b.listings(id).map((l) => b.signature(l)));
    expect(c.listings(id)).not.toEqual(a.listings(id));
  });

  it('reprices, sells and lists new seats as the clock moves', () => {
    const inv = make();
    const id = inv.events[60].id;
    const before = new Map(inv.listings(id).map((l) => [l.id, l]));
    inv.clock.advance(3 * 3_600_000);
    const after = new Map(inv.listings(id).map((l) => [l.id, l]));
    const gone = [...before.keys()].filter((k) => !after.has(k));
    const added = [...after.keys()].filter((k) => !before.has(k));
    const repriced = [...after.values()].filter(
      (l) => before.has(l.id) && before.get(l.id)!.retailCents !== l.retailCents,
    );
    expect(gone.length).toBeGreaterThan(0);
    expect(added.length).toBeGreaterThan(0);
    expect(repriced.length).toBeGreaterThan(0);
    // Most of the market is still there after 3 hours.
    expect(after.size - added.length).toBeGreaterThan(before.size * 0.6);
  });

  it('carries view notes where the seat map has them', () => {
    const inv = make();
    const all = inv.events.slice(0, 30).flatMap((e) => inv.listings(e.id));
    const broadway = all.filter((l) => inv.event(l.eventId)!.venue.slug === 'test-broadway');
    const overhang = broadway.filter(
      (l) => /^ORCH|Orchestra/.test(l.section) && ['S', 'T', 'U', 'V', 'W', 'X'].includes(l.row),
    );
    expect(
      overhang.filter((l) => /view/i.test(l.publicNotes ?? '')).length / overhang.length,
    ).toBeGreaterThan(0.6);
    const front = broadway.filter(
      (l) => ['D', 'E', 'F'].includes(l.row) && /Center|ORCH$|ORCH C/.test(l.section),
    );
    expect(front.some((l) => /view/i.test(l.publicNotes ?? ''))).toBe(false);
    expect(all.some((l) => l.row === 'GA' && l.lowSeat === null)).toBe(true);
    expect(all.some((l) => l.moneyAsString)).toBe(true);
  });

  it('gives an added listing the view_type its notes say, read as ingestion reads them', () => {
    const inv = make();
    const viewType = (notes: string | null) => inv.add(pairInRowA(inv.events[0].id, notes)).viewType;
    expect(viewType('Obstructed view')).toBe('Obstructed');
    expect(viewType('Partial view')).toBe('Partially Obstructed');
    expect(viewType('Limited view, printed on ticket')).toBe('Possible Obstruction');
    // A denial is no obstruction (the old pattern matched "obstruct" and said otherwise).
    expect(viewType('No obstruction, aisle')).toBe('Full');
    expect(viewType(null)).toBe('Full');
  });

  it('scales the pool with SANDBOX_SCALE', () => {
    const one = make(42, 1);
    // The fixture houses are small: scale 2 still fits them.
    const three = make(42, 2);
    const ids = one.events.slice(0, 10).map((e) => e.id);
    const n1 = ids.reduce((n, id) => n + one.availableCount(id), 0);
    const n3 = ids.reduce((n, id) => n + three.availableCount(id), 0);
    expect(n3 / n1).toBeGreaterThan(1.7);
    expect(n3 / n1).toBeLessThan(2.3);
  });

  it('has no listings after the curtain', () => {
    const inv = make();
    const e = inv.events[0];
    inv.clock.advance(e.occursAt.getTime() - START.getTime() + BUCKET_MS);
    expect(inv.listings(e.id)).toEqual([]);
  });
});
