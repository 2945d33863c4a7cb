import { listVenues } from '@hamiltix/venues';
import { Inventory } from './inventory.js';
import { SandboxClock } from './sandbox-clock.js';

/** The market generated from the product's own seat maps (libs/venues), as the service runs. */
describe('Inventory over the libs/venues seat maps', () => {
  const inv = new Inventory(
    listVenues(),
    { seed: 42, scale: 1 },
    new SandboxClock(0, new Date('2026-11-26T18:00:00Z')),
  );

  it('has every venue, with performances and 180–300-ish resale seats each', () => {
    expect(inv.venues.length).toBe(listVenues().length);
    for (const venue of inv.venues) {
      const events = inv.events.filter((e) => e.venue.id === venue.id);
      expect(events.length).toBeGreaterThanOrEqual(8 * 25);
      const seats = events.slice(0, 5).map((e) => inv.availableCount(e.id));
      for (const n of seats) {
        expect(n).toBeGreaterThan(110);
        expect(n).toBeLessThan(420);
      }
    }
  });

  it('names sections the way brokers do (aliases of the seat map) and uses real rows and seats', () => {
    for (const venue of inv.venues) {
      const names = new Set(venue.data.sections.flatMap((s) => [s.name, ...s.aliases]));
      for (const g of venue.data.groups ?? []) [g.name, ...g.aliases].forEach((n) => names.add(n));
      const rows = new Set(venue.data.sections.flatMap((s) => s.rows.map((r) => r.name)));
      const listings = inv.listings(inv.events.find((e) => e.venue.id === venue.id)!.id);
      for (const l of listings) {
        expect(names.has(l.section)).toBe(true);
        expect(l.row === 'GA' || rows.has(l.row)).toBe(true);
      }
    }
  });

  it('prices New York resale around $300–$1,600 and touring lower', () => {
    const prices = (market: string) =>
      inv.events
        .filter((e) => e.venue.market === market)
        .slice(0, 16)
        .flatMap((e) => inv.listings(e.id).map((l) => l.retailCents / 100))
        .sort((a, b) => a - b);
    const ny = prices('new-york');
    if (ny.length) {
      expect(ny[Math.floor(ny.length * 0.05)]).toBeGreaterThan(180);
      expect(ny[Math.floor(ny.length * 0.5)]).toBeGreaterThan(350);
      expect(ny[ny.length - 1]).toBeLessThan(2500);
    }
    const touring = prices('touring');
    if (touring.length && ny.length)
      expect(touring[Math.floor(touring.length / 2)]).toBeLessThan(ny[Math.floor(ny.length / 2)]);
  });
});
