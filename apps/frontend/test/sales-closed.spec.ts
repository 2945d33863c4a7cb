// A performance past its sales cut-off, in a real Chromium: the listing page (search-api
// answers 404 `performance_closed`) and checkout (the order answers 409 `performance_closed`)
// both say "Sales for this performance have closed", offer no way to pay, and link back to
// the best deals.
import type { Page } from 'playwright-core';
import { browserAndStack, openPage } from './browser.js';
import { CLOSED_LISTING, CLOSING } from './fixture-api.js';

const env = browserAndStack();

const orderPosts = () =>
  env.stack.api.requests.filter((r) => r.path === '/api/v1/orders' && r.method === 'POST');

/** The closed notice is shown, with no form to pay and a working link to the best deals. */
async function expectSalesClosed(page: Page): Promise<void> {
  const notice = page.getByTestId('sales-closed');
  await notice.waitFor();
  expect(await notice.getAttribute('role')).toBe('alert');
  expect(await notice.getByRole('heading').textContent()).toBe('Sales for this performance have closed');
  expect(await page.getByTestId('checkout-form').count()).toBe(0);
  expect(await page.getByRole('link', { name: 'Continue to checkout' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: /^Pay / }).count()).toBe(0);
  const back = notice.getByRole('link', { name: 'See the best deals' });
  expect(new URL((await back.getAttribute('href'))!, env.stack.site).pathname).toBe('/');
  await back.click();
  await page.waitForURL(`${env.stack.site}/`);
  await page.getByTestId('listing').first().waitFor();
}

describe('a performance past its sales cut-off', () => {
  it('listing page: the API answers 404 performance_closed → "Sales for this performance have closed"', async () => {
    const { page, context, errors } = await openPage(env.browser);
    await page.goto(`${env.stack.site}/listing?id=${CLOSED_LISTING}&quantity=2`);
    await page.getByTestId('sales-closed').waitFor();
    // Not the generic "no longer available" of a sold listing.
    expect(await page.locator('#listing').textContent()).not.toContain('no longer available');
    await expectSalesClosed(page);
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
    await context.close();
  });

  it('checkout page opened on a closed listing says so instead of showing the form', async () => {
    const { page, context } = await openPage(env.browser);
    await page.goto(`${env.stack.site}/checkout?id=${CLOSED_LISTING}&quantity=2`);
    await expectSalesClosed(page);
    await context.close();
  });

  it('checkout: the order answers 409 performance_closed → the form goes, the buyer is told, not charged', async () => {
    const { page, context } = await openPage(env.browser);
    await page.goto(`${env.stack.site}/checkout?id=${CLOSING.id}&quantity=2`);
    await page.getByTestId('checkout-form').waitFor();
    await page.getByLabel('Full name').fill('Eliza Schuyler');
    await page.getByLabel('Email').fill('eliza@example.com');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByTestId('sales-closed').waitFor();
    expect(orderPosts().some((r) => (r.body as { listingId?: string }).listingId === CLOSING.id)).toBe(true);
    expect(await page.getByTestId('sales-closed').textContent()).toContain('You have not been charged.');
    expect(await page.getByTestId('order-confirmation').count()).toBe(0);
    await expectSalesClosed(page);
    await context.close();
  });
});
