// Price alerts in a real Chromium: "Email me when these get cheaper" on the search page,
// prefilled from the filters; the confirmation link's page (double opt-in), managing and
// deleting an alert, the unsubscribe page, and a forged link.
import { browserAndStack, openPage, until } from './browser.js';

const env = browserAndStack();

const alertCalls = (method: string) =>
  env.stack.api.requests.filter((r) => r.path.startsWith('/api/v1/alerts') && r.method === method);

describe('price alerts', () => {
  it('signs up from the search page with the current filters as the alert', async () => {
    const { page, context, errors } = await openPage(env.browser);
    await page.goto(
      `${env.stack.site}/search?show=hamilton-nyc&city=New+York&quantity=2&maxPrice=300&day=fri&day=sat`,
    );
    await page.getByTestId('listing').first().waitFor();
    await page.getByRole('button', { name: 'Email me when these get cheaper' }).click();
    const form = page.getByTestId('alert-form');
    await form.waitFor();
    expect(
      await page.getByLabel('Tell me when the all-in price per ticket is at or below ($)').inputValue(),
    ).toBe('300');
    await page.getByLabel('Your email').fill('eliza@example.com');
    await page.getByLabel('and the seats are at least').selectOption('75');
    await page.getByRole('button', { name: 'Create alert' }).click();
    await until(
      () => alertCalls('POST').length,
      (n) => n === 1,
    );
    await page.getByText('Check your inbox').waitFor();
    expect(await form.isHidden()).toBe(true);
    expect(alertCalls('POST')[0]!.body).toEqual({
      email: 'eliza@example.com',
      show: 'hamilton-nyc',
      filters: { city: 'New York', days: ['fri', 'sat'], quantity: 2 },
      target: { maxPrice: 300, minQuality: 75 },
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('confirms from the email link, shows the alert and deletes it', async () => {
    const { page, context, errors } = await openPage(env.browser);
    await page.goto(`${env.stack.site}/alerts#action=confirm&id=A1&token=c1&access=a1`);
    await page.getByRole('heading', { name: 'Your price alert is on' }).waitFor();
    expect(await page.getByTestId('alert-summary').textContent()).toBe(
      'hamilton-nyc · 2 tickets · at or below $300 all-in · seat quality 75+',
    );
    expect(alertCalls('POST').some((r) => r.path === '/api/v1/alerts/A1/confirm')).toBe(true);
    // The tokens travel in the fragment and the body, never in a URL the server logs.
    for (const r of env.stack.api.requests) expect(r.query.toString()).not.toContain('c1');
    await page.getByRole('button', { name: 'Delete this alert' }).click();
    await page.getByRole('heading', { name: 'Alert deleted' }).waitFor();
    expect(alertCalls('DELETE')).toHaveLength(1);
    expect(alertCalls('DELETE')[0]!.headers.authorization).toBe('Bearer a1');
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
    await context.close();
  });

  it('unsubscribes in one click from the mail link; a forged link says so', async () => {
    const { page, context } = await openPage(env.browser);
    await page.goto(`${env.stack.site}/alerts#action=unsubscribe&id=A1&token=u1`);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'Unsubscribed' }).waitFor();

    await page.goto(`${env.stack.site}/search`);
    await page.goto(`${env.stack.site}/alerts#action=confirm&id=A1&token=forged`);
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor();
    expect(await page.getByTestId('alert-page').textContent()).toContain('No such alert');
    await context.close();
  });
});
