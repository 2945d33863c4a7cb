import { randomUUID } from 'node:crypto';
import { findOrder, listingHold } from '@hamiltix/persistence';
import {
  ageOrder,
  createTestDatabase,
  forceHold,
  idempotencyRows,
  insertTestPerformance,
  keyOfOrder,
  leaveKeysInProgress,
  orderEvents,
  ordersOfListing,
  type TestDatabase,
} from '@hamiltix/persistence/testing';
import { checkoutHarness, HARNESS_NOW, orderBody } from '../../test/support/checkout-harness.js';
import { InMemoryBroker } from '../../test/support/in-memory-broker.js';
import { PaymentProviderError } from '../payments/payment-provider.js';
import { hashAccessToken } from './access-token.js';
import { buyerFailureReason, GENERAL_FAILURE } from './buyer-failure-reason.js';
import { orderView } from './order-view.js';

/**
 * The purchase flow's use cases over real Postgres, with a substitute broker where the
 * test needs one to misbehave (the HTTP tests in checkout.e2e.spec.ts use the real sandbox).
 */
describe('PlaceOrder / GetOrder / ReconcileOrders (Postgres)', () => {
  let db: TestDatabase;
  let listingSeq = 1000;
  beforeAll(async () => {
    db = await createTestDatabase('checkout_usecases');
  });
  afterAll(async () => {
    await db.drop();
  });

  const setup = (overrides?: Parameters<typeof checkoutHarness>[2]) => {
    const broker = new InMemoryBroker();
    const h = checkoutHarness(db.dataSource, broker, overrides);
    const listing = broker.addListing({ id: ++listingSeq });
    return { broker, listing, ...h };
  };
  /** Seats of a listing held by orders in flight. */
  const reserved = async (listingId: number | string) =>
    (await listingHold(db.dataSource, String(listingId))).reserved;
  const waitUntil = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
  };
  /** How many orders a listing has (any state). */
  const orderCount = async (listingId: number | string) =>
    (await ordersOfListing(db.dataSource, listingId)).length;
  /** The order's events as the relay will publish them (written in the order's own statement). */
  const outboxEvents = (orderId: string) => orderEvents(db.dataSource, orderId);

  describe('the sales cut-off (clock pinned at HARNESS_NOW)', () => {
    const now = new Date(HARNESS_NOW).getTime();
    let perfSeq = 700_000;
    /** A performance starting `minutes` after now; the listing stored as ingestion would, or not at all. */
    const performanceIn = async (minutes: number, listingId: number, stored: boolean) => {
      const perf = String(++perfSeq);
      await insertTestPerformance(
        db.dataSource,
        perf,
        new Date(now + minutes * 60_000),
        stored ? String(listingId) : undefined,
      );
      return Number(perf);
    };

    it.each([
      ['stored listing', true],
      ['listing new to us (judged by its broker event)', false],
    ])(
      'sells 5 minutes before the cut-off and refuses 409 performance_closed a minute after it (%s)',
      async (_, stored) => {
        for (const [minutes, expected] of [
          [65, 201],
          [59, 409],
          [-1, 409],
        ] as const) {
          const { placeOrder, broker } = setup();
          const listing = broker.addListing({ id: ++listingSeq });
          listing.eventId = await performanceIn(minutes, listing.id, stored);
          broker.listings.set(listing.id, listing);
          const res = await placeOrder.execute({ idempotencyKey: randomUUID(), body: orderBody(listing.id) });
          expect(res.status).toBe(expected);
          if (expected === 409) {
            expect(res.body).toMatchObject({
              reason: 'performance_closed',
              message: expect.stringMatching(/Sales for this performance have closed/),
            });
            expect(broker.createOrderCalls).toBe(0);
            expect(await orderCount(String(listing.id))).toBe(0);
          }
        }
      },
    );
  });

  it('sells, charges on acceptance, raises the purchase alert and lets only the token holder read the order', async () => {
    const { placeOrder, getOrder, listing, payments, alerts } = setup();
    const res = await placeOrder.execute({ idempotencyKey: randomUUID(), body: orderBody(listing.id) });
    expect(res.status).toBe(201);
    const order = res.body as { id: string; status: string; accessToken: string; total: { amount: number } };
    expect(order.status).toBe('confirmed');
    expect(order.total.amount).toBe(47_000);
    expect(await payments.stateOf(order.id)).toBe('captured');
    const events = await outboxEvents(order.id);
    // Held with the order (ranking takes the seats off sale), then confirmed.
    expect(events.map((e) => e.subject)).toEqual(['orders.events.v1.held', 'orders.events.v1.confirmed']);
    expect(events[0].payload).toMatchObject({
      orderId: order.id,
      status: 'held',
      quantity: 2,
      totalCents: 0,
    });
    expect(events[1].payload).toMatchObject({ orderId: order.id, status: 'confirmed', totalCents: 47_000 });
    expect(alerts.alerts).toHaveLength(1);
    expect(alerts.alerts[0].kind).toBe('purchase');
    expect(JSON.stringify(alerts.alerts)).not.toContain('angelica');

    const [stored] = await ordersOfListing(db.dataSource, listing.id);
    expect(stored.accessTokenHash).toBe(hashAccessToken(order.accessToken));
    expect(JSON.stringify(await idempotencyRows(db.dataSource))).not.toContain(order.accessToken);

    expect(
      (await getOrder.execute({ id: order.id, authorization: `Bearer ${order.accessToken}` })).status,
    ).toBe(200);
    for (const authorization of [
      undefined,
      '',
      'Bearer nope-nope-nope-nope',
      `Bearer ${order.accessToken}x`,
      order.accessToken,
    ]) {
      const r = await getOrder.execute({ id: order.id, authorization });
      expect(r.status).toBe(404);
    }
    const unknown = await getOrder.execute({
      id: randomUUID(),
      authorization: `Bearer ${order.accessToken}`,
    });
    expect(unknown).toEqual(
      await getOrder.execute({ id: order.id, authorization: 'Bearer wrongwrongwrongwrong' }),
    );
  });

  it('20 concurrent orders for a whole 4-seat listing: one sale, nineteen 409s, one broker order', async () => {
    const { placeOrder, broker, listing } = setup();
    broker.latencyMs = 5;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        placeOrder.execute({
          idempotencyKey: randomUUID(),
          body: orderBody(listing.id, {
            quantity: 4,
            buyer: { name: `Buyer ${i}`, email: `b${i}@example.com` },
          }),
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    expect(broker.createOrderCalls).toBe(1);
    // The sale is in the broker's count now; no hold is left.
    expect(await reserved(listing.id)).toBe(0);
    expect(await orderCount(listing.id)).toBe(1);
  });

  it('sellable = the broker’s latest count minus our open holds: sold out after the sale, sellable again once restocked', async () => {
    const { placeOrder, broker, listing } = setup();
    const buy = () =>
      placeOrder.execute({ idempotencyKey: randomUUID(), body: orderBody(listing.id, { quantity: 4 }) });
    expect((await buy()).status).toBe(201);
    expect(await reserved(listing.id)).toBe(0);
    const after = await buy();
    expect(after).toMatchObject({ status: 409, body: { reason: 'sold_out' } });
    // The broker restocks the listing (or, like a restarted sandbox, forgot its sales): on main
    // the ceiling frozen at the first hold refused every order for it from then on.
    broker.listings.get(listing.id)!.availableQuantity = 4;
    broker.listings.get(listing.id)!.signature = 'sig-restocked';
    expect((await buy()).status).toBe(201);
    expect(broker.createOrderCalls).toBe(2);
  });

  it('a re-quote read before another buyer’s sale cannot sell those seats again: refused before any order row', async () => {
    const { placeOrder, broker, listing } = setup();
    // B's re-quote is read before A's sale and answered after it (the broker's count then
    // still shows the seats A bought). On main the hold passed (A's ended with its order),
    // and the broker refused B's order: an extra failed order.
    const asBefore = { ...broker.listings.get(listing.id)! };
    let quoted!: () => void;
    const quoteRead = new Promise<void>((resolve) => (quoted = resolve));
    let answer!: () => void;
    const answerGate = new Promise<void>((resolve) => (answer = resolve));
    const stale = Object.assign(Object.create(broker) as InMemoryBroker, {
      getListing: async () => {
        quoted();
        await answerGate;
        return { ...asBefore };
      },
    });
    const b = checkoutHarness(db.dataSource, stale).placeOrder;
    const late = b.execute({ idempotencyKey: randomUUID(), body: orderBody(listing.id, { quantity: 4 }) });
    await quoteRead;
    const first = await placeOrder.execute({
      idempotencyKey: randomUUID(),
      body: orderBody(listing.id, { quantity: 4 }),
    });
    expect(first.status).toBe(201);
    answer();
    expect(await late).toMatchObject({ status: 409, body: { reason: 'sold_out' } });
    expect(await orderCount(listing.id)).toBe(1);
    expect(broker.orders.size).toBe(1);
    // A quote read after the sale is believed whole: the broker restocks, the seats sell again.
    broker.listings.get(listing.id)!.availableQuantity = 4;
    broker.listings.get(listing.id)!.signature = 'sig-restocked';
    const again = await placeOrder.execute({
      idempotencyKey: randomUUID(),
      body: orderBody(listing.id, { quantity: 4 }),
    });
    expect(again.status).toBe(201);
  });

  it('10 concurrent retries with one key: one order, identical answers; another body with the key → 422', async () => {
    const { placeOrder, broker, listing } = setup();
    broker.latencyMs = 20;
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        placeOrder.execute({ idempotencyKey: key, body: orderBody(listing.id) }),
      ),
    );
    expect(new Set(results.map((r) => JSON.stringify(r)))).toEqual(new Set([JSON.stringify(results[0])]));
    expect(results[0].status).toBe(201);
    expect(broker.createOrderCalls).toBe(1);
    expect(await orderCount(listing.id)).toBe(1);
    // Later repeats too, whatever the key order of the JSON.
    const { buyer, ...rest } = orderBody(listing.id);
    expect(await placeOrder.execute({ idempotencyKey: key, body: { buyer, ...rest } })).toEqual(results[0]);
    const other = await placeOrder.execute({
      idempotencyKey: key,
      body: orderBody(listing.id, { quantity: 1 }),
    });
    expect(other.status).toBe(422);
    expect(other.body.message).toMatch(/different order/);
  });

  it('answers 409 with Retry-After while the first request with the key is still running', async () => {
    const { placeOrder, broker, listing } = setup({ idempotency: { waitMs: 50 } });
    broker.latencyMs = 300;
    const key = randomUUID();
    const first = placeOrder.execute({ idempotencyKey: key, body: orderBody(listing.id) });
    await new Promise((r) => setTimeout(r, 50));
    const second = await placeOrder.execute({ idempotencyKey: key, body: orderBody(listing.id) });
    expect(second.status).toBe(409);
    expect(second.headers).toEqual({ 'Retry-After': '1' });
    expect((await first).status).toBe(201);
  });

  it('Postgres itself refuses a hold beyond what is available (CHECK constraint)', async () => {
    const { placeOrder, broker, listing } = setup();
    // An order holds all 4 seats and waits for the broker.
    const release = broker.holdOrders();
    const first = placeOrder.execute({
      idempotencyKey: randomUUID(),
      body: orderBody(listing.id, { quantity: 4 }),
    });
    await waitUntil(async () => (await reserved(listing.id)) === 4);
    await expect(forceHold(db.dataSource, listing.id, 1)).rejects.toMatchObject({
      driverError: { code: '23514' },
    });
    const second = await placeOrder.execute({
      idempotencyKey: randomUUID(),
      body: orderBody(listing.id, { quantity: 1 }),
    });
    expect(second).toMatchObject({ status: 409, body: { reason: 'sold_out' } });
    release();
    expect((await first).status).toBe(201);
  });

  it('stale price → 409 naming the new price; nothing held', async () => {
    const { placeOrder, broker, listing } = setup();
    broker.listings.get(listing.id)!.retailCents = 21_000; // all-in now 21000 + 3150 + 500
    const res = await placeOrder.execute({ idempotencyKey: randomUUID(), body: orderBody(listing.id) });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      reason: 'price_changed',
      currentAllInPrice: 24_650,
    });
    expect(res.body.message).toMatch(/\$235 to \$246\.50/);
    expect(await reserved(listing.id)).toBe(0);
  });

  it('quantity not allowed by the splits → 400 naming the allowed quantities', async () => {
    const { placeOrder, broker, listing } = setup();
    broker.listings.get(listing.id)!.splits = [2, 4];
    const res = await placeOrder.execute({
      idempotencyKey: randomUUID(),
      body: orderBody(listing.id, { quantity: 3 }),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ allowedQuantities: [2, 4] });
    expect(res.body.message).toMatch(/2 or 4 tickets/);
  });

  it('declined → 402, nothing charged, the seats still for sale', async () => {
    const { placeOrder, listing, payments, broker } = setup();
    const res = await placeOrder.execute({
      idempotencyKey: randomUUID(),
      body: orderBody(listing.id, { paymentToken: 'tok_sandbox_declined', quantity: 4 }),
    });
    expect(res.status).toBe(402);
    expect(broker.createOrderCalls).toBe(0);
    expect(await reserved(listing.id)).toBe(0);
    expect(await payments.capturedCents(String(listing.id))).toBe(0);
    const again = await placeOrder.execute({
      idempotencyKey: randomUUID(),
      body: orderBody(listing.id, { quantity: 4 }),
    });
    expect(again.status).toBe(201);
  });

  it('provider error → 502, nothing charged, the key freed for a retry', async () => {
    const { placeOrder, listing, payments, broker } = setup();
    const key = randomUUID();
    const res = await placeOrder.execute({
      idempotencyKey: key,
      body: orderBody(listing.id, { paymentToken: 'tok_sandbox_error' }),
    });
    expect(res.status).toBe(502);
    expect(res.body.message).toMatch(/Nothing was charged/);
    expect(await payments.capturedCents(String(listing.id))).toBe(0);
    expect(broker.createOrderCalls).toBe(0);
    const [failed] = await ordersOfListing(db.dataSource, listing.id);
    expect(failed).toMatchObject({ status: 'failed', payment: 'failed' });
    // The same key may be retried: it runs again.
    const retry = await placeOrder.execute({
      idempotencyKey: key,
      body: orderBody(listing.id, { paymentToken: 'tok_sandbox_error' }),
    });
    expect(retry.status).toBe(502);
  });

  it('broker rejects after authorisation → voided, order failed, nothing charged, seats back', async () => {
    const { placeOrder, listing, payments, broker } = setup();
    broker.behaviour = 'reject';
    const res = await placeOrder.execute({ idempotencyKey: randomUUID(), body: orderBody(listing.id) });
    expect(res.status).toBe(409);
    const [row] = await ordersOfListing(db.dataSource, listing.id);
    expect(row).toMatchObject({ status: 'failed', payment: 'voided' });
    expect(await payments.stateOf(row.id)).toBe('voided');
    expect(await payments.capturedCents(String(listing.id))).toBe(0);
    expect(await reserved(listing.id)).toBe(0);
    expect((await outboxEvents(row.id)).map((e) => e.subject)).toEqual([
      'orders.events.v1.held',
      'orders.events.v1.failed',
    ]);
  });

  it('broker refuses outright (stale signature) → 409, voided', async () => {
    const { placeOrder, listing, payments, broker } = setup();
    broker.behaviour = 'refuse';
    const res = await placeOrder.execute({ idempotencyKey: randomUUID(), body: orderBody(listing.id) });
    expect(res.status).toBe(409);
    expect(await payments.capturedCents(String(listing.id))).toBe(0);
  });

  describe("buyers never see the broker's words", () => {
    const BROKER_TEXT = 'ERR-7731 tg 88123 locked by acct 42; upstream pg timeout at 10.2.0.7';
    const storedReason = async (id: string) => (await findOrder(db.dataSource, id))!.failureReason;

    it('a refusal or a rejection answers our own message; operators keep the broker text', async () => {
      for (const behaviour of ['refuse', 'reject'] as const) {
        const { placeOrder, listing, broker, orders } = setup();
        broker.behaviour = behaviour;
        broker.brokerText = BROKER_TEXT;
        const key = randomUUID();
        const res = await placeOrder.execute({ idempotencyKey: key, body: orderBody(listing.id) });
        expect(res.status).toBe(409);
        expect(JSON.stringify(res.body)).not.toContain('ERR-7731');
        expect(res.body.message).toMatch(/^The seller could not confirm these seats/);
        const again = await placeOrder.execute({ idempotencyKey: key, body: orderBody(listing.id) });
        expect(JSON.stringify(again.body)).not.toContain('ERR-7731');
        const [row] = await ordersOfListing(db.dataSource, listing.id);
        expect(await storedReason(row.id)).toContain(BROKER_TEXT);
        const order = (await orders.findById(row.id))!;
        expect(JSON.stringify(orderView(order))).not.toContain('ERR-7731');
        expect(orderView(order).failureReason).toBe('the seller could not confirm these seats');
      }
    });

    it('an order the broker rejects later reads back with our reason, not the broker text', async () => {
      const { placeOrder, reconcile, listing, broker, getOrder } = setup();
      broker.behaviour = 'pending';
      const res = await placeOrder.execute({ idempotencyKey: randomUUID(), body: orderBody(listing.id) });
      expect(res.status).toBe(202);
      const id = res.body.id as string;
      broker.brokerText = BROKER_TEXT;
      broker.decide(id, 'rejected');
      await ageOrder(db.dataSource, id, 2);
      expect(await reconcile.execute({ olderThanMs: 60_000, limit: 10 })).toMatchObject({ failed: 1 });
      expect(await storedReason(id)).toContain(BROKER_TEXT);
      const read = await getOrder.execute({ id, authorization: `Bearer ${res.body.accessToken}` });
      expect(read.body).toMatchObject({
        status: 'failed',
        failureReason: 'the seller could not confirm these seats',
      });
      expect(JSON.stringify(read.body)).not.toContain('ERR-7731');
    });

    it.each([
      ['broker refused the order: anything at all', 'the seller could not confirm these seats'],
      ['broker rejected the order', 'the seller could not confirm these seats'],
      ['payment declined (card declined)', 'the payment was declined'],
      ['the broker was unavailable', 'the ticket broker was not answering'],
      ['something new: with upstream text', GENERAL_FAILURE],
    ])('stored "%s" reads "%s"', (stored, shown) => {
      expect(buyerFailureReason(stored)).toBe(shown);
    });
  });

  it('broker unreachable when ordering (circuit open) → 503, voided, nothing charged, seats back', async () => {
    const { placeOrder, listing, payments, broker } = setup();
    broker.behaviour = 'unavailable';
    const res = await placeOrder.execute({ idempotencyKey: randomUUID(), body: orderBody(listing.id) });
    expect(res.status).toBe(503);
    expect(res.headers).toEqual({ 'Retry-After': '30' });
    expect(await payments.capturedCents(String(listing.id))).toBe(0);
    expect(await reserved(listing.id)).toBe(0);
  });

  it('a failure that leaves its order open (the void failed) keeps the key claimed: no second order', async () => {
    const { placeOrder, listing, payments, broker, orders } = setup({ idempotency: { waitMs: 50 } });
    broker.behaviour = 'unavailable';
    payments.void = async () => {
      throw new PaymentProviderError('provider down');
    };
    const key = randomUUID();
    const first = await placeOrder.execute({ idempotencyKey: key, body: orderBody(listing.id) });
    expect(first.status).toBe(503);
    const again = await placeOrder.execute({ idempotencyKey: key, body: orderBody(listing.id) });
    expect(again).toMatchObject({ status: 409, body: { reason: 'in_progress' } });
    const rows = await ordersOfListing(db.dataSource, listing.id);
    expect(rows).toHaveLength(1);
    expect((await orders.findById(rows[0].id))!.status).toBe('broker_pending');
  });

  it('an unknown broker outcome (timeout) answers 202 and the reconciler settles it from the broker', async () => {
    const { placeOrder, reconcile, listing, payments, broker } = setup();
    broker.behaviour = 'timeout'; // the broker placed it, but the answer was lost
    const res = await placeOrder.execute({ idempotencyKey: randomUUID(), body: orderBody(listing.id) });
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    broker.decide(id, 'accepted');
    await ageOrder(db.dataSource, id, 2);
    expect(await reconcile.execute({ olderThanMs: 60_000, limit: 10 })).toMatchObject({ confirmed: 1 });
    expect(broker.createOrderCalls).toBe(1);
    expect(await payments.stateOf(id)).toBe('captured');
  });

  it('a pending broker order answers 202; the reconciler confirms it once the broker accepts', async () => {
    const { placeOrder, reconcile, listing, payments, broker, getOrder } = setup();
    broker.behaviour = 'pending';
    const res = await placeOrder.execute({ idempotencyKey: randomUUID(), body: orderBody(listing.id) });
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    expect(await payments.stateOf(id)).toBe('authorised');
    broker.decide(id, 'accepted');
    await ageOrder(db.dataSource, id, 2);
    const summary = await reconcile.execute({ olderThanMs: 60_000, limit: 10 });
    expect(summary).toMatchObject({ confirmed: 1 });
    expect(await payments.stateOf(id)).toBe('captured');
    const read = await getOrder.execute({ id, authorization: `Bearer ${res.body.accessToken}` });
    expect(read.body.status).toBe('confirmed');
  });

  it('a crash after authorisation is settled by the reconciler (broker never got it → voided; broker accepted → captured)', async () => {
    const { reconcile, payments, broker, orders, settlement, listing } = setup();
    /** An order left `status` by a crash, made by the flow's own statements. */
    const insertStuck = async (status: 'authorised' | 'broker_pending') => {
      const id = randomUUID();
      const order = {
        id,
        listingId: String(listing.id),
        performanceId: '900001',
        quantity: 2,
        unitAllInCents: 23_500,
        unitRetailCents: 20_000,
        totalCents: 47_000,
        buyerName: 'A',
        buyerEmail: 'a@example.com',
        accessTokenHash: hashAccessToken('x'),
        brokerReference: id,
      };
      const key = { id: randomUUID(), storedAnswer: '{}' };
      const held = { brokerAvailable: 4, salesSeen: 0 };
      expect(
        await orders.createHeld(order, 'sandbox', randomUUID(), held, key, settlement.heldEvent(order)),
      ).toBeDefined();
      const auth = await payments.authorise({ reference: id, token: 'tok_sandbox_ok', amountCents: 47_000 });
      expect(auth.outcome).toBe('authorised');
      expect(await orders.markAuthorised(id, (auth as { providerReference: string }).providerReference)).toBe(
        true,
      );
      if (status === 'broker_pending') expect(await orders.markBrokerPending(id)).toBe(true);
      await ageOrder(db.dataSource, id, 5);
      return id;
    };
    const lost = await insertStuck('authorised');
    const placed = await insertStuck('broker_pending');
    await broker.createOrder({
      ticketGroupId: listing.id,
      quantity: 2,
      priceCents: 20_000,
      ticketGroupSignature: 'sig',
      reference: placed,
    });

    const summary = await reconcile.execute({ olderThanMs: 60_000, limit: 10 });
    expect(summary).toMatchObject({ examined: 2, confirmed: 1, failed: 1, open: 0 });
    expect(await payments.stateOf(lost)).toBe('voided');
    expect(await payments.stateOf(placed)).toBe('captured');
    expect((await orders.findById(lost))!.status).toBe('failed');
    expect((await orders.findById(placed))!.status).toBe('confirmed');
    // Both holds given back: one order failed, the other's sale is the broker's to count.
    expect(await reserved(listing.id)).toBe(0);
    // Nothing left: a second round does nothing.
    expect(await reconcile.execute({ olderThanMs: 60_000, limit: 10 })).toMatchObject({ examined: 0 });
  });

  describe('races between the purchase flow and the reconciler', () => {
    /** Waits until the order of `listingId` reaches `status` (the flow is running concurrently). */
    const orderReaches = async (listingId: number, status: string) => {
      for (let i = 0; i < 200; i++) {
        const rows = await ordersOfListing(db.dataSource, listingId);
        if (rows[0]?.status === status) return rows[0].id;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`order of listing ${listingId} never reached ${status}`);
    };
    /** As if the order had sat untouched past the reconciler's stuck age. */
    const ageStuck = (id: string) => ageOrder(db.dataSource, id, 10);

    it('the broker answers after the reconciler failed the order: no capture, the broker order flagged, an alert', async () => {
      const { placeOrder, reconcile, listing, payments, broker, alerts, orders } = setup();
      const release = broker.holdOrders();
      const flow = placeOrder.execute({ idempotencyKey: randomUUID(), body: orderBody(listing.id) });
      const id = await orderReaches(listing.id, 'broker_pending');
      await ageStuck(id);
      // The broker has no order for the reference yet: the reconciler voids and fails it.
      expect(await reconcile.execute({ olderThanMs: 60_000, limit: 10 })).toMatchObject({ failed: 1 });
      release(); // ...and then the broker accepts the order after all.
      const res = await flow;
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ reason: 'failed', orderId: id });
      expect(await payments.stateOf(id)).toBe('voided');
      expect(await payments.capturedCents(String(listing.id))).toBe(0);
      const order = (await orders.findById(id))!;
      expect(order.status).toBe('failed');
      expect(order.brokerOrderId).toBe(String(broker.orders.get(id)!.id));
      expect(order.failureReason).toMatch(/cancel the broker order/);
      expect(alerts.alerts.filter((a) => a.kind === 'error')).toEqual([
        expect.objectContaining({ title: expect.stringMatching(/Cancel broker order/) }),
      ]);
      expect(alerts.alerts.some((a) => a.kind === 'purchase')).toBe(false);
      expect(await reserved(listing.id)).toBe(0);
      expect((await outboxEvents(id)).map((e) => e.subject)).toEqual([
        'orders.events.v1.held',
        'orders.events.v1.failed',
      ]);
    });

    it('the reconciler fails an order while it is being authorised: the flow stops, the authorisation is released, no broker order', async () => {
      let release!: () => void;
      const hold = new Promise<void>((resolve) => (release = resolve));
      const h = setup({
        payments: (sandbox) => ({
          name: sandbox.name,
          callBudgetMs: sandbox.callBudgetMs,
          // The authorisation succeeds, but its answer is slow to come back.
          authorise: async (request) => {
            const result = await sandbox.authorise(request);
            await hold;
            return result;
          },
          resumeAuthorisation: (request) => sandbox.resumeAuthorisation(request),
          capture: (request) => sandbox.capture(request),
          void: (request) => sandbox.void(request),
        }),
      });
      const flow = h.placeOrder.execute({ idempotencyKey: randomUUID(), body: orderBody(h.listing.id) });
      const id = await orderReaches(h.listing.id, 'created');
      for (let i = 0; i < 200 && (await h.payments.stateOf(id)) !== 'authorised'; i++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      await ageStuck(id);
      expect(await h.reconcile.execute({ olderThanMs: 60_000, limit: 10 })).toMatchObject({ failed: 1 });
      release();
      const res = await flow;
      expect(res.status).toBe(409);
      expect(h.broker.createOrderCalls).toBe(0);
      expect(await h.payments.stateOf(id)).toBe('voided');
      expect((await h.orders.findById(id))!.status).toBe('failed');
    });

    it('an order still open when its authorisation expires (7 days) is failed and alerted', async () => {
      const { placeOrder, reconcile, listing, payments, broker, alerts, orders } = setup();
      broker.behaviour = 'pending';
      const res = await placeOrder.execute({ idempotencyKey: randomUUID(), body: orderBody(listing.id) });
      expect(res.status).toBe(202);
      const id = res.body.id as string;
      // Six days on, the broker still deciding: left open.
      await ageOrder(db.dataSource, id, 10, new Date(new Date(HARNESS_NOW).getTime() - 6 * 86_400_000));
      expect(await reconcile.execute({ olderThanMs: 60_000, limit: 10 })).toMatchObject({ open: 1 });
      // Seven days: failed, the authorisation released, ops alerted.
      await ageOrder(db.dataSource, id, 10, new Date(new Date(HARNESS_NOW).getTime() - 7 * 86_400_000));
      expect(await reconcile.execute({ olderThanMs: 60_000, limit: 10 })).toMatchObject({ failed: 1 });
      expect((await orders.findById(id))!).toMatchObject({
        status: 'failed',
        failureReason: expect.stringMatching(/authorisation expired/),
      });
      expect(await payments.stateOf(id)).toBe('voided');
      expect(alerts.alerts).toEqual([
        expect.objectContaining({ kind: 'error', title: expect.stringMatching(/authorisation expired/) }),
      ]);
    });
  });

  it('a repeat after the first request died with its order answers from that order, never buying twice', async () => {
    const { placeOrder, broker, listing } = setup({ idempotency: { leaseMs: 50 } });
    broker.behaviour = 'pending';
    const key = randomUUID();
    const first = await placeOrder.execute({ idempotencyKey: key, body: orderBody(listing.id) });
    expect(first.status).toBe(202);
    // Simulate the crash: the key is left in progress.
    await leaveKeysInProgress(db.dataSource, 1);
    const again = await placeOrder.execute({ idempotencyKey: key, body: orderBody(listing.id) });
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.accessToken).toBe(first.body.accessToken);
    expect(broker.createOrderCalls).toBe(1);
  });

  it('a confirmed order has its 201 stored for the key in the confirming statement (no separate write to lose)', async () => {
    const { placeOrder, listing, idempotency } = setup();
    // Any later write of the answer fails: the confirmation alone must have stored it.
    idempotency.complete = () => Promise.reject(new Error('complete must not be needed after a 201'));
    const key = randomUUID();
    const first = await placeOrder.execute({ idempotencyKey: key, body: orderBody(listing.id) });
    expect(first.status).toBe(201);
    const id = first.body.id as string;
    expect(await keyOfOrder(db.dataSource, id)).toEqual({ state: 'completed', responseStatus: 201 });
    expect((await findOrder(db.dataSource, id))!.status).toBe('confirmed');
    const again = await placeOrder.execute({ idempotencyKey: key, body: orderBody(listing.id) });
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  });

  it('the reconciler confirming an order leaves its key to the purchase flow (no answer stored by it)', async () => {
    const { placeOrder, listing, broker, reconcile } = setup({ brokerPendingWaitMs: 0 });
    broker.behaviour = 'pending';
    const key = randomUUID();
    const first = await placeOrder.execute({ idempotencyKey: key, body: orderBody(listing.id) });
    expect(first.status).toBe(202);
    broker.decide(first.body.id as string, 'accepted');
    await ageOrder(db.dataSource, first.body.id as string, 2);
    expect(await reconcile.execute({ olderThanMs: 60_000, limit: 10 })).toMatchObject({ confirmed: 1 });
    expect((await findOrder(db.dataSource, first.body.id as string))!.status).toBe('confirmed');
    // The key keeps the 202 it answered; a repeat gets exactly that.
    const again = await placeOrder.execute({ idempotencyKey: key, body: orderBody(listing.id) });
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  });
});
