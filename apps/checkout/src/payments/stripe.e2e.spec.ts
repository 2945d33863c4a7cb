import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import {
  addSandboxListing,
  call,
  firstSandboxEvent,
  setSandboxFaults,
  startCheckoutStack,
  type CheckoutStack,
} from '../../test/support/checkout-stack.js';
import { STRIPE_TEST_CARDS, STRIPE_TEST_ENV, StripeStandIn } from '@hamiltix/platform/testing';
import { listingHold } from '@hamiltix/persistence';
import {
  ageOrder,
  forgetProviderState,
  orderEvents,
  ordersOfListing,
  processedMessages,
} from '@hamiltix/persistence/testing';
import { ReconcileOrders } from '../orders/reconcile-orders.use-case.js';

/**
 * Checkout with PAYMENT_PROVIDER=stripe over HTTP: the official `stripe` client against a
 * local Stripe stand-in (`StripeStandIn` of @hamiltix/platform/testing), the real broker sandbox, Postgres,
 * NATS and Redis.
 */
describe('checkout with Stripe (the stripe client against a local stand-in)', () => {
  let stripe: StripeStandIn;
  let stack: CheckoutStack;
  let eventId: number;

  beforeAll(async () => {
    stripe = await new StripeStandIn().start();
    stack = await startCheckoutStack('checkout_stripe', { ...STRIPE_TEST_ENV, STRIPE_API_URL: stripe.url });
    eventId = await firstSandboxEvent(stack);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await stripe?.stop();
  });
  beforeEach(async () => {
    stripe.faults.clear();
    await setSandboxFaults(stack, { orderAcceptDelayMs: 20 });
  });

  const post = (listing: { id: string; allIn: number }, paymentToken: string = STRIPE_TEST_CARDS.ok) =>
    call(`${stack.checkoutUrl}/api/v1/orders`, {
      headers: { 'idempotency-key': randomUUID() },
      body: {
        listingId: listing.id,
        quantity: 2,
        expectedAllInPrice: listing.allIn,
        buyer: { name: 'Eliza Hamilton', email: 'eliza@example.com' },
        paymentToken,
      },
    });
  const orderRow = async (listingId: string) => (await ordersOfListing(stack.db.dataSource, listingId))[0];
  const reserved = async (listingId: string) => (await listingHold(stack.db.dataSource, listingId)).reserved;
  const reconcile = () => stack.checkout.get(ReconcileOrders).execute({ olderThanMs: 0, limit: 10 });

  it('authorise → broker accepts → capture: one manual-capture PaymentIntent for the all-in total in USD', async () => {
    const l = await addSandboxListing(stack, eventId, { price: 200 });
    const res = await post(l);
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const intent = stripe.intentFor(id)!;
    expect(intent).toMatchObject({
      amount: l.allIn * 2,
      amount_received: l.allIn * 2,
      currency: 'usd',
      capture_method: 'manual',
      status: 'succeeded',
      payment_method: STRIPE_TEST_CARDS.ok,
    });
    expect(await orderRow(l.id)).toMatchObject({
      status: 'confirmed',
      payment: 'captured',
      provider: 'stripe',
      providerReference: intent.id,
      providerState: 'succeeded',
    });
    // Every POST carried our key, derived from the order id and the step.
    const posts = stripe.requests.filter((r) => r.method === 'POST' && r.path.includes(intent.id));
    const create = stripe.requests.find((r) => r.idempotencyKey === `hamiltix-order-${id}-create`);
    expect(create).toBeDefined();
    expect(posts.map((r) => r.idempotencyKey)).toEqual([
      `hamiltix-order-${id}-confirm`,
      `hamiltix-order-${id}-capture`,
    ]);
    expect(stripe.captures(intent.id)).toBe(1);
  });

  it('broker refuses → the PaymentIntent is cancelled, nothing captured', async () => {
    await setSandboxFaults(stack, { orderAcceptDelayMs: 20, orderRejectRate: 1 });
    const l = await addSandboxListing(stack, eventId, { price: 140 });
    const res = await post(l);
    expect(res.status).toBe(409);
    const row = await orderRow(l.id);
    expect(row).toMatchObject({ status: 'failed', payment: 'voided', providerState: 'canceled' });
    expect(stripe.intentFor(row.id)).toMatchObject({ status: 'canceled', amount_received: 0 });
    expect(await reserved(l.id)).toBe(0);
  });

  it('declined card → 402, the seats released, nothing held', async () => {
    const l = await addSandboxListing(stack, eventId, { quantity: 2, price: 120 });
    const declined = await post(l, STRIPE_TEST_CARDS.declined);
    expect(declined.status).toBe(402);
    expect(declined.body.message).toMatch(/declined/);
    const row = await orderRow(l.id);
    expect(row).toMatchObject({ status: 'failed', payment: 'declined' });
    expect(stripe.intentFor(row.id)).toMatchObject({ amount_capturable: 0, amount_received: 0 });
    expect(await reserved(l.id)).toBe(0);
    // The seats are for sale again: the next buyer gets them.
    expect((await post(l)).status).toBe(201);
  });

  it('an intent left processing → 402 declined, the intent cancelled (no money held later), the seats released', async () => {
    const l = await addSandboxListing(stack, eventId, { quantity: 2, price: 125 });
    const res = await post(l, STRIPE_TEST_CARDS.processing);
    expect(res.status).toBe(402);
    const row = await orderRow(l.id);
    expect(row).toMatchObject({ status: 'failed', payment: 'declined', providerState: 'canceled' });
    expect(stripe.intentFor(row.id)).toMatchObject({ status: 'canceled', amount_received: 0 });
    expect(await reserved(l.id)).toBe(0);
  });

  it('capture fails → the reconciler captures later, exactly once', async () => {
    const l = await addSandboxListing(stack, eventId, { price: 170 });
    stripe.faults.add('capture');
    const res = await post(l);
    expect(res.status).toBe(202); // the broker accepted; the money is not taken yet
    const id = res.body.id as string;
    const intent = stripe.intentFor(id)!;
    expect(intent.status).toBe('requires_capture');

    // Still failing: the order stays open for the next round, nothing captured.
    expect(await reconcile()).toMatchObject({ confirmed: 0, open: 1 });
    stripe.faults.clear();
    expect(await reconcile()).toMatchObject({ confirmed: 1, open: 0 });
    expect(await reconcile()).toMatchObject({ examined: 0 });
    expect(stripe.captures(intent.id)).toBe(1);
    expect(intent).toMatchObject({ status: 'succeeded', amount_received: l.allIn * 2 });
    expect(await orderRow(l.id)).toMatchObject({ status: 'confirmed', payment: 'captured' });
    // The failed key is never reused: Stripe would replay its 500.
    const captureKeys = stripe.requests
      .filter((r) => r.path.endsWith(`${intent.id}/capture`))
      .map((r) => [r.idempotencyKey, r.status]);
    expect(captureKeys).toEqual([
      [`hamiltix-order-${id}-capture`, 500],
      [`hamiltix-order-${id}-capture-retry1`, 500],
      [`hamiltix-order-${id}-capture-retry2`, 200],
    ]);
  });

  describe('3-D Secure: the bank asks the buyer to authenticate', () => {
    const body = (listing: { id: string; allIn: number }) => ({
      listingId: listing.id,
      quantity: 2,
      expectedAllInPrice: listing.allIn,
      buyer: { name: 'Eliza Hamilton', email: 'eliza@example.com' },
      paymentToken: STRIPE_TEST_CARDS.threeDSecure,
    });
    const send = (listing: { id: string; allIn: number }, key: string) =>
      call(`${stack.checkoutUrl}/api/v1/orders`, {
        headers: { 'idempotency-key': key },
        body: body(listing),
      });

    it('402 requires_action with the client secret, the seats held; the same request after the check → 201, captured once', async () => {
      const l = await addSandboxListing(stack, eventId, { quantity: 2, price: 210 });
      const key = randomUUID();
      const first = await send(l, key);
      expect(first.status).toBe(402);
      const orderId = first.body.orderId as string;
      const intent = stripe.intentFor(orderId)!;
      expect(first.body).toEqual({
        statusCode: 402,
        error: 'Payment Required',
        message: expect.stringMatching(/bank asks you to confirm/),
        reason: 'requires_action',
        orderId,
        clientSecret: intent.client_secret,
      });
      expect(intent).toMatchObject({ status: 'requires_action', amount_capturable: 0 });
      expect(await orderRow(l.id)).toMatchObject({ status: 'created', providerState: 'requires_action' });
      expect(await reserved(l.id)).toBe(2); // nobody else can take the seats meanwhile
      // Sent again before the check is done: still waiting, same answer.
      expect(await send(l, key)).toMatchObject({ status: 402, body: { reason: 'requires_action', orderId } });
      // The reconciler leaves a waiting order alone (PAYMENT_ACTION_WINDOW_MS).
      expect(await reconcile()).toMatchObject({ examined: 0 });

      stripe.authenticate(intent.id, true); // in the buyer's browser, between Stripe.js and Stripe
      const done = await send(l, key);
      expect(done.status).toBe(201);
      expect(done.body).toMatchObject({ id: orderId, status: 'confirmed', accessToken: expect.any(String) });
      expect(intent).toMatchObject({ status: 'succeeded', amount_received: l.allIn * 2 });
      expect(stripe.captures(intent.id)).toBe(1);
      expect(await orderRow(l.id)).toMatchObject({ status: 'confirmed', payment: 'captured' });
      expect(await reserved(l.id)).toBe(0);
      expect(await send(l, key)).toMatchObject({ status: 201, body: done.body }); // kept for the key from now on
      // One confirmation at Stripe: the second pass read the intent instead of confirming again.
      expect(
        stripe.requests.filter((r) => r.path === `/v1/payment_intents/${intent.id}/confirm`),
      ).toHaveLength(1);
    });

    it('a failed check → 402 declined, the order failed, the intent cancelled, the seats for sale again', async () => {
      const l = await addSandboxListing(stack, eventId, { quantity: 2, price: 215 });
      const key = randomUUID();
      const orderId = (await send(l, key)).body.orderId as string;
      const intent = stripe.intentFor(orderId)!;
      stripe.authenticate(intent.id, false);
      const res = await send(l, key);
      expect(res).toMatchObject({ status: 402, body: { message: expect.stringMatching(/declined/) } });
      expect(res.body.reason).toBeUndefined();
      expect(await orderRow(l.id)).toMatchObject({
        status: 'failed',
        payment: 'declined',
        providerState: 'canceled',
      });
      expect(intent).toMatchObject({ status: 'canceled', amount_received: 0 });
      expect(await reserved(l.id)).toBe(0);
      expect(await send(l, key)).toMatchObject({ status: 402, body: res.body });
    });

    it('abandoned: past the window the reconciler cancels the intent and releases the seats', async () => {
      const l = await addSandboxListing(stack, eventId, { quantity: 2, price: 220 });
      const key = randomUUID();
      const orderId = (await send(l, key)).body.orderId as string;
      await ageOrder(stack.db.dataSource, orderId, 16);
      expect(await reconcile()).toMatchObject({ examined: 1, failed: 1 });
      expect(stripe.intentFor(orderId)).toMatchObject({ status: 'canceled', amount_received: 0 });
      expect(await orderRow(l.id)).toMatchObject({ status: 'failed', payment: 'voided' });
      expect(await reserved(l.id)).toBe(0);
      // The buyer comes back with the same request: told the order did not go through.
      expect(await send(l, key)).toMatchObject({ status: 409, body: { reason: 'failed', orderId } });
    });
  });

  describe('the webhook POST /api/v1/payments/webhook', () => {
    const url = () => `${stack.checkoutUrl}/api/v1/payments/webhook`;
    const event = (type: string, object: unknown, id = `evt_${randomUUID().replace(/-/g, '')}`) =>
      JSON.stringify({ id, object: 'event', type, api_version: '2025-01-01', data: { object } });
    const deliver = (payload: string, secret = STRIPE_TEST_ENV.STRIPE_WEBHOOK_SECRET) =>
      call(url(), {
        raw: payload,
        headers: {
          'content-type': 'application/json',
          'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }),
        },
      });

    it('refuses a forged, re-signed, unsigned or stale delivery with 400', async () => {
      const payload = event('payment_intent.canceled', { id: 'pi_forged', object: 'payment_intent' });
      expect((await deliver(payload, 'whsec_someoneelse')).status).toBe(400);
      const unsigned = await call(url(), { raw: payload, headers: { 'content-type': 'application/json' } });
      expect(unsigned.status).toBe(400);
      expect(unsigned.body).toMatchObject({
        statusCode: 400,
        message: expect.stringMatching(/Stripe-Signature/),
      });
      // Signed, then altered on the way: the signature covers the exact bytes.
      const signature = Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: STRIPE_TEST_ENV.STRIPE_WEBHOOK_SECRET,
      });
      const altered = await call(url(), {
        raw: payload.replace('pi_forged', 'pi_altered'),
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      });
      expect(altered.status).toBe(400);
      const stale = Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: STRIPE_TEST_ENV.STRIPE_WEBHOOK_SECRET,
        timestamp: Math.floor(Date.now() / 1000) - 3600,
      });
      const old = await call(url(), {
        raw: payload,
        headers: { 'content-type': 'application/json', 'stripe-signature': stale },
      });
      expect(old.status).toBe(400);
      expect(await processedMessages(stack.db.dataSource)).toEqual([]);
    });

    it('payment_intent.canceled for an open order fails it once, however often it is delivered', async () => {
      await setSandboxFaults(stack, { orderAcceptDelayMs: 60_000 }); // the broker does not decide during the test
      const l = await addSandboxListing(stack, eventId, { price: 190 });
      const res = await post(l);
      expect(res.status).toBe(202);
      const id = res.body.id as string;
      const intent = stripe.intentFor(id)!;
      const payload = event('payment_intent.canceled', {
        ...intent,
        status: 'canceled',
        cancellation_reason: 'automatic',
      });
      const first = await deliver(payload);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ received: true });
      const again = await deliver(payload);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ received: true, duplicate: true });
      expect(await orderRow(l.id)).toMatchObject({
        status: 'failed',
        payment: 'voided',
        providerState: 'canceled',
      });
      const failedEvents = (await orderEvents(stack.db.dataSource, id)).filter(
        (e) => e.subject === 'orders.events.v1.failed',
      );
      expect(failedEvents).toHaveLength(1);
      expect(await reserved(l.id)).toBe(0);
    });

    it('payment_intent.canceled for an order waiting for 3-D Secure fails it and releases its seats', async () => {
      const l = await addSandboxListing(stack, eventId, { quantity: 2, price: 225 });
      const res = await post(l, STRIPE_TEST_CARDS.threeDSecure);
      expect(res).toMatchObject({ status: 402, body: { reason: 'requires_action' } });
      const intent = stripe.intentFor(res.body.orderId as string)!;
      expect(await reserved(l.id)).toBe(2);
      const payload = event('payment_intent.canceled', {
        ...intent,
        status: 'canceled',
        cancellation_reason: 'abandoned',
      });
      expect((await deliver(payload)).status).toBe(200);
      expect(await orderRow(l.id)).toMatchObject({ status: 'failed', providerState: 'canceled' });
      expect(await reserved(l.id)).toBe(0);
    });

    it('records payment_failed and amount_capturable_updated on the payment; unknown intents are ignored', async () => {
      await setSandboxFaults(stack, { orderAcceptDelayMs: 60_000 });
      const l = await addSandboxListing(stack, eventId, { price: 195 });
      const id = (await post(l)).body.id as string;
      const intent = stripe.intentFor(id)!;
      await forgetProviderState(stack.db.dataSource, id);
      const res = await deliver(event('payment_intent.amount_capturable_updated', intent));
      expect(res.status).toBe(200);
      expect(await orderRow(l.id)).toMatchObject({
        status: 'broker_pending',
        providerState: 'requires_capture',
      });
      const unknown = await deliver(
        event('payment_intent.payment_failed', {
          ...intent,
          id: 'pi_notours',
          status: 'requires_payment_method',
        }),
      );
      expect(unknown.status).toBe(200);
      // The orders API still parses JSON as before (the raw body is kept for the webhook only).
      const bad = await call(`${stack.checkoutUrl}/api/v1/orders`, {
        raw: '{"listingId": ',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      });
      expect(bad.status).toBe(400);
    });
  });
});
