import { getVenue, listVenues, seatCount, validateVenue } from './index.js';

describe('venue data', () => {
  const ids = ['richard-rodgers', 'cibc', 'hollywood-pantages', 'orpheum-sf'];

  it('lists the four venues with their time zones', () => {
    expect(listVenues().map((v) => v.id)).toEqual(ids);
    expect(getVenue('richard-rodgers')?.timeZone).toBe('America/New_York');
    expect(getVenue('cibc')?.timeZone).toBe('America/Chicago');
    expect(getVenue('hollywood-pantages')?.timeZone).toBe('America/Los_Angeles');
    expect(getVenue('orpheum-sf')?.timeZone).toBe('America/Los_Angeles');
    expect(getVenue('nowhere')).toBeUndefined();
  });

  it.each(ids)(
    '%s loads and validates (unique seats, aliases resolve, notes point at real seats, capacity ±10%%)',
    (id) => {
      const venue = getVenue(id)!;
      expect(validateVenue(venue)).toEqual([]);
      expect(Math.abs(seatCount(venue) - venue.capacity) / venue.capacity).toBeLessThanOrEqual(0.1);
      for (const note of venue.viewNotes) expect(note.source.length).toBeGreaterThan(10);
    },
  );

  it('matches the documented level totals', () => {
    const byLevel = (id: string) => {
      const out: Record<string, number> = {};
      for (const s of getVenue(id)!.sections)
        out[s.level] = (out[s.level] ?? 0) + s.rows.reduce((n, r) => n + r.seats.length, 0);
      return out;
    };
    const rr = byLevel('richard-rodgers');
    expect(rr.orchestra).toBeGreaterThanOrEqual(760);
    expect(rr.orchestra).toBeLessThanOrEqual(840);
    expect(rr.box).toBe(24); // 8 boxes of 3
    const orpheum = byLevel('orpheum-sf');
    expect(Math.abs(orpheum.orchestra - 1257)).toBeLessThanOrEqual(13);
    expect(orpheum.mezzanine).toBe(448);
    expect(orpheum.balcony).toBe(292);
  });

  it('numbers the Richard Rodgers orchestra like the house: odd house left, even house right, centre 101–114, 41 across at most', () => {
    const rr = getVenue('richard-rodgers')!;
    const section = (id: string) => rr.sections.find((s) => s.id === id)!;
    for (const r of section('orchestra-left').rows) for (const s of r.seats) expect(s.number % 2).toBe(1);
    for (const r of section('orchestra-right').rows) for (const s of r.seats) expect(s.number % 2).toBe(0);
    const centreRowD = section('orchestra-center').rows.find((r) => r.name === 'D')!;
    expect(centreRowD.seats.map((s) => s.number)).toEqual(Array.from({ length: 14 }, (_, i) => 101 + i));
    // Seat 1 is on the aisle (nearest the centre), numbers growing towards the wall.
    const leftD = section('orchestra-left').rows.find((r) => r.name === 'D')!;
    expect(leftD.seats[leftD.seats.length - 1].number).toBe(1);
    const widest = Math.max(
      ...rr.sections[0].rows.map((_, i) =>
        ['orchestra-left', 'orchestra-center', 'orchestra-right'].reduce(
          (n, id) => n + section(id).rows[i].seats.length,
          0,
        ),
      ),
    );
    expect(widest).toBe(41);
  });

  it('puts the CIBC column seats on the right sides (left even 2–6, right odd 1–5)', () => {
    const cibc = getVenue('cibc')!;
    const left = cibc.sections.find((s) => s.id === 'orchestra-left')!;
    const right = cibc.sections.find((s) => s.id === 'orchestra-right')!;
    expect(left.rows.find((r) => r.name === 'V')!.seats.map((s) => s.number)).toEqual(
      expect.arrayContaining([2, 4, 6]),
    );
    expect(right.rows.find((r) => r.name === 'V')!.seats.map((s) => s.number)).toEqual(
      expect.arrayContaining([1, 3, 5]),
    );
    expect(cibc.sections.filter((s) => s.level === 'dress-circle').map((s) => s.rows.length)).toEqual([
      8, 8, 8, 8, 8,
    ]);
  });

  it('raises mezzanines above the orchestra and rakes rows upwards', () => {
    for (const venue of listVenues()) {
      const orch = venue.sections.filter((s) => s.level === 'orchestra');
      const mezz = venue.sections.filter((s) => s.level === 'mezzanine');
      const maxOrch = Math.max(...orch.flatMap((s) => s.rows.map((r) => r.elevation)));
      const minMezz = Math.min(...mezz.flatMap((s) => s.rows.map((r) => r.elevation)));
      expect(minMezz).toBeGreaterThan(maxOrch);
      for (const s of venue.sections) {
        for (let i = 1; i < s.rows.length; i++) {
          expect(s.rows[i].elevation).toBeGreaterThanOrEqual(s.rows[i - 1].elevation);
          expect(s.rows[i].distance).toBeGreaterThan(s.rows[i - 1].distance);
        }
      }
    }
  });
});
