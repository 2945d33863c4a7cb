// Screenshots of the home, search, listing (also past its sales cut-off) and checkout pages at desktop and phone widths,
// written to /tmp (SCREENSHOT_DIR) for a person to look at. Also checks that nothing
// overflows sideways on a phone.
import { browserAndStack, openPage } from './browser.js';

const DIR = process.env.SCREENSHOT_DIR ?? '/tmp';
const env = browserAndStack();

const pages = [
  { name: 'home', path: '/', ready: '[data-testid="listing"]' },
  { name: 'search', path: '/search?days=fri,sat&quantity=2', ready: '[data-testid="listing"]' },
  { name: 'listing', path: '/listing?id=L2&quantity=2', ready: '[data-testid="seatmap"]' },
  { name: 'checkout', path: '/checkout?id=L1&quantity=2', ready: '[data-testid="checkout-form"]' },
  // The API's 404 (performance_closed) is logged by the browser itself; nothing else may be.
  {
    name: 'sales-closed',
    path: '/listing?id=L-closed',
    ready: '[data-testid="sales-closed"]',
    allow: /status of 404/,
  },
] as { name: string; path: string; ready: string; allow?: RegExp }[];

describe.each([
  { device: 'desktop', width: 1280, height: 900, mobile: false },
  { device: 'phone', width: 390, height: 844, mobile: true },
])('$device', ({ device, width, height, mobile }) => {
  it.each(pages)('renders $name cleanly', async ({ name, path, ready, allow }) => {
    const { page, context, errors } = await openPage(env.browser, { width, height, mobile });
    await page.goto(`${env.stack.site}${path}`);
    await page.locator(ready).first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${DIR}/frontend-${name}-${device}.png`, fullPage: true });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors.filter((e) => !allow?.test(e))).toEqual([]);
    await context.close();
  });
});
