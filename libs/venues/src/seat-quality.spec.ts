import fc from 'fast-check';
import { getVenue, listVenues, seatQuality, type SeatQualityInput, viewNotesFor } from './index.js';

/** Every mapped seat, as (venue, section, row, seat). */
const allSeats = listVenues().flatMap((v) =>
  v.sections.flatMap((s) =>
    s.rows.flatMap((r) =>
      r.seats.map((seat) => ({ venueId: v.id, section: s.id, row: r.name, seat: seat.number })),
    ),
  ),
);
const anySeat = fc.constantFrom(...allSeats);
const q = (input: SeatQualityInput) => seatQuality(input).quality;
const rrCentre = (row: string, seat: number) =>
  q({ venueId: 'richard-rodgers', section: 'orchestra-center', row, seats: [seat] });

describe('seatQuality', () => {
  it('is within 0..100 with confidence 0..1, for mapped seats and any input at all', () => {
    fc.assert(
      fc.property(anySeat, fc.option(fc.string()), (s, notes) => {
        const r = seatQuality({ venueId: s.venueId, section: s.section, row: s.row, seats: [s.seat], notes });
        expect(r.quality).toBeGreaterThanOrEqual(0);
        expect(r.quality).toBeLessThanOrEqual(100);
        expect(r.confidence).toBe(1);
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('richard-rodgers', 'cibc', 'hollywood-pantages', 'orpheum-sf', 'kennedy-center'),
        fc.string(),
        fc.string(),
        fc.option(fc.array(fc.integer({ min: -5, max: 400 }), { maxLength: 8 })),
        fc.option(fc.string()),
        (venueId, section, row, seats, notes) => {
          const r = seatQuality({ venueId, section, row, seats, notes });
          expect(r.quality).toBeGreaterThanOrEqual(0);
          expect(r.quality).toBeLessThanOrEqual(100);
          expect(r.confidence).toBeGreaterThan(0);
          expect(r.confidence).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('is deterministic: the same seat always gets the same answer', () => {
    fc.assert(
      fc.property(anySeat, fc.constantFrom(undefined, 'Obstructed view', 'Aisle'), (s, notes) => {
        const input = { venueId: s.venueId, section: s.section, row: s.row, seats: [s.seat], notes };
        expect(seatQuality(input)).toEqual(seatQuality({ ...input }));
      }),
    );
  });

  it('ranks Richard Rodgers centre orchestra D–J above row AA, the rear mezzanine and the rows under the overhang', () => {
    const centreRows = ['D', 'E', 'F', 'G', 'H', 'J'];
    const rr = getVenue('richard-rodgers')!;
    const rearMezz = rr.sections
      .filter((s) => s.id.startsWith('rear-mezzanine'))
      .flatMap((s) => s.rows.flatMap((r) => r.seats.map((x) => ({ s: s.id, r: r.name, n: x.number }))));
    fc.assert(
      fc.property(
        fc.constantFrom(...centreRows),
        fc.integer({ min: 101, max: 114 }),
        fc.constantFrom(...rearMezz),
        fc.integer({ min: 102, max: 111 }),
        (row, seat, rm, front) => {
          const best = rrCentre(row, seat);
          expect(best).toBeGreaterThan(rrCentre('AA', front));
          expect(best).toBeGreaterThan(
            q({ venueId: 'richard-rodgers', section: rm.s, row: rm.r, seats: [rm.n] }),
          );
          for (const back of ['T', 'W', 'X']) expect(best).toBeGreaterThan(rrCentre(back, seat));
        },
      ),
    );
  });

  it('charges the overhang after row S at the Richard Rodgers', () => {
    expect(rrCentre('S', 107) - rrCentre('T', 107)).toBeGreaterThan(10);
    expect(
      seatQuality({ venueId: 'richard-rodgers', section: 'orchestra-center', row: 'W', seats: [107] }).factors
        .viewNotes,
    ).toEqual(['mezzanine-overhang']);
  });

  it('lets the overhang grow row by row under the Richard Rodgers mezzanine, not in two steps', () => {
    const rows = ['R', 'S', 'T', 'U', 'V', 'W', 'X'];
    const overhang = (row: string) =>
      seatQuality({ venueId: 'richard-rodgers', section: 'orchestra-center', row, seats: [107] }).factors
        .mapObstruction;
    for (let i = 1; i < rows.length; i++) {
      expect(rrCentre(rows[i], 107)).toBeLessThan(rrCentre(rows[i - 1], 107));
      if (i > 1) expect(overhang(rows[i])).toBeGreaterThan(overhang(rows[i - 1]));
    }
    // Several distinct steps, not one jump from "begins" to "deep".
    const steps = rows.slice(2).map((r, i) => overhang(r) - overhang(rows[i + 1]));
    expect(steps.filter((s) => s > 0.03).length).toBeGreaterThanOrEqual(4);
  });

  it("does not charge the map's own notes again when a listing carries copies of them", () => {
    fc.assert(
      fc.property(anySeat, (s) => {
        const base = { venueId: s.venueId, section: s.section, row: s.row, seats: [s.seat] };
        const copies = viewNotesFor(s.venueId, s.section, s.row, [s.seat]).map((n) => n.text);
        const old = getVenue(s.venueId)!.viewNotes.map((n) => n.text);
        expect(seatQuality({ ...base, notes: [...copies, ...old] }).quality).toBe(seatQuality(base).quality);
      }),
    );
  });

  it('lowers quality for an obstruction named in the listing text, without double-counting the map', () => {
    fc.assert(
      fc.property(
        anySeat,
        fc.constantFrom(
          'Obstructed view',
          'Partial view',
          'Limited view',
          'Limited or obstructed view',
          'side view',
        ),
        (s, notes) => {
          const base = { venueId: s.venueId, section: s.section, row: s.row, seats: [s.seat] };
          const plain = seatQuality(base);
          const noted = seatQuality({ ...base, notes });
          expect(noted.quality).toBeLessThanOrEqual(plain.quality);
          // (A map obstruction within a point of the text's moves the quality less than its rounding.)
          if (plain.factors.mapObstruction < noted.factors.textObstruction - 0.01)
            expect(noted.quality).toBeLessThan(plain.quality);
        },
      ),
    );
    // The CIBC column already costs 0.35: "Obstructed view" on that seat names the same obstruction.
    const column = { venueId: 'cibc', section: 'orchestra-left', row: 'W', seats: [4] };
    expect(q({ ...column, notes: 'Obstructed view' })).toBe(q(column));
    // A side-angle seat told "Obstructed view" takes the stronger of the two, not both.
    const side = { venueId: 'richard-rodgers', section: 'orchestra-left', row: 'F', seats: [17] };
    const sideNoted = seatQuality({ ...side, notes: 'Obstructed view' });
    expect(sideNoted.factors.obstruction).toBeCloseTo(0.35);
  });

  it('scores the CIBC seats behind the row-U columns (rows V+) below their unobstructed neighbours', () => {
    const rows = ['V', 'W', 'X', 'Y', 'Z'];
    fc.assert(
      fc.property(
        fc.constantFrom(...rows),
        fc.constantFrom(2, 4, 6),
        fc.constantFrom(8, 10),
        (row, behind, beside) => {
          expect(q({ venueId: 'cibc', section: 'orchestra-left', row, seats: [behind] })).toBeLessThan(
            q({ venueId: 'cibc', section: 'orchestra-left', row, seats: [beside] }),
          );
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...rows),
        fc.constantFrom(1, 3, 5),
        fc.constantFrom(7, 9),
        (row, behind, beside) => {
          expect(q({ venueId: 'cibc', section: 'ORCH', row, seats: [behind] })).toBeLessThan(
            q({ venueId: 'cibc', section: 'ORCH', row, seats: [beside] }),
          );
        },
      ),
    );
    // Row U itself (the columns' row) is not behind them.
    expect(
      seatQuality({ venueId: 'cibc', section: 'orchestra-left', row: 'U', seats: [4] }).factors.viewNotes,
    ).toEqual([]);
  });

  it('gives seats unknown to the map a sensible quality with lower confidence', () => {
    const exact = seatQuality({
      venueId: 'richard-rodgers',
      section: 'orchestra-center',
      row: 'K',
      seats: [107],
    });
    const rowOnly = seatQuality({ venueId: 'richard-rodgers', section: 'Orch Center', row: 'K' });
    const group = seatQuality({ venueId: 'richard-rodgers', section: 'ORCH', row: 'K' });
    const mezz = seatQuality({ venueId: 'richard-rodgers', section: 'Mezz', row: 'C' });
    const oddRow = seatQuality({ venueId: 'richard-rodgers', section: 'ORCH', row: 'Y' });
    const oddName = seatQuality({ venueId: 'richard-rodgers', section: 'Orchestra Pit Seats', row: 'C' });
    const noVenue = seatQuality({ venueId: 'paramount-seattle', section: 'Orchestra', row: 'C' });
    expect(exact.confidence).toBe(1);
    expect(rowOnly.confidence).toBeLessThan(1);
    expect(group.confidence).toBeLessThan(rowOnly.confidence + 1e-9);
    for (const r of [mezz, oddRow, oddName, noVenue]) expect(r.confidence).toBeLessThanOrEqual(0.7);
    expect(noVenue.confidence).toBeLessThan(oddRow.confidence);
    // Sensible: near the row's real seats, and an unknown back row below a known front one.
    expect(Math.abs(rowOnly.quality - exact.quality)).toBeLessThan(10);
    expect(oddRow.factors.basis).toBe('estimated-row');
    expect(oddRow.quality).toBeLessThan(rowOnly.quality);
    expect(oddName.factors.level).toBe('orchestra');
    expect(seatQuality({ venueId: 'paramount-seattle', section: 'Balcony', row: 'Q' }).quality).toBeLessThan(
      noVenue.quality,
    );
  });

  it('takes the mean of the seats for a multi-seat listing, however the seats are given', () => {
    const one = (n: number) =>
      q({ venueId: 'richard-rodgers', section: 'orchestra-left', row: 'M', seats: [n] });
    const mean = (one(15) + one(17) + one(19) + one(21)) / 4;
    const bySeats = q({
      venueId: 'richard-rodgers',
      section: 'orchestra-left',
      row: 'M',
      seats: [15, 17, 19, 21],
    });
    const byRange = q({
      venueId: 'richard-rodgers',
      section: 'ORCH',
      row: 'M',
      lowSeat: 15,
      highSeat: 21,
      quantity: 4,
    });
    const byLow = q({
      venueId: 'richard-rodgers',
      section: 'Left Orchestra',
      row: 'M',
      lowSeat: 15,
      quantity: 4,
    });
    expect(bySeats).toBeCloseTo(mean, 0);
    expect(byRange).toBe(bySeats);
    expect(byLow).toBe(bySeats);
  });

  it('names the map notes and the text it read in the factors', () => {
    const r = seatQuality({
      venueId: 'richard-rodgers',
      section: 'Box A',
      row: '1',
      seats: [1, 2],
      notes: 'Aisle; partial view',
    });
    // The box's computed sightline: the proscenium hides the stage's house-left edge.
    expect(r.factors.viewNotes).toEqual(['proscenium-left']);
    expect(r.factors.textNotes).toEqual(['partial']);
    expect(r.factors.aisle).toBe(true);
    expect(r.factors.basis).toBe('seats');
  });
});
