import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  insertTestPerformance,
  setTestHold,
  testOrder,
  testOrderEvent,
  type TestDatabase,
} from '@hamiltix/persistence/testing';
import {
  createHeldOrder,
  listingHold,
  markOrderConfirmed,
  markOrderFailed,
  purgeSpentHolds,
  type OrderStatus,
} from '../index.js';

const OPEN: OrderStatus[] = ['created', 'authorised', 'broker_pending'];

/** The hold (holdUpsert, run by createHeldOrder) and its bookkeeping, on a migrated database. */
describe('queries/reservations (listing_reservations)', () => {
  let db: TestDatabase;
  let listingSeq = 100;
  beforeAll(async () => {
    db = await createTestDatabase('q_reservations');
  });
  afterAll(() => db.drop());

  /** Holds `quantity` seats for a new order against a re-quote of `available`, read when `salesSeen` sales were confirmed. */
  const hold = async (listing: string, quantity: number, available: number, salesSeen: number) => {
    const order = testOrder(listing, quantity);
    const made = await createHeldOrder(
      db.dataSource,
      order,
      { id: randomUUID(), provider: 'sandbox' },
      { brokerAvailable: available, salesSeen },
      { id: 'no-key', storedAnswer: '{}' },
      testOrderEvent(order.id, 'held'),
    );
    return made?.id;
  };
  const confirm = (id: string) =>
    markOrderConfirmed(
      db.dataSource,
      { id, from: OPEN, brokerOrderId: null },
      testOrderEvent(id, 'confirmed'),
    );

  it('listingHold is zero for a listing never held', async () => {
    expect(await listingHold(db.dataSource, '1')).toEqual({ reserved: 0, available: 0, confirmedSales: 0 });
  });

  it('open holds stay within the latest re-quote; a failed order gives its seats back', async () => {
    const listing = String(++listingSeq);
    const a = (await hold(listing, 2, 4, 0))!;
    expect(await hold(listing, 2, 4, 0)).toBeDefined();
    expect(await hold(listing, 1, 4, 0)).toBeUndefined();
    expect(await listingHold(db.dataSource, listing)).toEqual({
      reserved: 4,
      available: 4,
      confirmedSales: 0,
    });
    await markOrderFailed(
      db.dataSource,
      { id: a, from: OPEN, reason: 'declined', paymentStatus: 'declined' },
      testOrderEvent(a, 'failed'),
    );
    expect(await hold(listing, 2, 4, 0)).toBeDefined();
  });

  it('a re-quote read before a sale counts that sale; one read after it is believed (a restock sells again)', async () => {
    const listing = String(++listingSeq);
    const sold = (await hold(listing, 4, 4, 0))!;
    await confirm(sold);
    expect(await listingHold(db.dataSource, listing)).toEqual({
      reserved: 0,
      available: 0,
      confirmedSales: 1,
    });
    // Quoted before the sale (it still shows 4): refused.
    expect(await hold(listing, 4, 4, 0)).toBeUndefined();
    expect(await hold(listing, 1, 4, 0)).toBeUndefined();
    // Quoted after it: the broker restocked 4, all sellable.
    expect(await hold(listing, 4, 4, 1)).toBeDefined();
    expect(await listingHold(db.dataSource, listing)).toEqual({
      reserved: 4,
      available: 4,
      confirmedSales: 1,
    });
  });

  it('Postgres itself refuses holds beyond the ceiling (CHECK)', async () => {
    const listing = String(++listingSeq);
    await hold(listing, 2, 2, 0);
    await expect(
      db.dataSource.query(
        `UPDATE listing_reservations SET reserved_quantity = reserved_quantity + 1 WHERE listing_id = $1`,
        [listing],
      ),
    ).rejects.toMatchObject({ driverError: { code: '23514' } });
  });

  it('purgeSpentHolds deletes idle rows of performances that have begun or listings no longer stored, nothing else', async () => {
    const now = new Date('2027-03-01T12:00:00Z');
    const hour = 3_600_000;
    await insertTestPerformance(db.dataSource, '9001', new Date(now.getTime() - hour), '900101');
    await insertTestPerformance(db.dataSource, '9002', new Date(now.getTime() + hour), '900201');
    await setTestHold(db.dataSource, '900101', 0); // performance begun, no hold: spent
    await setTestHold(db.dataSource, '900199', 0); // listing not stored: spent
    await setTestHold(db.dataSource, '900201', 0); // performance ahead: kept for a restock
    await insertTestPerformance(db.dataSource, '9003', new Date(now.getTime() - hour), '900301');
    await setTestHold(db.dataSource, '900301', 2); // an order still in flight: kept
    // At least those two (the earlier tests' idle rows of unstored listings go too).
    expect(await purgeSpentHolds(db.dataSource, now)).toBeGreaterThanOrEqual(2);
    expect((await listingHold(db.dataSource, '900101')).available).toBe(0);
    expect((await listingHold(db.dataSource, '900199')).available).toBe(0);
    expect(await listingHold(db.dataSource, '900201')).toEqual({
      reserved: 0,
      available: 4,
      confirmedSales: 0,
    });
    expect((await listingHold(db.dataSource, '900301')).reserved).toBe(2);
    expect(await purgeSpentHolds(db.dataSource, now)).toBe(0);
  });
});
