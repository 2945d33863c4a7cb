// Real Chromium for browser tests: the Debian package at /usr/bin/chromium (or CHROMIUM_PATH),
// driven by playwright-core; never a browser download.
import { chromium, type Browser } from 'playwright-core';
import { withoutFakeTime } from './private-server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium with the flags this machine's closed network needs. Pages pin their own
 * clock (`context.clock`), so the browser runs on the machine's real clock even when a test
 * run moves the clock of the code under test (scripts/test-at-hours.mjs).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    env: withoutFakeTime(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
