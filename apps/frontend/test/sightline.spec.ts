// The listing page's drawing of what the seats see of the stage (the computed sightline of
// GET /api/v1/listings/:id): a clear centre seat, a seat deep under the Richard Rodgers
// overhang and a CIBC seat behind a row-U column, at desktop and phone widths. Checks the
// drawing and its text equivalent, and writes screenshots of the panel to SCREENSHOT_DIR
// (default /tmp) as sightline-<case>-<device>.png for a person to look at.
import { browserAndStack, openPage } from './browser.js';

const DIR = process.env.SCREENSHOT_DIR ?? '/tmp';
const env = browserAndStack();

const cases = [
  { name: 'clear-centre', id: 'L1', seen: /^You see about (9\d|100)% of the stage from row F/, note: null },
  {
    name: 'under-overhang',
    id: 'L-overhang',
    seen: /^You see about [3-6]\d% of the stage from row W/,
    note: /^The mezzanine overhang hides the top \d+% of the stage$/,
  },
  {
    name: 'column',
    id: 'L-column',
    seen: /^You see about [2-8]\d% of the stage from row W, seat 4\.$/,
    note: /^The row U column hides \d+% of the stage width$/,
  },
];

describe.each([
  { device: 'desktop', width: 1280, height: 900, mobile: false },
  { device: 'phone', width: 390, height: 844, mobile: true },
])('$device', ({ device, width, height, mobile }) => {
  it.each(cases)('draws the $name seat with its text equivalent', async ({ name, id, seen, note }) => {
    const { page, context, errors } = await openPage(env.browser, { width, height, mobile });
    await page.goto(`${env.stack.site}/listing?id=${id}`);
    const panel = page.getByTestId('sightline');
    await panel.waitFor();
    expect(await page.getByTestId('sightline-summary').textContent()).toMatch(seen);
    // Both drawings are described images whose description is on the page, in words.
    for (const testId of ['sightline-side', 'sightline-plan']) {
      const drawing = page.getByTestId(testId);
      expect(await drawing.getAttribute('role')).toBe('img');
      expect(await drawing.getAttribute('aria-label')).toMatch(/\d+%/);
      const described = await drawing.getAttribute('aria-describedby');
      const text = await page.locator(`#${described}`).textContent();
      expect(text).toMatch(/you see .*\d/i);
      expect(await drawing.locator('line, polygon').count()).toBeGreaterThan(2);
      const box = await drawing.boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      expect(box!.height).toBeGreaterThan(40);
    }
    const text = page.getByTestId('sightline-text');
    if (note)
      expect(await text.locator('li').allTextContents()).toEqual(
        expect.arrayContaining([expect.stringMatching(note)]),
      );
    else expect(await text.locator('li').count()).toBe(0);
    // "What you will not see" names each element once, with these seats' figure when known.
    await page.locator('.unseen, .clear-view').first().waitFor();
    await page.getByTestId('seatmap').waitFor();
    const unseen = await page.locator('.unseen li').allTextContents();
    const subjects = unseen.map((t) => /^(.+?) hides /.exec(t)?.[1]).filter(Boolean);
    expect(new Set(subjects).size).toBe(subjects.length);
    if (name === 'under-overhang')
      expect(unseen).toEqual(
        expect.arrayContaining([expect.stringMatching(/hides the top \d+% of the stage$/)]),
      );
    // The hidden part is shaded where something hides it, and only there.
    const shaded = await page.getByTestId('sightline-side').locator('.sl-hidden').count();
    if (name === 'under-overhang') expect(shaded).toBeGreaterThan(0);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: `${DIR}/sightline-${name}-${device}.png` });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
