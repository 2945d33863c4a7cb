// Issue 10 §1 on the running stack: an order paid for with Stripe end to end — through the
// website (real Chromium; Stripe.js served by a stand-in for js.stripe.com) and through the
// API — with checkout's real `stripe` client against the local Stripe stand-in.
import { jest } from '@jest/globals';
import { STRIPE_JS_STAND_IN, STRIPE_TEST_ENV, StripeStandIn } from '@hamiltix/platform/testing';
import { chromium, type Browser } from 'playwright-core';
import { http, poll } from './support/http.js';
import { Stack } from './support/stack.js';

jest.setTimeout(120_000);

let stack: Stack;
let stripe: StripeStandIn;
let browser: Browser | undefined;

beforeAll(async () => {
  stripe = await new StripeStandIn().start();
  stack = await Stack.start({
    env: {
      SANDBOX_SCALE: '0.05',
      SANDBOX_CLOCK_SPEED: '0',
      INGESTION_WINDOW_DAYS: '14',
      INGESTION_INTERVAL_SECONDS: '3600',
      CLOCK_START_AT: '2027-01-12T15:00:00Z',
      ...STRIPE_TEST_ENV,
      STRIPE_API_URL: stripe.url,
    },
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
  await stripe?.stop();
});

interface Item {
  id: string;
  splits: number[];
  allInPrice: { amount: number };
}

const topListing = () =>
  poll(
    'a ranked listing',
    async () => {
      const res = await http<{ items: Item[] }>(`${stack.url('frontend')}/api/v1/listings?sort=deal&limit=4`);
      return res.status === 200 && res.body.items.length ? res.body.items : undefined;
    },
    20_000,
    200,
  );
const captured = (orderId: string) =>
  poll(
    `the PaymentIntent of ${orderId} captured`,
    async () => {
      const intent = stripe.intentFor(orderId);
      return intent?.status === 'succeeded' ? intent : undefined;
    },
    15_000,
    100,
  );

describe('paying with Stripe', () => {
  it('through the API: a manual-capture PaymentIntent for the all-in total, captured once the broker accepts', async () => {
    const [item] = await topListing();
    const quantity = item.splits[0];
    const res = await http<{ id: string; status: string }>(`${stack.url('frontend')}/api/v1/orders`, {
      body: {
        listingId: item.id,
        quantity,
        expectedAllInPrice: item.allInPrice.amount,
        buyer: { name: 'Eliza Hamilton', email: 'eliza@example.com' },
        paymentToken: 'pm_card_visa',
      },
      headers: { 'idempotency-key': `e2e-stripe-${Date.now()}` },
    });
    expect([201, 202]).toContain(res.status);
    const intent = await captured(res.body.id);
    expect(intent).toMatchObject({
      amount: item.allInPrice.amount * quantity,
      amount_received: item.allInPrice.amount * quantity,
      currency: 'usd',
      capture_method: 'manual',
    });
    expect(stripe.captures(intent.id)).toBe(1);
  });

  const launch = async () =>
    (browser ??= await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    }));

  it('through the website: the card form is Stripe’s, the order carries its PaymentMethod and is captured', async () => {
    const [, item] = await topListing();
    const page = await (await launch()).newPage();
    await page.route('https://js.stripe.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: STRIPE_JS_STAND_IN }),
    );
    await page.goto(`${stack.url('frontend')}/checkout?id=${item.id}&quantity=${item.splits[0]}`);
    await page.getByTestId('checkout-form').waitFor();
    await page.getByTestId('stripe-card-form').waitFor();
    expect(await page.locator('input[name="paymentToken"]').count()).toBe(0); // no sandbox cards
    await page.getByLabel('Full name').fill('Angelica Schuyler');
    await page.getByLabel('Email').fill('angelica@example.com');
    const answer = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/orders') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: /^Pay / }).click();
    const order = (await (await answer).json()) as { id: string };
    await page.getByTestId('order-confirmation').waitFor({ timeout: 20_000 });
    const intent = await captured(order.id);
    expect(intent.payment_method).toBe('pm_card_visa');
    expect(intent.amount_received).toBe(item.allInPrice.amount * item.splits[0]);
  });

  /**
   * A page whose card needs 3-D Secure (Stripe.js served by the stand-in), the bank's check
   * answered `passed` at the stand-in, and the order answers (status, Idempotency-Key) recorded.
   */
  const threeDSecurePage = async (passed: boolean) => {
    const page = await (await launch()).newPage();
    await page.route('https://js.stripe.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: STRIPE_JS_STAND_IN }),
    );
    await page.addInitScript("window.stripeTestPaymentMethod = 'pm_card_threeDSecure2Required';");
    await page.exposeFunction('stripeAuthenticate', (clientSecret: string) => {
      stripe.authenticate(clientSecret.split('_secret_')[0], passed);
      return passed;
    });
    const answers: { status: number; key: string | null }[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/api/v1/orders') && r.request().method() === 'POST')
        answers.push({ status: r.status(), key: r.request().headers()['idempotency-key'] ?? null });
    });
    return { page, answers };
  };

  it('through the website with 3-D Secure: 402 requires_action, the page completes the check, the same order goes on', async () => {
    const [, , item] = await topListing();
    // The bank's check, between Stripe.js and Stripe: the buyer passes it.
    const { page, answers } = await threeDSecurePage(true);
    await page.goto(`${stack.url('frontend')}/checkout?id=${item.id}&quantity=${item.splits[0]}`);
    await page.getByTestId('stripe-card-form').waitFor();
    await page.getByLabel('Full name').fill('Angelica Schuyler');
    await page.getByLabel('Email').fill('angelica@example.com');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByTestId('order-confirmation').waitFor({ timeout: 20_000 });
    // Asked once, then the very same request (same key) continued the order.
    expect(answers.map((a) => a.status)[0]).toBe(402);
    expect([201, 202]).toContain(answers[1].status);
    expect(answers[1].key).toBe(answers[0].key);
    const calls = (await page.evaluate('window.stripeCalls')) as [string, unknown][];
    expect(calls.filter(([name]) => name === 'handleNextAction')).toHaveLength(1);
    const intent = [...stripe.intents.values()].find(
      (i) => i.payment_method === 'pm_card_threeDSecure2Required',
    )!;
    const captured_ = await captured(intent.metadata.order_id);
    expect(captured_.amount_received).toBe(item.allInPrice.amount * item.splits[0]);
    expect(stripe.captures(intent.id)).toBe(1);
  });

  it('through the website, a failed 3-D Secure check: the page sends the order once more, the seats are released at once', async () => {
    const [, , , item] = await topListing();
    const quantity = item.splits[0];
    // The buyer fails the bank's check.
    const { page, answers } = await threeDSecurePage(false);
    await page.goto(`${stack.url('frontend')}/checkout?id=${item.id}&quantity=${quantity}`);
    await page.getByTestId('stripe-card-form').waitFor();
    await page.getByLabel('Full name').fill('Peggy Schuyler');
    await page.getByLabel('Email').fill('peggy@example.com');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page
      .getByText(/unable to authenticate/)
      .first()
      .waitFor({ timeout: 20_000 });
    // Asked once; the same request (same key) then told the server, which declined and released.
    await poll('the repeat answered', async () => (answers.length >= 2 ? answers : undefined), 10_000, 100);
    expect(answers.map((a) => a.status)).toEqual([402, 402]);
    expect(answers[1].key).toBe(answers[0].key);
    const calls = (await page.evaluate('window.stripeCalls')) as [string, unknown][];
    expect(calls.filter(([name]) => name === 'handleNextAction')).toHaveLength(1);
    const intent = [...stripe.intents.values()].find(
      (i) => i.last_payment_error?.code === 'payment_intent_authentication_failure',
    );
    expect(intent).toMatchObject({ status: 'canceled', amount_received: 0 });
    // The seats are for sale again at once, not after the 15-minute window.
    const next = await http<{ id: string }>(`${stack.url('frontend')}/api/v1/orders`, {
      body: {
        listingId: item.id,
        quantity,
        expectedAllInPrice: item.allInPrice.amount,
        buyer: { name: 'Eliza Hamilton', email: 'eliza@example.com' },
        paymentToken: 'pm_card_visa',
      },
      headers: { 'idempotency-key': `e2e-stripe-after-check-${Date.now()}` },
    });
    expect([201, 202]).toContain(next.status);
  });
});
