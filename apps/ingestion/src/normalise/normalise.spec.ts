import type { BrokerEvent, BrokerListing } from '@hamiltix/broker-client';
import { listVenues, resolveSeats } from '@hamiltix/venues';
import fc from 'fast-check';
import { normaliseListing, unstorableReason, type SeatResolver } from './normalise-listing.js';
import { normaliseEvent } from './normalise-event.js';
import { expandSeats } from './seats.js';
import { storableText } from './storable-text.js';
import { fingerprintFields } from './fingerprint.js';
import { performerNameForShow } from './show-name.js';
import { matchVenue, venueKey } from './venue-match.js';
import { mergeViewNotes, notesFromPublicNotes } from './view-notes.js';

const FEES = { buyerFeePercent: 15, perTicketFeeCents: 500 };

function listing(over: Partial<BrokerListing> = {}): BrokerListing {
  return {
    id: 501,
    eventId: 1001,
    section: 'ORCH',
    row: 'F',
    lowSeat: 101,
    highSeat: 104,
    availableQuantity: 4,
    splits: [2, 4],
    retailCents: 25000,
    wholesaleCents: 21000,
    format: 'Eticket',
    inHand: true,
    inHandOn: null,
    instantDelivery: false,
    publicNotes: null,
    viewType: null,
    wheelchair: false,
    signature: 'sig',
    ...over,
  };
}
const ctx = { showId: 'hamilton', performanceId: '1001', venueId: 'richard-rodgers', fees: FEES };
const unresolved: SeatResolver = (venueId) => ({ ok: false, venueId, reason: 'unknown section' });

describe('venue matching', () => {
  const venues = [
    { id: 'richard-rodgers', name: 'Richard Rodgers Theatre', city: 'New York' },
    { id: 'cibc', name: 'CIBC Theatre', city: 'Chicago' },
    { id: 'orpheum-sf', name: 'Orpheum Theatre', city: 'San Francisco' },
    { id: 'orpheum-la', name: 'Orpheum Theatre Los Angeles', city: 'Los Angeles' },
  ];
  it('matches by normalised name, ignoring "The"/"Theater"', () => {
    expect(venueKey('The Richard Rodgers Theater')).toBe('richard rodgers');
    expect(matchVenue({ name: 'The Richard Rodgers Theater' }, venues)?.id).toBe('richard-rodgers');
    expect(matchVenue({ name: 'CIBC THEATRE' }, venues)?.id).toBe('cibc');
    expect(matchVenue({ name: 'Madison Square Garden' }, venues)).toBeUndefined();
  });
  it('uses the city to tell apart venues with similar names', () => {
    expect(matchVenue({ name: 'Orpheum', location: 'Los Angeles, CA' }, venues)?.id).toBe('orpheum-la');
  });
  it('matches every venue of libs/venues by its own name', () => {
    const all = listVenues().map((v) => ({ id: v.id, name: v.name, city: v.city }));
    for (const v of all) expect(matchVenue({ name: v.name }, all)?.id).toBe(v.id);
  });
});

describe('seats', () => {
  it('expands consecutive and odd/even ranges, or gives up', () => {
    expect(expandSeats({ lowSeat: 101, highSeat: 104 }, 4)).toEqual([101, 102, 103, 104]);
    expect(expandSeats({ lowSeat: 1, highSeat: 7 }, 4)).toEqual([1, 3, 5, 7]);
    expect(expandSeats({ lowSeat: 1, highSeat: 9 }, 4)).toEqual([]);
    expect(expandSeats({ lowSeat: 5 }, 1)).toEqual([5]);
    expect(expandSeats({ lowSeat: 5 }, 2)).toEqual([]);
    expect(expandSeats({ seatList: [9, 7, 7] }, 2)).toEqual([7, 9]);
    expect(expandSeats({}, 2)).toEqual([]);
    expect(expandSeats({ lowSeat: 9, highSeat: 3 }, 2)).toEqual([]);
  });
  it('never returns more seats than the quantity for ranges', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 8 }),
        (low, span, q) => {
          const seats = expandSeats({ lowSeat: low, highSeat: low + span }, q);
          expect(seats.length === 0 || seats.length === q).toBe(true);
        },
      ),
    );
  });
});

describe('view notes', () => {
  it('reads obstruction phrases from public notes in one wording', () => {
    expect(notesFromPublicNotes('Partial view, printed on ticket')).toEqual(['Partial view']);
    expect(notesFromPublicNotes('OBSTRUCTED VIEW - behind column')).toEqual([
      'Obstructed view',
      'A column may block part of the stage',
    ]);
    expect(notesFromPublicNotes('Limited view, printed on ticket')).toEqual(['Limited view']);
    expect(notesFromPublicNotes('Aisle')).toEqual([]);
    expect(notesFromPublicNotes(null)).toEqual([]);
  });
  it('reads a note that denies an obstruction as no view problem (it stays in clearView=true)', () => {
    expect(notesFromPublicNotes('No obstruction, aisle')).toEqual([]);
    expect(notesFromPublicNotes('Unobstructed view')).toEqual([]);
    expect(notesFromPublicNotes('Not obstructed, in hand')).toEqual([]);
    expect(notesFromPublicNotes('Partially obstructed view')).toEqual(['Partial view']);
  });
  it("takes the broker's view_type hint when the note says nothing about the view", () => {
    expect(notesFromPublicNotes('Aisle', 'Obstructed')).toEqual(['Obstructed view']);
    expect(notesFromPublicNotes(null, 'Full')).toEqual([]);
    expect(notesFromPublicNotes('No obstruction', 'Obstructed')).toEqual([]);
  });
  it('merges broker and venue notes without duplicates', () => {
    expect(mergeViewNotes(['Partial view'], ['Mezzanine overhang', 'Partial view'])).toEqual([
      'Partial view',
      'Mezzanine overhang',
    ]);
  });
});

describe('normaliseListing', () => {
  it('computes the all-in price per ticket in cents from the fee schedule', () => {
    const n = normaliseListing(listing({ retailCents: 25000 }), ctx, unresolved);
    // 15% of $250 = $37.50, plus $5 per ticket.
    expect(n).toMatchObject({
      retailCents: 25000,
      feesCents: 4250,
      allInCents: 29250,
      wholesaleCents: 21000,
      id: '501',
    });
  });
  it('normalises splits against the quantity; no valid split means no quantity is for sale', () => {
    expect(
      normaliseListing(listing({ availableQuantity: 3, splits: [2, 4, 3, 3] }), ctx, unresolved).splits,
    ).toEqual([2, 3]);
    // The broker refuses every order for it (and checkout too): the pull leaves it out.
    expect(normaliseListing(listing({ availableQuantity: 3, splits: [4] }), ctx, unresolved).splits).toEqual(
      [],
    );
  });
  it('flags rows whose integers do not fit the 32-bit columns (one would fail the whole COPY)', () => {
    expect(unstorableReason(normaliseListing(listing(), ctx, unresolved))).toBeUndefined();
    const huge = [
      listing({ retailCents: 3_000_000_000, wholesaleCents: 1 }),
      listing({ availableQuantity: 3_000_000_000, splits: [] }),
      listing({ lowSeat: 2_147_483_647, highSeat: 2_147_483_650, availableQuantity: 4 }),
    ];
    for (const l of huge)
      expect(unstorableReason(normaliseListing(l, ctx, unresolved))).toMatch(/out of range/);
  });
  it('cleans text Postgres cannot store (NUL, lone surrogates) out of section, row and notes', () => {
    const n = normaliseListing(
      listing({
        section: 'OR\u0000CH',
        row: 'F\u0000',
        publicNotes: 'Partial\u0000 view \uD83D',
        format: 'Etic\u0000ket',
        signature: 'si\u0000g',
      }),
      ctx,
      resolveSeats,
    );
    const clean = normaliseListing(listing({ publicNotes: 'Partial view \uFFFD' }), ctx, resolveSeats);
    expect(n).toEqual(clean);
    expect(n.sectionId).not.toBeNull();
    expect(n.viewNotes).toContain('Partial view');
    expect(unstorableReason(n)).toBeUndefined();
    // A section or row of nothing storable cannot be stored: skipped and counted.
    expect(unstorableReason(normaliseListing(listing({ section: '\u0000' }), ctx, unresolved))).toBe(
      'section has no storable text',
    );
    expect(unstorableReason(normaliseListing(listing({ row: '\u0000 ' }), ctx, unresolved))).toBe(
      'row has no storable text',
    );
  });
  it('storableText leaves storable text alone, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(storableText(s)).toBe(s.replaceAll('\u0000', ''));
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = storableText(s);
        expect(out).not.toContain('\u0000');
        // Valid UTF-16 throughout: encodes to UTF-8 and back unchanged.
        expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
      }),
    );
  });
  it('keeps the broker section when it cannot be resolved', () => {
    const n = normaliseListing(listing({ section: 'Nowhere' }), ctx, unresolved);
    expect(n).toMatchObject({
      section: 'Nowhere',
      sectionId: null,
      seats: [101, 102, 103, 104],
      viewNotes: [],
    });
  });
  it('uses the venue resolver for section ids and known view notes', () => {
    const fake: SeatResolver = (venueId) => ({
      ok: true,
      venueId,
      sectionId: 'orch-center',
      sectionIds: ['orch-center'],
      level: 'orchestra',
      row: 'F',
      seats: [],
      viewNotes: [
        {
          id: 'oh',
          kind: 'overhang',
          text: 'Mezzanine overhang cuts off the top of the stage',
          severity: 0.3,
          where: [],
          source: 'x',
        },
      ],
    });
    const n = normaliseListing(listing({ publicNotes: 'Partial view' }), ctx, fake);
    expect(n.sectionId).toBe('orch-center');
    expect(n.viewNotes).toEqual(['Partial view', 'Mezzanine overhang cuts off the top of the stage']);
  });
  it('keeps a listing whose note denies an obstruction free of view notes (the clearView bug)', () => {
    const n = normaliseListing(
      listing({ publicNotes: 'No obstruction. Aisle', viewType: 'Full' }),
      ctx,
      unresolved,
    );
    expect(n.viewNotes).toEqual([]);
  });
  it('resolves real Richard Rodgers seats through libs/venues', () => {
    const n = normaliseListing(
      listing({
        section: 'Orchestra',
        row: 'F',
        lowSeat: 101,
        highSeat: 102,
        availableQuantity: 2,
        splits: [2],
      }),
      ctx,
      resolveSeats,
    );
    const direct = resolveSeats('richard-rodgers', {
      section: 'Orchestra',
      row: 'F',
      lowSeat: 101,
      highSeat: 102,
      quantity: 2,
    });
    expect(n.sectionId).toBe(direct.ok ? direct.sectionId : null);
  });
});

describe('normaliseEvent', () => {
  const event: BrokerEvent = {
    id: 1001,
    name: 'Hamilton',
    state: 'shown',
    occursAt: new Date('2026-12-06T00:00:00Z'),
    occursAtLocal: '2026-12-05T19:00:00-05:00',
    updatedAt: null,
    venue: { id: 7, name: 'Richard Rodgers Theatre', location: 'New York, NY' },
    configurationId: null,
    performers: [],
    availableCount: null,
    popularityScore: null,
  };
  it('keeps UTC and shows the curtain in the venue zone', () => {
    const p = normaliseEvent(event, 'hamilton', { id: 'richard-rodgers', timeZone: 'America/New_York' });
    expect(p).toMatchObject({
      id: '1001',
      startsAt: event.occursAt,
      startsAtLocal: '2026-12-05T19:00:00-05:00',
      zoneMismatch: false,
    });
  });
  it('flags a broker local time that disagrees with the venue zone', () => {
    const p = normaliseEvent(event, 'hamilton', { id: 'cibc', timeZone: 'America/Chicago' });
    expect(p.startsAtLocal).toBe('2026-12-05T18:00:00-06:00');
    expect(p.zoneMismatch).toBe(true);
  });
  it('cleans NUL out of the event name and state', () => {
    const p = normaliseEvent({ ...event, name: 'Hamil\u0000ton', state: 'shown\u0000' }, 'hamilton', {
      id: 'richard-rodgers',
      timeZone: 'America/New_York',
    });
    expect({ name: p.name, state: p.state }).toEqual({ name: 'Hamilton', state: 'shown' });
  });
});

describe('show names', () => {
  it('maps slugs to performer names', () => {
    expect(performerNameForShow('hamilton')).toBe('Hamilton');
    expect(performerNameForShow('dear-evan-hansen')).toBe('Dear Evan Hansen');
  });
});

describe('fingerprint', () => {
  it('is stable and tells different listings apart', () => {
    expect(fingerprintFields(['abc'])).toBe(fingerprintFields(['abc']));
    expect(fingerprintFields(['abc'])).toMatch(/^[0-9a-f]{16}$/);
    const seen = new Set(
      Array.from({ length: 10_000 }, (_, i) => fingerprintFields([`listing ${i}`, 25000])),
    );
    expect(seen.size).toBe(10_000);
  });
  it('changes with the price', () => {
    const a = normaliseListing(listing(), ctx, unresolved);
    expect(normaliseListing(listing(), ctx, unresolved).contentHash).toBe(a.contentHash);
    expect(normaliseListing(listing({ retailCents: 25100 }), ctx, unresolved).contentHash).not.toBe(
      a.contentHash,
    );
  });
});
