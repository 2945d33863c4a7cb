// `npm run bench -- alerts`: one show's re-ranking matched against 100,000 active saved searches
// (apps/notifier/src/matching/matcher.ts), beside a naive nested loop over the same data (every
// search × every listing, reference-matcher.ts). Synthetic, seeded market shaped like the
// sandbox's (synthetic-market.ts). Goal: the indexed matcher ≤ 1 s on this machine.
// The naive loop over all 100,000 searches would take 10–20 minutes here, so by default it runs
// over the first 2,000 and is scaled up (printed as such); ALERTS_BENCH_NAIVE_SAMPLE=100000 runs it whole.
//   ALERTS_BENCH_LISTINGS (57000), ALERTS_BENCH_SEARCHES (100000), ALERTS_BENCH_NAIVE_SAMPLE (2000)
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildListingColumns } from '../dist/apps/notifier/src/matching/listing-columns.js';
import { MAX_LISTINGS_PER_MAIL, matchSearches } from '../dist/apps/notifier/src/matching/matcher.js';
import { referenceMatches } from '../dist/apps/notifier/src/matching/reference-matcher.js';
import { syntheticMarket } from '../dist/apps/notifier/src/matching/synthetic-market.js';

const LISTINGS = Number(process.env.ALERTS_BENCH_LISTINGS ?? 57_000);
const SEARCHES = Number(process.env.ALERTS_BENCH_SEARCHES ?? 100_000);
const NAIVE_SAMPLE = Math.min(SEARCHES, Number(process.env.ALERTS_BENCH_NAIVE_SAMPLE ?? 2000));
const startsAfterMs = Date.UTC(2026, 5, 1);

const { listings, searches } = syntheticMarket(42, LISTINGS, SEARCHES);
// A third of the searches have been mailed before: 20 listings each, at today's price.
searches.forEach((s, k) => {
  if (k % 3 === 0) {
    const from = (k * 7919) % (LISTINGS - 20);
    s.notified = new Map(listings.slice(from, from + 20).map((l) => [l.listingId, l.allInCents]));
  }
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;

process.stdout.write(`${LISTINGS} listings, ${SEARCHES} saved searches, node ${process.version}\n`);

// Wall time and this process's CPU time: on a shared, overloaded machine the wall time
// measures the neighbours as much as the matcher.
const cpuMs = (start) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
};
const indexTimes = [];
const matchTimes = [];
const cpuTimes = [];
let matched = 0;
let mailed = 0;
for (let round = 0; round < 5; round++) {
  const cpu = process.cpuUsage();
  let t = performance.now();
  const columns = buildListingColumns(listings);
  indexTimes.push(performance.now() - t);
  t = performance.now();
  const result = matchSearches(columns, searches, { startsAfterMs });
  matchTimes.push(performance.now() - t);
  cpuTimes.push(cpuMs(cpu));
  mailed = result.length;
  matched = result.reduce((n, m) => n + m.listings.length, 0);
}
const indexed = median(indexTimes) + median(matchTimes);
process.stdout.write(
  `indexed matcher: ${ms(indexed)} (index ${ms(median(indexTimes))} + match ${ms(median(matchTimes))}; CPU ${ms(median(cpuTimes))}; median of 5) → ` +
    `${mailed} searches to mail, ${matched} listings (≤ ${MAX_LISTINGS_PER_MAIL} per mail)  ${indexed <= 1000 ? 'OK ≤ 1 s' : 'OVER 1 s'}\n`,
);

// The naive nested loop: every search against every listing, no index, no early stop.
const sample = searches.slice(0, NAIVE_SAMPLE);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
let naiveSearches = 0;
for (const s of sample) {
  let any = false;
  for (const l of listings) if (referenceMatches(l, s, startsAfterMs)) any = true;
  if (any) naiveSearches++;
}
const naive = performance.now() - t0;
const naiveCpu = cpuMs(cpu0);
const scaled = (naive * SEARCHES) / sample.length;
const scaledCpu = (naiveCpu * SEARCHES) / sample.length;
process.stdout.write(
  `naive nested loop: ${ms(scaled)}${sample.length < SEARCHES ? ` (extrapolated from ${sample.length} searches: ${ms(naive)})` : ''}` +
    ` (CPU ${ms(scaledCpu)})` +
    ` → ${naiveSearches}${sample.length < SEARCHES ? ' of the sampled' : ''} searches with a match\n` +
    `speed-up: ${(scaled / indexed).toFixed(0)}× wall, ${(scaledCpu / median(cpuTimes)).toFixed(0)}× CPU; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores\n`,
);
