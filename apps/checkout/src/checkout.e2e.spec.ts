import { randomUUID } from 'node:crypto';
import { allInPrice, DEFAULT_FEE_SCHEDULE } from '@hamiltix/domain';
import { acquireAdvisoryLock, countStuckOrders, findOrder, markOrderFailed } from '@hamiltix/persistence';
import {
  checkoutRowCount,
  insertTestOrder,
  orderEvents,
  ordersOfListing,
  testOrder,
  testOrderEvent,
} from '@hamiltix/persistence/testing';
import fc from 'fast-check';
import { call, startCheckoutStack, type CheckoutStack } from '../test/support/checkout-stack.js';
import type { InstrumentedPaymentProvider } from './payments/instrumented-payment-provider.js';
import { PAYMENT_PROVIDER } from './payments/payment-provider.js';
import type { SandboxPaymentProvider } from './payments/sandbox-payment-provider.js';
import { RECONCILER_LOCK, ReconcileOrders } from './orders/reconcile-orders.use-case.js';
import { ReconcilerScheduler } from './orders/reconciler.scheduler.js';
import { OPEN_STATUSES, PAYMENT_ACTION_WINDOW_MS } from './orders/order.repository.js';

/** The order API over HTTP against the real broker sandbox (in-process), Postgres, NATS and Redis. */
describe('checkout HTTP API against the broker sandbox', () => {
  let stack: CheckoutStack;
  let eventId: number;
  let payments: SandboxPaymentProvider;

  beforeAll(async () => {
    stack = await startCheckoutStack('checkout_e2e');
    payments = stack.checkout.get<InstrumentedPaymentProvider>(PAYMENT_PROVIDER)
      .inner as SandboxPaymentProvider;
    const events = await call(`${stack.sandboxUrl}/sandbox/events`);
    eventId = (events.body.events as { id: number }[])[0].id;
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });
  beforeEach(async () => {
    await setFaults({ orderAcceptDelayMs: 20 });
  });

  async function setFaults(faults: Record<string, number>) {
    const res = await call(`${stack.sandboxUrl}/sandbox/faults`, { body: faults });
    expect(res.status).toBe(200);
  }
  /** A fresh listing on the sandbox; answers its id and all-in price per ticket (cents). */
  async function listing(
    quantity = 4,
    price = 200,
    splits: number[] = [...Array(quantity).keys()].map((i) => i + 1),
  ) {
    const res = await call(`${stack.sandboxUrl}/sandbox/listings`, {
      body: { eventId, section: 'Center Orchestra', row: 'G', quantity, price, splits },
    });
    expect(res.status).toBe(201);
    return {
      id: String(res.body.id),
      allIn: allInPrice(Math.round(price * 100), DEFAULT_FEE_SCHEDULE).total,
    };
  }
  const order = (listingId: string, allIn: number, extra: Record<string, unknown> = {}) => ({
    listingId,
    quantity: 2,
    expectedAllInPrice: allIn,
    buyer: { name: 'Eliza Hamilton', email: 'eliza@example.com' },
    paymentToken: 'tok_sandbox_ok',
    ...extra,
  });
  const post = (body: unknown, key: string | null = randomUUID(), headers: Record<string, string> = {}) =>
    call(`${stack.checkoutUrl}/api/v1/orders`, {
      body,
      headers: { ...(key ? { 'idempotency-key': key } : {}), ...headers },
    });
  /** Orders the broker sandbox holds for one listing (asked over its signed API, not our database). */
  const brokerOrders = async (ticketGroupId: string) => {
    const res = await signedGet('/v9/orders', 'per_page=100');
    expect(res.status).toBe(200);
    const rows = res.body.orders as { items: { ticket_group_id: number }[] }[];
    return rows.filter((o) => String(o.items[0]?.ticket_group_id) === ticketGroupId).length;
  };

  it('sells a listing: 201 with the order and an access token; GET needs the token', async () => {
    const l = await listing();
    const res = await post(order(l.id, l.allIn));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'confirmed',
      listingId: l.id,
      quantity: 2,
      total: { amount: l.allIn * 2, currency: 'USD' },
    });
    const id = res.body.id as string;
    const token = res.body.accessToken as string;
    expect(await payments.stateOf(id)).toBe('captured');

    const read = await call(`${stack.checkoutUrl}/api/v1/orders/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, status: 'confirmed' });
    expect(read.body.accessToken).toBeUndefined();
    const wrong: Record<string, string>[] = [
      {},
      { authorization: 'Bearer abcdefghijklmnopqrstuvwxyz' },
      { authorization: token },
    ];
    for (const headers of wrong) {
      const denied = await call(`${stack.checkoutUrl}/api/v1/orders/${id}`, { headers });
      expect(denied.status).toBe(404);
      expect(denied.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: expect.stringMatching(/No order found/),
      });
    }
    const unknown = await call(`${stack.checkoutUrl}/api/v1/orders/${randomUUID()}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(unknown.body).toEqual((await call(`${stack.checkoutUrl}/api/v1/orders/${id}`)).body);
    // The outbox holds the confirmed event, written with the order.
    const events = () => orderEvents(stack.db.dataSource, id);
    expect((await events()).filter((e) => e.subject === 'orders.events.v1.confirmed')).toHaveLength(1);
    // ...and the relay, woken by the statements' NOTIFY, publishes it to JetStream, after the
    // `held` event written with the order.
    const deadline = Date.now() + 5_000;
    let published = 0;
    while (Date.now() < deadline && published < 2) {
      published = (await events()).filter((e) => e.published).length;
      if (published < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(published).toBe(2);
  });

  it('20 concurrent orders for the whole of a 4-seat listing: one 201, nineteen 409s, one broker order', async () => {
    const l = await listing(4, 180);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(
          order(l.id, l.allIn, {
            quantity: 4,
            buyer: { name: `Buyer ${i}`, email: `buyer${i}@example.com` },
          }),
        ),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(await brokerOrders(l.id)).toBe(1);
    // Exactly one order row: confirmed and captured once. The nineteen others are refused at
    // the hold (or at the re-quote), before any order row exists: a re-quote read before the
    // winner's sale counts that sale against it even once the winner's hold has ended
    // (listing_reservations.confirmed_sales), so no order ever reaches a broker that would refuse it.
    expect(
      (await ordersOfListing(stack.db.dataSource, l.id)).map(({ status, payment }) => ({ status, payment })),
    ).toEqual([{ status: 'confirmed', payment: 'captured' }]);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.body).toMatchObject({ reason: 'sold_out', message: expect.stringMatching(/sold out/) });
  });

  it('10 concurrent retries with one key: one order, identical answers; same key with another body → 422', async () => {
    const l = await listing(4, 150);
    const key = randomUUID();
    const body = order(l.id, l.allIn);
    const results = await Promise.all(Array.from({ length: 10 }, () => post(body, key)));
    expect(results[0].status).toBe(201);
    expect(new Set(results.map((r) => `${r.status} ${r.text}`)).size).toBe(1);
    expect(await ordersOfListing(stack.db.dataSource, l.id)).toHaveLength(1);
    expect(await brokerOrders(l.id)).toBe(1);

    const other = await post({ ...body, quantity: 1 }, key);
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
  });

  it('stale price → 409 naming the new price', async () => {
    const l = await listing(4, 210);
    const res = await post(order(l.id, l.allIn - 100));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ reason: 'price_changed', currentAllInPrice: l.allIn });
    expect(res.body.message).toMatch(/changed/);
  });

  it('declined → 402 and the seats still for sale', async () => {
    const l = await listing(2, 120);
    const declined = await post(order(l.id, l.allIn, { paymentToken: 'tok_sandbox_declined' }));
    expect(declined.status).toBe(402);
    expect(declined.body.message).toMatch(/declined/);
    const ok = await post(order(l.id, l.allIn));
    expect(ok.status).toBe(201);
  });

  it('provider error → 502, nothing charged, no broker order', async () => {
    const l = await listing(2, 130);
    const before = await payments.capturedCents();
    const res = await post(order(l.id, l.allIn, { paymentToken: 'tok_sandbox_error' }));
    expect([502, 503]).toContain(res.status);
    expect(res.body.message).toMatch(/Nothing was charged/);
    expect(await payments.capturedCents()).toBe(before);
    expect(await brokerOrders(l.id)).toBe(0);
  });

  it('broker rejects after authorisation → voided, order failed, nothing charged', async () => {
    await setFaults({ orderAcceptDelayMs: 20, orderRejectRate: 1 });
    const l = await listing(2, 140);
    const before = await payments.capturedCents();
    const res = await post(order(l.id, l.allIn));
    expect(res.status).toBe(409);
    const [row] = await ordersOfListing(stack.db.dataSource, l.id);
    expect(row).toMatchObject({ status: 'failed', payment: 'voided' });
    expect(await payments.stateOf(row.id)).toBe('voided');
    expect(await payments.capturedCents()).toBe(before);
    // The sandbox's rejection reason is kept for operators, never shown to the buyer.
    const brokerWords = row.failureReason!.replace(/^broker rejected the order:?\s*/, '');
    expect(brokerWords).not.toBe('');
    expect(JSON.stringify(res.body)).not.toContain(brokerWords);
  });

  it('exports payment provider errors by operation and the orders stuck open for 10 minutes', async () => {
    const metric = async (line: RegExp) => {
      const text = (await call(`${stack.checkoutUrl}/metrics`)).text;
      return Number(
        text
          .split('\n')
          .find((l) => line.test(l))
          ?.split(' ')
          .pop() ?? NaN,
      );
    };
    const authoriseErrors = /^hamiltix_checkout_payment_provider_errors_total\{[^}]*operation="authorise"/;
    const before = (await metric(authoriseErrors)) || 0;
    const l = await listing(2, 150);
    expect((await post(order(l.id, l.allIn, { paymentToken: 'tok_sandbox_error' }))).status).toBe(502);
    expect(await metric(authoriseErrors)).toBe(before + 1);

    // An order left open for 11 minutes while another replica holds the reconciler's lock (so
    // this round settles nothing): the round still counts it.
    const stuck = testOrder(l.id, 2);
    await insertTestOrder(
      stack.db.dataSource,
      { ...stuck, performanceId: String(eventId) },
      { minutesAgo: 11 },
    );
    const otherReplica = await acquireAdvisoryLock(stack.db.dataSource, RECONCILER_LOCK);
    try {
      await stack.checkout.get(ReconcilerScheduler).reconcileStuckOrders();
    } finally {
      await otherReplica!.release();
    }
    const open = await countStuckOrders(stack.db.dataSource, {
      open: OPEN_STATUSES,
      olderThanMs: 10 * 60_000,
      actionWindowMs: PAYMENT_ACTION_WINDOW_MS,
    });
    expect(open).toBeGreaterThanOrEqual(1);
    expect(await metric(/^hamiltix_checkout_orders_stuck_open\{/)).toBe(open);
    // Ended (our test order fails), gone from the gauge at the next round.
    const failed = { id: stuck.id, from: OPEN_STATUSES, reason: 'test', paymentStatus: 'voided' as const };
    expect(await markOrderFailed(stack.db.dataSource, failed, testOrderEvent(stuck.id, 'failed'))).toBe(true);
    await stack.checkout.get(ReconcilerScheduler).reconcileStuckOrders();
    expect(await metric(/^hamiltix_checkout_orders_stuck_open\{/)).toBe(open - 1);
  });

  it('a crash after authorisation is settled by the reconciler, asking the broker by reference', async () => {
    // The broker took the order (by our reference) but checkout died before recording the answer.
    await setFaults({ orderAcceptDelayMs: 0 });
    const l = await listing(2, 160);
    /** An order of the listing, as the flow makes it, left `status` 5 minutes ago by a crash. */
    const crashed = async (status: 'authorised' | 'broker_pending') => {
      const o = {
        ...testOrder(l.id, 2),
        performanceId: String(eventId),
        unitAllInCents: l.allIn,
        unitRetailCents: 16_000,
        totalCents: l.allIn * 2,
      };
      await insertTestOrder(stack.db.dataSource, o, { status, brokerAvailable: 4, minutesAgo: 5 });
      return o.id;
    };
    const id = await crashed('broker_pending');
    await payments.authorise({ reference: id, token: 'tok_sandbox_ok', amountCents: l.allIn * 2 });
    const sig = await signedListing(l.id);
    const placed = await signedPost('/v9/orders', {
      orders: [
        {
          client_id: 1,
          client_reference: id,
          shipped_items: [
            {
              items: [
                { ticket_group_id: Number(l.id), quantity: 2, price: '160.00', ticket_group_signature: sig },
              ],
            },
          ],
        },
      ],
    });
    expect(placed.status).toBe(201);
    // And one that died before reaching the broker.
    const lost = await crashed('authorised');
    await payments.authorise({ reference: lost, token: 'tok_sandbox_ok', amountCents: l.allIn * 2 });

    const summary = await stack.checkout.get(ReconcileOrders).execute({ olderThanMs: 60_000, limit: 10 });
    expect(summary).toMatchObject({ confirmed: 1, failed: 1, open: 0 });
    expect(await payments.stateOf(id)).toBe('captured');
    expect(await payments.stateOf(lost)).toBe('voided');
    expect((await findOrder(stack.db.dataSource, id))!.status).toBe('confirmed');
    expect((await findOrder(stack.db.dataSource, lost))!.status).toBe('failed');
  });

  it('the payment webhook answers 404 with the sandbox provider (no webhooks to take)', async () => {
    const res = await call(`${stack.checkoutUrl}/api/v1/payments/webhook`, {
      body: { id: 'evt_1', type: 'payment_intent.canceled' },
      headers: { 'stripe-signature': 't=1,v1=00' },
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, message: expect.stringMatching(/PAYMENT_PROVIDER/) });
  });

  it('malformed bodies (fuzzed) → 4xx with a clear message, never a 5xx, nothing written', async () => {
    // A fuzzed body that happens to be valid reaches the broker for listing 123, which does
    // not exist: that answer (409 sold out) is kept for its key. Nothing else may be written.
    const written = () => checkoutRowCount(stack.db.dataSource);
    const before = await written();
    const anything = fc.oneof(fc.anything(), fc.string(), fc.integer(), fc.double(), fc.constant(null));
    const field = <T>(valid: fc.Arbitrary<T>) => fc.oneof(valid, anything);
    const body = fc.oneof(
      anything,
      fc.record(
        {
          listingId: field(fc.oneof(fc.constant('123'), fc.string())),
          quantity: field(fc.integer({ min: -5, max: 60 })),
          expectedAllInPrice: field(fc.integer({ min: -100, max: 10_000_000 })),
          buyer: field(
            fc.record({ name: field(fc.string()), email: field(fc.emailAddress()) }, { requiredKeys: [] }),
          ),
          paymentToken: field(
            fc.oneof(fc.constant('4242 4242 4242 4242'), fc.constant('4111-1111-1111-1111'), fc.string()),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (b, asRaw) => {
        const res = asRaw
          ? await call(`${stack.checkoutUrl}/api/v1/orders`, {
              raw: typeof b === 'string' ? b : safeText(b),
              headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            })
          : await post(b);
        // A fuzzed body may by chance be valid: it then reaches the broker (listing 123 does not exist → 409).
        expectClientError(res);
        expect((res.body.message as string).length).toBeGreaterThan(10);
        expect(res.text).not.toMatch(/4242 4242|4111-1111/);
      }),
      { numRuns: 150 },
    );
    expect(await written()).toBe(before);
  });

  it('refuses a card number as payment token without echoing it, and requires the Idempotency-Key', async () => {
    const l = await listing(2, 100);
    const card = await post(order(l.id, l.allIn, { paymentToken: '4242 4242 4242 4242' }));
    expect(card.status).toBe(400);
    expect(card.body.message).toMatch(/card number/);
    expect(card.text).not.toContain('4242');
    for (const [type, raw] of [
      ['text/plain', 'listingId=1'],
      ['application/x-www-form-urlencoded', 'listingId=1&quantity=2'],
      ['application/json', '{"listingId": "1",'],
    ]) {
      const res = await call(`${stack.checkoutUrl}/api/v1/orders`, {
        raw,
        headers: { 'content-type': type, 'idempotency-key': randomUUID() },
      });
      expectClientError(res);
    }
    const noKey = await post(order(l.id, l.allIn), null);
    expect(noKey.status).toBe(400);
    expect(noKey.body.message).toMatch(/Idempotency-Key/);
  });

  // Last: failing broker calls count towards checkout's circuit breaker.
  it('broker down → 503 with Retry-After, nothing charged, the key free for a retry', async () => {
    const l = await listing(2, 110);
    await setFaults({ errorRate: 1 });
    const key = randomUUID();
    const res = await post(order(l.id, l.allIn), key);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.body.message).toMatch(/Nothing was charged/);
    await setFaults({ orderAcceptDelayMs: 20 });
    const retry = await post(order(l.id, l.allIn), key);
    expect(retry.status).toBe(201);
  });

  function safeText(value: unknown): string {
    try {
      return String(value);
    } catch {
      return '{"unprintable":';
    }
  }
  async function signedGet(path: string, query = '') {
    const { signRequest } = await import('@hamiltix/broker-client');
    const { SANDBOX_BROKER_SECRET, SANDBOX_BROKER_TOKEN } = await import('@hamiltix/platform');
    const sig = signRequest(SANDBOX_BROKER_SECRET, { method: 'GET', host: '127.0.0.1', path, query });
    return call(`${stack.sandboxUrl}${path}${query ? `?${query}` : ''}`, {
      headers: { 'x-token': SANDBOX_BROKER_TOKEN, 'x-signature': sig },
    });
  }
  async function signedListing(id: string): Promise<string> {
    const res = await signedGet(`/v9/listings/${id}`);
    expect(res.status).toBe(200);
    const row = (res.body.listing ?? res.body) as { signature: string };
    return row.signature;
  }
  async function signedPost(path: string, body: unknown) {
    const { signRequest } = await import('@hamiltix/broker-client');
    const { SANDBOX_BROKER_SECRET, SANDBOX_BROKER_TOKEN } = await import('@hamiltix/platform');
    const raw = JSON.stringify(body);
    const sig = signRequest(SANDBOX_BROKER_SECRET, { method: 'POST', host: '127.0.0.1', path, body: raw });
    return call(`${stack.sandboxUrl}${path}`, {
      raw,
      headers: { 'content-type': 'application/json', 'x-token': SANDBOX_BROKER_TOKEN, 'x-signature': sig },
    });
  }
});

/** A 4xx with the API's error body (`{ statusCode, error, message }`): bad input, nothing else. */
function expectClientError(res: Awaited<ReturnType<typeof call>>): void {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.body).toMatchObject({
    statusCode: res.status,
    error: expect.any(String),
    message: expect.any(String),
  });
}
