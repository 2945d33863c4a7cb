// The website in a real Chromium against the dev server and a fixture API: home,
// search filters, the listing page's seat map, keyboard reach, error and empty states.
import { browserAndStack, openPage, until } from './browser.js';

const env = browserAndStack();

beforeEach(() => {
  env.stack.api.requests.length = 0;
  env.stack.api.listingsMode = 'normal';
});

const listingRequests = () => env.stack.api.requests.filter((r) => r.path === '/api/v1/listings');

describe('home page', () => {
  it('shows the ranked best deals across dates, all-in prices most prominent, in venue time', async () => {
    const { page, context, errors } = await openPage(env.browser);
    await page.goto(`${env.stack.site}/`);
    const cards = page.getByTestId('listing');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(3);
    const first = cards.first();
    expect(await first.getByTestId('all-in-price').textContent()).toBe('$412');
    expect(await first.textContent()).toContain('per ticket, fees included');
    expect(await first.textContent()).toContain('#1');
    // The browser is in Tokyo; the performances are in New York and Chicago.
    expect(await first.locator('time').textContent()).toBe('Sat, Dec 5 · 8:00 PM');
    expect(await cards.nth(2).locator('time').textContent()).toBe('Sat, Dec 12 · 7:30 PM');
    expect(await cards.nth(1).textContent()).toContain('Matinee');
    // The price is the largest text on the card (FTC/NY: the total is the most prominent figure).
    const sizes = await first.evaluate((card) => {
      const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
      const price = card.querySelector('[data-testid="all-in-price"]')!;
      return {
        price: px(price),
        others: [...card.querySelectorAll('*')].filter((e) => e !== price && e.children.length === 0).map(px),
      };
    });
    expect(sizes.price).toBeGreaterThan(Math.max(...sizes.others));
    expect(listingRequests()[0].query.get('sort')).toBe('deal');

    await page.getByRole('button', { name: 'More results' }).click();
    await page.locator('[data-listing-id="L-gone"]').waitFor();
    expect(await cards.count()).toBe(5);
    expect(listingRequests().at(-1)!.query.get('cursor')).toBe('page2');
    // The live region is updated a moment after the list (so screen readers announce it).
    await page.waitForFunction(() =>
      document.getElementById('results-status')!.textContent!.includes('5 in all'),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so clearly when the API fails, and offers to try again', async () => {
    env.stack.api.listingsMode = 'fail';
    const { page, context } = await openPage(env.browser);
    await page.goto(`${env.stack.site}/`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Rankings are being rebuilt');
    env.stack.api.listingsMode = 'normal';
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('listing').first().waitFor();
    await context.close();
  });

  it('has a clear empty state', async () => {
    env.stack.api.listingsMode = 'empty';
    const { page, context } = await openPage(env.browser);
    await page.goto(`${env.stack.site}/`);
    await page.locator('.empty-title', { hasText: 'No tickets match these choices.' }).waitFor();
    expect(await page.getByTestId('listing').count()).toBe(0);
    await context.close();
  });

  it('lets the keyboard reach the results', async () => {
    const { page, context } = await openPage(env.browser);
    await page.goto(`${env.stack.site}/`);
    await page.getByTestId('listing').first().waitFor();
    let inResult = false;
    for (let i = 0; i < 30 && !inResult; i++) {
      await page.keyboard.press('Tab');
      inResult = await page.evaluate(() =>
        Boolean(document.activeElement?.closest('[data-testid="listing"]')),
      );
    }
    expect(inResult).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/listing\?id=L1/);
    await context.close();
  });
});

describe('search', () => {
  it('sends every chosen filter to the API, in its own query names', async () => {
    const { page, context, errors } = await openPage(env.browser);
    await page.goto(`${env.stack.site}/search`);
    await page.getByTestId('listing').first().waitFor();
    await page.getByLabel('Show time').selectOption('evening');
    await page.getByLabel('Tickets', { exact: true }).selectOption('2');
    await page.getByLabel('Max price').fill('300');
    await page.getByLabel('Section').fill('Orchestra');
    await page.getByLabel('Sort by').selectOption('price');
    await page.getByRole('checkbox', { name: 'Fri' }).check();
    await page.getByRole('checkbox', { name: 'Sat' }).check();
    await page.getByLabel('Only seats with a clear view of the stage').check();
    await page.getByLabel('City').selectOption('New York');
    const before = listingRequests().length;
    await page.getByRole('button', { name: 'Show tickets' }).click();
    await page.waitForFunction(() => !document.getElementById('results')!.hasAttribute('aria-busy'));
    await until(
      () => listingRequests().length,
      (n) => n > before,
    );
    const q = listingRequests().at(-1)!.query;
    expect(Object.fromEntries(q)).toEqual({
      city: 'New York',
      time: 'evening',
      quantity: '2',
      maxPrice: '300',
      section: 'Orchestra',
      clearView: 'true',
      sort: 'price',
      days: 'fri,sat',
      limit: '25',
    });
    // The page URL holds the filters, so the search can be shared or bookmarked.
    expect(page.url()).toContain('days=fri%2Csat');
    expect(page.url()).toContain('maxPrice=300');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('turns calendar dates into from/to and keeps only the chosen dates', async () => {
    const { page, context } = await openPage(env.browser);
    await page.goto(`${env.stack.site}/search?dates=2026-12-05,2026-12-12`);
    await page.getByTestId('listing').first().waitFor();
    const q = listingRequests().at(-1)!.query;
    expect(q.get('from')).toBe('2026-12-05');
    expect(q.get('to')).toBe('2026-12-12');
    // Dec 9 lies between but was not chosen: that listing is left out (venue-local dates).
    expect(await page.locator('[data-listing-id="L2"]').count()).toBe(0);
    expect(await page.getByTestId('listing').count()).toBe(2);
    await context.close();
  });

  it('picks dates with the calendar, by mouse or keyboard', async () => {
    const { page, context } = await openPage(env.browser);
    await page.goto(`${env.stack.site}/search`);
    await page.getByTestId('listing').first().waitFor();
    await page.getByRole('button', { name: 'Next month' }).click();
    const day15 = page.locator('.cal-day').filter({ hasText: /^15/ });
    const date = await day15.getAttribute('data-date');
    await day15.click();
    await until(
      () => listingRequests().at(-1)?.query.get('from'),
      (v) => v === date,
    );
    expect(listingRequests().at(-1)!.query.get('to')).toBe(date);
    expect(await day15.getAttribute('aria-pressed')).toBe('true');
    await page.waitForFunction((d) => document.activeElement?.getAttribute('data-date') === d, date);
    // Arrow right moves to the 16th, Space chooses it too.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    const to = date!.slice(0, 8) + '16';
    await until(
      () => listingRequests().at(-1)?.query.get('to'),
      (v) => v === to,
    );
    // The address is updated right after the request goes out; wait for it, then check it.
    await page
      .waitForFunction((want) => new URL(location.href).searchParams.get('dates') === want, `${date},${to}`, {
        timeout: 5_000,
      })
      .catch(() => undefined);
    expect(new URL(page.url()).searchParams.get('dates')).toBe(`${date},${to}`);
    await context.close();
  });
});

describe('listing page', () => {
  it('draws the seat map with the seats highlighted and the view notes marked', async () => {
    const { page, context, errors } = await openPage(env.browser);
    await page.goto(`${env.stack.site}/listing?id=L2&quantity=2`);
    const map = page.getByTestId('seatmap');
    await map.waitFor();
    expect(await map.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
    expect(await map.locator('[data-mine="true"]').count()).toBe(4);
    expect(await map.locator('.seat.noted').count()).toBeGreaterThan(0);
    expect(await map.locator('.note-marker').count()).toBeGreaterThan(0);
    expect(await map.getAttribute('role')).toBe('img');
    const whole = await map.getAttribute('viewBox');
    await page.getByRole('button', { name: 'Zoom to your seats' }).click();
    expect(await map.getAttribute('viewBox')).not.toBe(whole);
    await page.screenshot({ path: '/tmp/frontend-listing-zoomed.png' });
    await page.getByRole('button', { name: 'Zoom to your seats' }).click();
    expect(await map.getAttribute('viewBox')).toBe(whole);
    expect(await page.locator('#seatmap-desc').textContent()).toContain('Your seats');
    // What they will not see is spelled out in words, not only drawn.
    expect(await page.locator('.unseen').textContent()).toContain('overhang');
    // The all-in price leads; the breakdown is one click away; face value and refunds are stated.
    expect(await page.locator('.buy-box [data-testid="all-in-price"]').textContent()).toBe('$269.50');
    await page.getByText('Price breakdown').click();
    expect(await page.locator('.breakdown dl').textContent()).toContain('Ticket price');
    expect(await page.locator('.breakdown dl').textContent()).toContain('$269.50');
    expect(await page.locator('.legal').textContent()).toContain('Face value');
    expect(await page.locator('.legal').textContent()).toContain('full refund');
    expect(await page.getByTestId('price-history').count()).toBe(1);
    expect(await page.locator('h1').textContent()).toContain('Orchestra Center');
    expect(await page.locator('.detail-head time').textContent()).toBe(
      'Wednesday, December 9, 2026 at 2:00 PM',
    );
    await page.getByRole('link', { name: 'Continue to checkout' }).click();
    await page.waitForURL(/\/checkout\?id=L2&quantity=2/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('titles a listing with the theatre’s section name, the seller’s code small beside it, and draws the mezzanines apart', async () => {
    const { page, context, errors } = await openPage(env.browser);
    await page.goto(`${env.stack.site}/listing?id=L-fmezz&quantity=2`);
    const map = page.getByTestId('seatmap');
    await map.waitFor();
    const h1 = page.locator('h1');
    expect(await h1.textContent()).toMatch(/^Front Mezzanine Left · Row E, seats \d+, \d+FMEZZ$/);
    expect(await h1.locator('.section-code').textContent()).toBe('FMEZZ');
    expect(await page.title()).toMatch(/^Front Mezzanine Left, row E — /);
    expect(await map.locator('[data-mine="true"]').count()).toBe(2);
    // As the browser lays them out (real font metrics): no section name over another, or over a seat.
    const overlaps = await map.evaluate((svg) => {
      const box = (e: Element) => (e as SVGGraphicsElement).getBBox();
      const hit = (a: DOMRect, b: DOMRect) =>
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      const labels = [...svg.querySelectorAll('.section-label')].map((e) => ({
        name: e.textContent,
        b: box(e),
      }));
      const seats = [...svg.querySelectorAll('.seats .seat')].map(box);
      const found: string[] = [];
      for (const [i, l] of labels.entries()) {
        for (const m of labels.slice(i + 1)) if (hit(l.b, m.b)) found.push(`${l.name} / ${m.name}`);
        if (seats.some((s) => hit(l.b, s))) found.push(`${l.name} / a seat`);
      }
      return found;
    });
    expect(overlaps).toEqual([]);
    await map.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/seatmap-richard-rodgers.png` });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says when the tickets are gone', async () => {
    const { page, context } = await openPage(env.browser);
    await page.goto(`${env.stack.site}/listing?id=nope`);
    await page.locator('.empty-title', { hasText: 'These tickets are no longer available.' }).waitFor();
    await context.close();
  });
});
