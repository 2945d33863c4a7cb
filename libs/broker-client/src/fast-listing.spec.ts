import fc from 'fast-check';
import { fastListing } from './fast-listing.js';
import { parseListingRowStrict } from './schemas.js';

const EVENT = 1001;
const anyOf = <T>(...xs: fc.Arbitrary<T>[]) => fc.oneof(...xs);
const junk = anyOf<unknown>(
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -3, max: 5 }),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
  fc.double(),
);
const money = anyOf<unknown>(
  fc.integer({ min: 0, max: 100_000 }).map((c) => c / 100),
  fc.integer({ min: 0, max: 100_000 }).map((c) => (c / 100).toFixed(2)),
  // Not whole cents (the fast path's money shortcut must give way to the decimal parser).
  fc.integer({ min: 0, max: 1_000_000 }).map((m) => m / 1000),
  fc.double({ min: 0, max: 1e7, noNaN: true }),
  junk,
);
const seatNo = anyOf<unknown>(fc.integer({ min: 0, max: 200 }), fc.constant(null), junk);

/** Rows that are mostly right, with any field possibly wrong, missing or in a rare form. */
const row = fc.record(
  {
    id: anyOf<unknown>(fc.integer({ min: 1, max: 1e9 }), fc.constant('12'), junk),
    event: anyOf<unknown>(
      fc.constant({ id: EVENT }),
      fc.constant({ id: 7 }),
      fc.constant({ id: String(EVENT) }),
      junk,
    ),
    event_id: anyOf<unknown>(fc.constant(EVENT), fc.constant(7), junk),
    section: anyOf<unknown>(fc.constantFrom('ORCH', ' Front Mezz ', 'Box A'), fc.constant('  '), junk),
    row: anyOf<unknown>(fc.constantFrom('A', 'GA', ' F'), junk),
    seats: anyOf<unknown>(
      fc.record({ low: seatNo, high: seatNo }, { requiredKeys: [] }),
      fc.record({ low_seat: seatNo, high_seat: seatNo }, { requiredKeys: [] }),
      fc.array(seatNo, { maxLength: 4 }),
      junk,
    ),
    low_seat: seatNo,
    high_seat: seatNo,
    available_quantity: anyOf<unknown>(fc.integer({ min: 0, max: 8 }), fc.constant('4'), junk),
    splits: anyOf<unknown>(
      fc.array(anyOf<unknown>(fc.integer({ min: -1, max: 8 }), fc.constant('2'), fc.double()), {
        maxLength: 4,
      }),
      junk,
    ),
    retail_price: money,
    wholesale_price: money,
    format: anyOf<unknown>(fc.constantFrom('Eticket', ''), junk),
    in_hand: anyOf<unknown>(fc.boolean(), junk),
    in_hand_on: anyOf<unknown>(fc.constant('2026-12-01'), junk),
    instant_delivery: anyOf<unknown>(fc.boolean(), junk),
    public_notes: anyOf<unknown>(fc.constantFrom('Partial view', ''), junk),
    view_type: anyOf<unknown>(fc.constant('Full'), junk),
    wheelchair: anyOf<unknown>(fc.boolean(), junk),
    signature: anyOf<unknown>(fc.string({ minLength: 1, maxLength: 8 }), junk),
  },
  { requiredKeys: [] },
);

describe('fast listing path', () => {
  it('accepts only what the zod schema accepts, with the same result', () => {
    fc.assert(
      fc.property(row, (r) => {
        const fast = fastListing(r, EVENT);
        if (fast === undefined) return;
        const strict = parseListingRowStrict(r, EVENT);
        expect(strict.ok).toBe(true);
        expect(strict.ok && strict.value).toEqual(fast);
      }),
      { numRuns: 5_000 },
    );
  });

  it('takes the common well-formed row', () => {
    const good = {
      id: 5,
      event: { id: EVENT },
      section: 'ORCH',
      row: 'F',
      seats: { low_seat: 1, high_seat: 3 },
      low_seat: 1,
      high_seat: 3,
      available_quantity: 2,
      splits: [2],
      retail_price: '250.00',
      wholesale_price: 200,
      format: 'Eticket',
      in_hand: true,
      public_notes: null,
      signature: 's',
    };
    const strict = parseListingRowStrict(good, EVENT);
    expect(strict.ok && strict.value).toEqual(fastListing(good, EVENT));
    expect(fastListing(good, EVENT)).toMatchObject({
      retailCents: 25000,
      wholesaleCents: 20000,
      lowSeat: 1,
      highSeat: 3,
    });
  });
});
