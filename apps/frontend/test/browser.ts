// Test helpers: the fixture API behind the real dev server, and a real Chromium
// (the Debian package at /usr/bin/chromium, driven by playwright-core; never a download).
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDevServer } from '../dev-server.mjs';
import { FixtureApi, startFixtureApi } from './fixture-api.js';

import { launchChromium } from '@hamiltix/platform/testing';

export { launchChromium };

export interface Stack {
  api: FixtureApi;
  site: string;
  close(): Promise<void>;
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** One fixture API playing search-api, checkout and the notifier, behind the dev server. */
export async function startStack(
  appEnv = 'development',
  payments: { paymentProvider?: string; stripePublishableKey?: string } = {},
): Promise<Stack> {
  const api = await startFixtureApi();
  const dev = createDevServer({
    searchApiUrl: api.url,
    checkoutUrl: api.url,
    notifierUrl: api.url,
    appEnv,
    ...payments,
    log: () => undefined,
  });
  const site = await listen(dev);
  await dev.warm();
  return {
    api,
    site,
    async close() {
      await closeServer(dev);
      await api.close();
    },
  };
}

/**
 * A Chromium and a stack (development settings) for a whole test file: started before its
 * first test, closed after its last. Read `browser` and `stack` inside the tests.
 */
export function browserAndStack(): { readonly browser: Browser; readonly stack: Stack } {
  const held: { browser?: Browser; stack?: Stack } = {};
  beforeAll(async () => {
    [held.browser, held.stack] = await Promise.all([launchChromium(), startStack()]);
  }, 60_000);
  afterAll(async () => {
    await held.browser?.close();
    await held.stack?.close();
  });
  return {
    get browser() {
      if (!held.browser) throw new Error('browserAndStack: read browser inside a test');
      return held.browser;
    },
    get stack() {
      if (!held.stack) throw new Error('browserAndStack: read stack inside a test');
      return held.stack;
    },
  };
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

/**
 * The browser's "now" in every test: after the fixture's price history, before its
 * performances (December 2026). Pages that look at today (the calendar, the price chart's
 * last point) then render the same whatever day the tests run.
 */
export const SITE_NOW = new Date('2026-11-25T15:00:00Z');

/**
 * A fresh page whose clock is in Tokyo: times on screen must still be the venue's wall
 * time, which proves nothing is converted to the browser's zone. Its clock is pinned at
 * SITE_NOW (timers still run).
 */
export async function openPage(
  browser: Browser,
  opts: { width?: number; height?: number; mobile?: boolean } = {},
): Promise<TestPage> {
  const context = await browser.newContext({
    timezoneId: 'Asia/Tokyo',
    locale: 'en-US',
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    deviceScaleFactor: opts.mobile ? 2 : 1,
    isMobile: opts.mobile ?? false,
    hasTouch: opts.mobile ?? false,
  });
  await context.clock.setFixedTime(SITE_NOW);
  const page = await context.newPage();
  // Fail fast with a useful message rather than at jest's 30 s test timeout.
  page.setDefaultTimeout(8000);
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return { page, context, errors };
}

/** Waits until fn() returns something matching (jest has no expect.poll). */
export async function until<T>(fn: () => T, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (ok(v)) return v;
    if (Date.now() > end)
      throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
