// Checkout in a real Chromium: the happy path, a price change (409), sold out, a
// declined card (402), field errors (400), a provider error retried with the same
// Idempotency-Key, keyboard reach, no sandbox cards in production, Stripe's Payment Element
// in production (a stand-in of Stripe.js served for js.stripe.com) and no outside request in
// development.
import { Browser, Page } from 'playwright-core';
import { STRIPE_JS_STAND_IN } from '@hamiltix/platform/testing';
import { launchChromium, openPage, Stack, startStack, until } from './browser.js';

let browser: Browser;
let stack: Stack;
let prod: Stack;
let stripeProd: Stack;

beforeAll(async () => {
  [browser, stack, prod, stripeProd] = await Promise.all([
    launchChromium(),
    startStack(),
    startStack('production'),
    startStack('production', { paymentProvider: 'stripe', stripePublishableKey: 'pk_test_hamiltix' }),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await prod?.close();
  await stripeProd?.close();
});

beforeEach(() => {
  stack.api.requests.length = 0;
});

const orderPosts = () => stack.api.requests.filter((r) => r.path === '/api/v1/orders' && r.method === 'POST');

async function fillBuyer(page: Page, email = 'eliza@example.com') {
  await page.getByTestId('checkout-form').waitFor();
  await page.getByLabel('Full name').fill('Eliza Schuyler');
  await page.getByLabel('Email').fill(email);
}

describe('checkout', () => {
  it('buys the tickets and shows the confirmation, keeping the access token', async () => {
    const { page, context, errors } = await openPage(browser);
    await page.goto(`${stack.site}/checkout?id=L1&quantity=2`);
    await fillBuyer(page);
    expect(await page.getByRole('button', { name: 'Pay $824' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Pay $824' }).click();
    const confirmation = page.getByTestId('order-confirmation');
    await confirmation.waitFor();
    expect(await confirmation.getByTestId('order-id').textContent()).toBe('ord_1');
    expect(await confirmation.textContent()).toContain('$824.00');
    // Focus moves to the confirmation heading so a screen reader reads it at once.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirmation-title');
    await page.screenshot({
      path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/frontend-confirmation-desktop.png`,
    });

    const [post] = orderPosts();
    expect(post.body).toEqual({
      listingId: 'L1',
      quantity: 2,
      expectedAllInPrice: 41200,
      buyer: { name: 'Eliza Schuyler', email: 'eliza@example.com' },
      paymentToken: 'tok_sandbox_ok',
    });
    expect(String(post.headers['idempotency-key'])).toMatch(/^[0-9a-f-]{32,36}$/);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('hamiltix.orders') ?? '{}'));
    expect(stored.ord_1.accessToken).toBe('tok-access-1');

    // The order page reads it back with the kept token (bearer), never a token in the URL.
    await confirmation.getByRole('link', { name: 'View this order later' }).click();
    await page.waitForURL(/\/order\?id=ord_1$/);
    await page.locator('.facts').waitFor();
    const get = stack.api.requests.find((r) => r.path === '/api/v1/orders/ord_1');
    expect(get?.headers.authorization).toBe('Bearer tok-access-1');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a price change and continues at the new price only when the buyer says so', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${stack.site}/checkout?id=L-moving&quantity=2`);
    await fillBuyer(page);
    await page.getByRole('button', { name: 'Pay $798' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The price changed to $456 per ticket');
    expect(await alert.textContent()).toContain('it was $399');
    await page.screenshot({
      path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/frontend-price-changed-desktop.png`,
    });
    expect(orderPosts()).toHaveLength(1);
    await page.getByRole('button', { name: 'Continue at $456 per ticket' }).click();
    await page.getByTestId('order-confirmation').waitFor();
    const [first, second] = orderPosts();
    expect((second.body as { expectedAllInPrice: number }).expectedAllInPrice).toBe(45600);
    // A different body is a different order attempt: it gets its own key.
    expect(second.headers['idempotency-key']).not.toBe(first.headers['idempotency-key']);
    await context.close();
  });

  it('says when the seats sold out', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${stack.site}/checkout?id=L-gone&quantity=2`);
    await fillBuyer(page);
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('sold out');
    await context.close();
  });

  it('shows a declined card clearly, next to the payment choice', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${stack.site}/checkout?id=L1&quantity=2`);
    await fillBuyer(page);
    await page.getByLabel('Test card — declined').check();
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Your payment was declined');
    expect(await page.locator('#co-paymentToken-error').textContent()).toBe('This card was declined.');
    expect(await page.getByTestId('order-confirmation').count()).toBe(0);
    await context.close();
  });

  it('retries a provider error with the same Idempotency-Key', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${stack.site}/checkout?id=L1&quantity=2`);
    await fillBuyer(page);
    await page.getByLabel('Test card — payment provider error').check();
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('button', { name: 'Try again' }).click();
    await until(
      () => orderPosts().length,
      (n) => n === 2,
    );
    const [a, b] = orderPosts();
    expect(b.headers['idempotency-key']).toBe(a.headers['idempotency-key']);
    expect(await page.getByRole('alert').textContent()).toContain('you will not be charged twice');
    await context.close();
  });

  it('puts field errors next to the fields, checked in the page and by the server', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${stack.site}/checkout?id=L1&quantity=2`);
    await page.getByTestId('checkout-form').waitFor();
    await page.getByRole('button', { name: /^Pay / }).click();
    expect(await page.locator('#co-name-error').textContent()).toBe('Enter the name for the tickets.');
    expect(await page.getByLabel('Full name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('co-name');
    expect(orderPosts()).toHaveLength(0);

    await fillBuyer(page, 'taken@example.invalid');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.locator('#co-email-error:not(:empty)').waitFor();
    expect(await page.locator('#co-email-error').textContent()).toBe('This address cannot receive tickets');
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await context.close();
  });

  it('lets the keyboard reach and submit the form', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${stack.site}/checkout?id=L1&quantity=2`);
    await page.getByTestId('checkout-form').waitFor();
    let onName = false;
    for (let i = 0; i < 20 && !onName; i++) {
      await page.keyboard.press('Tab');
      onName = await page.evaluate(() => document.activeElement?.id === 'co-name');
    }
    expect(onName).toBe(true);
    await page.keyboard.type('Eliza Schuyler');
    await page.keyboard.press('Tab');
    await page.keyboard.type('eliza@example.com');
    await page.keyboard.press('Enter');
    await page.getByTestId('order-confirmation').waitFor();
    await context.close();
  });

  it('pays with Stripe’s Payment Element in production: the card goes to Stripe, the order carries its PaymentMethod', async () => {
    const { page, context, errors } = await openPage(browser);
    await page.route('https://js.stripe.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: STRIPE_JS_STAND_IN }),
    );
    await page.goto(`${stripeProd.site}/checkout?id=L1&quantity=2`);
    await fillBuyer(page);
    await page.getByTestId('stripe-card-form').waitFor();
    expect(await page.locator('input[name="paymentToken"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Pay $824' }).click();
    await page.getByTestId('order-confirmation').waitFor();
    const post = stripeProd.api.requests.find((r) => r.path === '/api/v1/orders' && r.method === 'POST');
    expect(post?.body).toMatchObject({
      quantity: 2,
      expectedAllInPrice: 41200,
      paymentToken: 'pm_card_visa',
    });
    const calls = await page.evaluate(() => (window as unknown as { stripeCalls: unknown[] }).stripeCalls);
    expect(calls).toContainEqual(['Stripe', 'pk_test_hamiltix']);
    expect(calls).toContainEqual([
      'elements',
      expect.objectContaining({ amount: 82400, currency: 'usd', captureMethod: 'manual' }),
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps development offline: the sandbox cards, and no request leaves the site', async () => {
    const { page, context } = await openPage(browser);
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(stack.site) && !r.url().startsWith('data:')) outside.push(r.url());
    });
    await page.goto(`${stack.site}/checkout?id=L1&quantity=2`);
    await page.getByTestId('checkout-form').waitFor();
    expect(await page.locator('input[name="paymentToken"]').count()).toBe(3);
    expect(await page.getByTestId('stripe-card-form').count()).toBe(0);
    expect(outside).toEqual([]);
    await context.close();
  });

  it('offers no sandbox cards in production', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${prod.site}/checkout?id=L1&quantity=2`);
    await page.getByTestId('checkout-form').waitFor();
    expect(await page.locator('input[name="paymentToken"]').count()).toBe(0);
    expect(await page.getByText('Test mode').count()).toBe(0);
    // And never a card number field, in any environment.
    expect(await page.locator('input[autocomplete="cc-number"], input[name*="card" i]').count()).toBe(0);
    await context.close();
  });
});
