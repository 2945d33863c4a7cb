// The page's "now": the browser's clock, read here only, so the rule "time is an input" holds
// for the website as for the services. The browser tests pin it (SITE_NOW in test/browser.ts,
// Playwright's context.clock), so what depends on today renders the same on any day.

export function now(): Date {
  return new Date();
}
