import type { DataSource } from 'typeorm';
import {
  createTestDatabase,
  listingRows,
  priceHistory,
  type TestDatabase,
} from '@hamiltix/persistence/testing';
import { normaliseListing, type NormalisedListing } from '../normalise/normalise-listing.js';
import type { BrokerListing } from '@hamiltix/broker-client';
import { arrayLiteral, copyField } from '@hamiltix/persistence';
import { ListingStore, type ListingMergeInput } from './listing-store.js';

const FEES = { buyerFeePercent: 15, perTicketFeeCents: 500 };
const noResolve = (venueId: string) => ({ ok: false as const, venueId, reason: 'test' });

function broker(id: number, over: Partial<BrokerListing> = {}): BrokerListing {
  return {
    id,
    eventId: 1,
    section: 'Orchestra',
    row: 'F',
    lowSeat: 1,
    highSeat: 2,
    availableQuantity: 2,
    splits: [2],
    retailCents: 10000,
    wholesaleCents: 9000,
    format: 'Eticket',
    inHand: false,
    inHandOn: null,
    instantDelivery: false,
    publicNotes: null,
    viewType: null,
    wheelchair: false,
    signature: `s${id}`,
    ...over,
  };
}
const norm = (perf: string, l: BrokerListing) =>
  normaliseListing(
    l,
    { showId: 'hamilton', performanceId: perf, venueId: 'richard-rodgers', fees: FEES },
    noResolve,
  );

describe('copy encoding', () => {
  it('escapes COPY text and array literals', () => {
    expect(copyField('a\tb\nc\\d')).toBe('a\\tb\\nc\\\\d');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(true)).toBe('t');
    expect(arrayLiteral([1, 2])).toBe('{1,2}');
    expect(arrayLiteral(['a "b"', 'c\\d', 'x,y'])).toBe('{"a \\"b\\"","c\\\\d","x,y"}');
    expect(arrayLiteral([])).toBe('{}');
  });
});

describe('ListingStore (real Postgres)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const store = new ListingStore();

  beforeAll(async () => {
    db = await createTestDatabase('ingestion_store');
    ds = db.dataSource;
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function merge(input: Partial<ListingMergeInput> & { listings: readonly NormalisedListing[] }) {
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      const r = await store.merge(qr, { replacedPerformanceIds: [], keepIds: [], at: new Date(), ...input });
      await qr.commitTransaction();
      return r;
    } catch (e) {
      await qr.rollbackTransaction();
      throw e;
    } finally {
      await qr.release();
    }
  }
  const active = () => listingRows(ds, { activeOnly: true });

  it('inserts new listings with a first price-history row, round-tripping awkward text', async () => {
    const weird = 'Partial view\tbehind "pole"\nback\\slash, {brace}';
    const r = await merge({
      listings: [norm('10', broker(1)), norm('10', broker(2, { publicNotes: weird })), norm('11', broker(3))],
      replacedPerformanceIds: ['10', '11'],
    });
    expect(r).toMatchObject({
      added: 3,
      changed: 0,
      removed: 0,
      priceChanges: 3,
      performanceIds: ['10', '11'],
    });
    const rows = await active();
    expect(rows.map((x) => x.id)).toEqual(['1', '2', '3']);
    expect(rows[1].public_notes).toBe(weird);
    expect(rows[1].view_notes).toEqual(['Partial view', 'A column may block part of the stage']);
    expect(rows[0]).toMatchObject({ all_in_cents: 12000, seats: [1, 2] });
  });

  it('writes nothing when nothing changed', async () => {
    const r = await merge({
      listings: [
        norm('10', broker(1)),
        norm('10', broker(2, { publicNotes: 'Partial view\tbehind "pole"\nback\\slash, {brace}' })),
        norm('11', broker(3)),
      ],
      replacedPerformanceIds: ['10', '11'],
    });
    expect(r).toMatchObject({ added: 0, changed: 0, removed: 0, priceChanges: 0, performanceIds: [] });
  });

  it('reprices (history row), marks gone, and keeps garbled rows and unreplaced performances', async () => {
    const r = await merge({
      listings: [norm('10', broker(1, { retailCents: 12000 }))],
      replacedPerformanceIds: ['10'],
      keepIds: [],
    });
    expect(r).toMatchObject({ added: 0, changed: 1, removed: 1, priceChanges: 1, performanceIds: ['10'] });
    expect((await active()).map((x) => x.id)).toEqual(['1', '3']); // 3 is on performance 11: not replaced
    const hist = await priceHistory(ds, '1');
    expect(hist).toEqual([12000, 14300]);

    // Listing 3 came back garbled (id known): kept; nothing else on 11.
    const r2 = await merge({ listings: [], replacedPerformanceIds: ['11'], keepIds: ['3'] });
    expect(r2.removed).toBe(0);
    expect((await active()).map((x) => x.id)).toEqual(['1', '3']);
  });

  it('brings back a listing that reappears (counted as added, new history row)', async () => {
    const r = await merge({
      listings: [norm('10', broker(1, { retailCents: 12000 })), norm('10', broker(2))],
      replacedPerformanceIds: ['10'],
    });
    expect(r).toMatchObject({ added: 1, changed: 0, removed: 0 });
    const rows = (await listingRows(ds, { ids: ['2'] })).map((l) => ({
      removed_at: l.removed_at,
      older: l.first_seen_at < l.updated_at,
    }));
    expect(rows[0]).toEqual({ removed_at: null, older: true });
  });

  it('keeps the first of two rows with one new id (no primary-key failure)', async () => {
    const r = await merge({
      listings: [norm('11', broker(500)), norm('11', broker(500, { retailCents: 99_900 }))],
    });
    expect(r).toMatchObject({ added: 1, changed: 0, removed: 0, priceChanges: 1 });
    const rows = (await listingRows(ds, { ids: ['500'] })).map((l) => ({ retail_cents: l.retail_cents }));
    expect(rows).toEqual([{ retail_cents: broker(500).retailCents }]);
  });

  describe('merging batches while the pull is still reading (MergePipeline)', () => {
    /** Runs `body` with an open pipeline in a transaction; commits unless it throws. */
    async function withPipeline<T>(
      perfs: string[],
      body: (p: Awaited<ReturnType<ListingStore['open']>>) => Promise<T>,
    ): Promise<T> {
      const qr = ds.createQueryRunner();
      await qr.connect();
      await qr.startTransaction();
      const p = await store.open(qr, new Date(), perfs);
      try {
        const out = await body(p);
        await qr.commitTransaction();
        return out;
      } catch (e) {
        await p.abort();
        await qr.rollbackTransaction();
        throw e;
      } finally {
        await qr.release();
      }
    }
    const state = async () =>
      (await listingRows(ds))
        .filter((l) => Number(l.id) >= 100 && Number(l.id) <= 199)
        .map((l) => ({
          id: l.id,
          perf: l.performance_id,
          active: l.active,
          all_in_cents: l.all_in_cents,
          hist: l.history,
        }));

    it('takes events batch by batch: new rows COPYed in, known ones merged, removals at the end', async () => {
      // Before: 101, 102, 103 on performance 20; 104 on 21; 105 once on 20, gone since.
      await merge({
        listings: [101, 102, 103, 105].map((id) => norm('20', broker(id))).concat(norm('21', broker(104))),
        replacedPerformanceIds: ['20', '21'],
      });
      await merge({
        listings: [101, 102, 103].map((id) => norm('20', broker(id))),
        replacedPerformanceIds: ['20'],
      });
      expect((await state()).find((r) => r.id === '105')?.active).toBe(false);

      const r = await withPipeline(['20', '21'], async (p) => {
        // Event of performance 21 first: 104 unchanged, 103 moved here from 20, 106 new.
        p.write([norm('21', broker(104)), norm('21', broker(103)), norm('21', broker(106))]);
        await p.idle();
        // Then performance 20: 101 repriced, 105 back, 107 new; 102 no longer listed.
        p.write([
          norm('20', broker(101, { retailCents: 11000 })),
          norm('20', broker(105)),
          norm('20', broker(107)),
        ]);
        await p.idle();
        return p.finish({ replacedPerformanceIds: ['20', '21'], keepIds: [] });
      });
      expect(r).toMatchObject({ added: 3, changed: 2, removed: 1, priceChanges: 4 });
      expect(r.timings.batches).toBe(2);
      expect(r.performanceIds).toEqual(['20', '21']);
      expect(await state()).toEqual([
        { id: '101', perf: '20', active: true, all_in_cents: 13150, hist: 2 },
        { id: '102', perf: '20', active: false, all_in_cents: 12000, hist: 1 },
        { id: '103', perf: '21', active: true, all_in_cents: 12000, hist: 1 },
        { id: '104', perf: '21', active: true, all_in_cents: 12000, hist: 1 },
        { id: '105', perf: '20', active: true, all_in_cents: 12000, hist: 2 },
        { id: '106', perf: '21', active: true, all_in_cents: 12000, hist: 1 },
        { id: '107', perf: '20', active: true, all_in_cents: 12000, hist: 1 },
      ]);
    });

    it('makes the reader wait while too many rows wait for Postgres (room), never losing one', async () => {
      const r = await withPipeline(['20', '21'], async (p) => {
        await p.room(2); // nothing pending: at once
        p.write([norm('21', broker(104)), norm('21', broker(103))]);
        p.write([norm('20', broker(101)), norm('20', broker(105))]);
        // 2 rows went into the first batch at once; the 2 of the second event wait for it.
        let roomy = false;
        const room = p.room(2).then(() => (roomy = true));
        expect(roomy).toBe(false);
        await room;
        await p.idle();
        await p.room(2);
        return p.finish({ replacedPerformanceIds: [], keepIds: [] });
      });
      expect(r.timings.batches).toBe(2);
      expect(r.added + r.changed).toBeLessThanOrEqual(4);
      expect((await state()).filter((x) => ['101', '103', '104', '105'].includes(x.id)).length).toBe(4);
    });

    it('spares kept ids and performances not replaced; a failed batch leaves nothing behind', async () => {
      const before = await state();
      const r = await withPipeline(['20', '21'], async (p) => {
        p.write([norm('21', broker(104))]);
        return p.finish({ replacedPerformanceIds: ['21'], keepIds: ['106'] });
      });
      // 103 is not listed and not kept: gone; 106 garbled (kept); performance 20 not replaced.
      expect(r).toMatchObject({ added: 0, changed: 0, removed: 1 });
      expect((await state()).filter((x) => !x.active).map((x) => x.id)).toEqual(['102', '103']);

      const now = await state();
      await expect(
        withPipeline(['20'], async (p) => {
          p.write([norm('20', broker(108))]);
          await p.idle();
          // A row Postgres cannot take (COPY refuses NaN) fails its batch, and the pull.
          p.write([{ ...norm('20', broker(109)), quantity: Number.NaN }]);
          await p.idle();
          // The reader learns at its next wait for room, and stops reading the broker.
          await expect(p.room()).rejects.toThrow(/NaN/);
          return p.finish({ replacedPerformanceIds: ['20'], keepIds: [] });
        }),
      ).rejects.toThrow(/NaN/);
      expect(await state()).toEqual(now);
      expect(before.length).toBe(now.length);
    });
  });
});
