import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  testOrder,
  testOrderEvent,
  type TestDatabase,
} from '@hamiltix/persistence/testing';
import {
  claimKey,
  countStuckOrders,
  createHeldOrder,
  findOrder,
  findStuckOrders,
  flagFailedOrder,
  listingBeforeQuote,
  listingHold,
  markKeyAwaitingAction,
  markOrderAuthorised,
  markOrderBrokerPending,
  markOrderConfirmed,
  markOrderFailed,
  orderPaymentStatus,
  performanceStartsAt,
  queryRows,
  setOrderBrokerOrderId,
  type NewOrderRow,
  type OrderStatus,
} from '../index.js';

const OPEN: OrderStatus[] = ['created', 'authorised', 'broker_pending'];

describe('queries/orders (checkout’s orders, against a migrated database)', () => {
  let db: TestDatabase;
  let listingSeq = 500;
  beforeAll(async () => {
    db = await createTestDatabase('q_orders');
  });
  afterAll(() => db.drop());

  const create = (order: NewOrderRow, available = 4, salesSeen = 0) =>
    createHeldOrder(
      db.dataSource,
      order,
      { id: randomUUID(), provider: 'sandbox' },
      { brokerAvailable: available, salesSeen },
      { id: `key-${order.id}`, storedAnswer: '{"sealedAccessToken":"x"}' },
      testOrderEvent(order.id, 'held'),
    );
  const outbox = (orderId: string) =>
    queryRows<{ subject: string }>(
      db.dataSource,
      `SELECT subject FROM outbox WHERE payload->>'orderId' = $1 ORDER BY id`,
      [orderId],
    );

  it('createHeldOrder: holds, creates the order, its payment, the key link and the held event — or nothing', async () => {
    const listing = String(++listingSeq);
    await claimKey(db.dataSource, 'key-pending', 'h', 60_000);
    const a = testOrder(listing, 3);
    const made = await create(a);
    expect(made).toMatchObject({ ...a, status: 'created', brokerOrderId: null, failureReason: null });
    expect(await findOrder(db.dataSource, a.id)).toEqual(made);
    expect(await orderPaymentStatus(db.dataSource, a.id)).toBe('pending');
    expect(await listingHold(db.dataSource, listing)).toEqual({
      reserved: 3,
      available: 4,
      confirmedSales: 0,
    });
    expect((await outbox(a.id)).map((r) => r.subject)).toEqual(['orders.events.v1.held']);
    // 3 held of 4: an order for 2 does not fit, and leaves no trace.
    const b = testOrder(listing, 2);
    expect(await create(b)).toBeUndefined();
    expect(await findOrder(db.dataSource, b.id)).toBeUndefined();
    expect(await outbox(b.id)).toEqual([]);
    expect(await findOrder(db.dataSource, randomUUID())).toBeUndefined();
  });

  it('moves an order created → authorised → broker_pending → confirmed, each once', async () => {
    const listing = String(++listingSeq);
    const o = testOrder(listing, 2);
    await create(o);
    expect(await markOrderBrokerPending(db.dataSource, o.id)).toBe(false); // not authorised yet
    expect(await markOrderAuthorised(db.dataSource, o.id, 'ref-1')).toBe(true);
    expect(await markOrderAuthorised(db.dataSource, o.id, 'ref-2')).toBe(false);
    expect(await orderPaymentStatus(db.dataSource, o.id)).toBe('authorised');
    expect(await markOrderBrokerPending(db.dataSource, o.id)).toBe(true);
    const confirm = () =>
      markOrderConfirmed(
        db.dataSource,
        { id: o.id, from: OPEN, brokerOrderId: '77' },
        testOrderEvent(o.id, 'confirmed'),
        { id: `key-${o.id}`, status: 201, storedAnswer: '{"body":"{}"}' },
      );
    expect(await confirm()).toBe(true);
    expect(await confirm()).toBe(false);
    expect(await findOrder(db.dataSource, o.id)).toMatchObject({ status: 'confirmed', brokerOrderId: '77' });
    expect(await orderPaymentStatus(db.dataSource, o.id)).toBe('captured');
    // The hold is given back; the sale lowers the ceiling and counts.
    expect(await listingHold(db.dataSource, listing)).toEqual({
      reserved: 0,
      available: 2,
      confirmedSales: 1,
    });
    expect((await outbox(o.id)).map((r) => r.subject)).toEqual([
      'orders.events.v1.held',
      'orders.events.v1.confirmed',
    ]);
  });

  it('markOrderFailed releases the hold once; flagFailedOrder notes it once; setOrderBrokerOrderId', async () => {
    const listing = String(++listingSeq);
    const o = testOrder(listing, 2);
    await create(o);
    const fail = () =>
      markOrderFailed(
        db.dataSource,
        { id: o.id, from: OPEN, reason: 'payment declined', paymentStatus: 'declined' },
        testOrderEvent(o.id, 'failed'),
      );
    expect(await fail()).toBe(true);
    expect(await fail()).toBe(false);
    expect(await listingHold(db.dataSource, listing)).toEqual({
      reserved: 0,
      available: 4,
      confirmedSales: 0,
    });
    expect(await orderPaymentStatus(db.dataSource, o.id)).toBe('declined');
    await flagFailedOrder(db.dataSource, o.id, '91', 'cancel it');
    await flagFailedOrder(db.dataSource, o.id, null, 'cancel it');
    expect(await findOrder(db.dataSource, o.id)).toMatchObject({
      status: 'failed',
      failureReason: 'payment declined; cancel it',
      brokerOrderId: '91',
    });
    await setOrderBrokerOrderId(db.dataSource, o.id, '92');
    expect((await findOrder(db.dataSource, o.id))!.brokerOrderId).toBe('92');
  });

  it('listingBeforeQuote and performanceStartsAt read what ingestion stored, and the sales confirmed', async () => {
    const startsAt = new Date('2026-07-01T23:00:00Z');
    await db.dataSource.query(
      `INSERT INTO shows (id, title, broker_performer_id) VALUES ('hamilton', 'Hamilton', 1) ON CONFLICT DO NOTHING`,
    );
    await db.dataSource.query(
      `INSERT INTO venues (id, broker_venue_id, name, city, time_zone)
       VALUES ('richard-rodgers', 10, 'Richard Rodgers Theatre', 'New York', 'America/New_York') ON CONFLICT DO NOTHING`,
    );
    await db.dataSource.query(
      `INSERT INTO performances (id, show_id, venue_id, starts_at, name) VALUES (900001, 'hamilton', 'richard-rodgers', $1, 'Hamilton')`,
      [startsAt],
    );
    const listing = String(++listingSeq);
    await db.dataSource.query(
      `INSERT INTO listings (id, performance_id, show_id, venue_id, section, section_id, row, seats, quantity, splits,
                             retail_cents, wholesale_cents, fees_cents, all_in_cents, view_notes, content_hash)
       VALUES ($1, 900001, 'hamilton', 'richard-rodgers', 'Orchestra', 'orchestra-center', 'F', '{}', 4, '{2,4}',
               20000, 18000, 3500, 23500, '{}', 'h')`,
      [listing],
    );
    expect(await listingBeforeQuote(db.dataSource, listing)).toEqual({ startsAt, salesSeen: 0 });
    const o = testOrder(listing, 2);
    await create(o);
    await markOrderConfirmed(
      db.dataSource,
      { id: o.id, from: OPEN, brokerOrderId: null },
      testOrderEvent(o.id, 'confirmed'),
    );
    expect(await listingBeforeQuote(db.dataSource, listing)).toEqual({ startsAt, salesSeen: 1 });
    expect(await listingBeforeQuote(db.dataSource, '1')).toEqual({ startsAt: undefined, salesSeen: 0 });
    expect(await performanceStartsAt(db.dataSource, '900001')).toEqual(startsAt);
    expect(await performanceStartsAt(db.dataSource, '1')).toBeUndefined();
  });

  it('findStuckOrders / countStuckOrders: open and untouched, except a key awaiting the buyer within its window', async () => {
    await db.dataSource.query(`UPDATE orders SET status = 'confirmed' WHERE status = ANY($1::text[])`, [
      OPEN,
    ]);
    const listing = String(++listingSeq);
    const [plain, waiting] = [testOrder(listing, 1), testOrder(listing, 1)];
    for (const o of [plain, waiting]) {
      await claimKey(db.dataSource, `key-${o.id}`, 'h', 60_000);
      await create(o);
    }
    await markKeyAwaitingAction(db.dataSource, `key-${waiting.id}`, waiting.id);
    await db.dataSource.query(
      `UPDATE orders SET updated_at = now() - interval '5 minutes' WHERE listing_id = $1`,
      [listing],
    );
    const q = { open: OPEN, olderThanMs: 60_000, actionWindowMs: 15 * 60_000 };
    expect((await findStuckOrders(db.dataSource, q, 10)).map((o) => o.id)).toEqual([plain.id]);
    expect(await countStuckOrders(db.dataSource, q)).toBe(1);
    // Past the window, the waiting one is stuck too.
    const late = { ...q, actionWindowMs: 60_000 };
    expect((await findStuckOrders(db.dataSource, late, 10)).map((o) => o.id).sort()).toEqual(
      [plain.id, waiting.id].sort(),
    );
    expect(await countStuckOrders(db.dataSource, { ...q, olderThanMs: 3_600_000 })).toBe(0);
  });
});
