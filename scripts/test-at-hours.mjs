#!/usr/bin/env node
// Runs the date-sensitive suites with the MACHINE's clock moved (libfaketime) to each instant
// that breaks naive code. Every test pins its own clock, so each run must pass whatever the
// machine says the time is. Not part of `npm test` (it runs these suites, the e2e included, six times: about half an hour); run it
// after touching anything time-related:  node scripts/test-at-hours.mjs [jest paths...]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const INSTANTS = [
  ['23:45 UTC on 2 December (the hour the suite once failed)', '2026-12-02 23:45:00'],
  ['5 minutes before a 19:00 New York curtain', '2026-06-02 22:55:00'],
  ['the minute after that curtain', '2026-06-02 23:01:00'],
  ['00:00:30 in New York, still 21:00 the day before in Los Angeles', '2026-06-03 04:00:30'],
  ['just after the spring-forward (08 March 2026, 03:30 EDT)', '2026-03-08 07:30:00'],
  ['inside the repeated hour of the fall-back (01 November 2026, 01:30)', '2026-11-01 06:30:00'],
];
const SUITES = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      'libs/domain',
      // The sandbox's market moves with its clock, which starts at the machine's time.
      'libs/broker-client/test',
      'apps/ingestion/test',
      'apps/ranking',
      'apps/search-api',
      'apps/checkout',
      'apps/frontend/test/sales-closed.spec.ts',
      'e2e/stack.e2e.spec.ts',
    ];

const lib = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1',
].find(existsSync);
if (!lib) {
  console.error('libfaketime is missing: apt-get install -y faketime');
  process.exit(1);
}

let failed = 0;
for (const [what, at] of INSTANTS) {
  const started = performance.now();
  const run = spawnSync('npx', ['jest', '--silent', ...SUITES], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_OPTIONS: '--experimental-vm-modules --no-warnings',
      LD_PRELOAD: lib,
      // Start the machine's clock at the instant and let it run; leave monotonic time alone
      // (timers, performance.now()), as a machine whose clock is simply set there would.
      FAKETIME: `@${at}`,
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
      FAKETIME_DONT_RESET: '1',
      TZ: process.env.TZ ?? 'UTC',
    },
  });
  const summary = (run.stderr.match(/^Tests:.*$/m) ?? ['(no summary)'])[0];
  const secs = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`${run.status === 0 ? 'ok  ' : 'FAIL'} ${at} UTC — ${what}: ${summary} (${secs} s)`);
  if (run.status !== 0) {
    failed++;
    // Each failure's name and the first lines of its message.
    const lines = run.stderr.split('\n');
    const shown = lines.flatMap((l, i) => (l.includes('●') ? lines.slice(i, i + 4) : []));
    console.log(shown.slice(0, 60).join('\n'));
  }
}
process.exit(failed ? 1 : 0);
