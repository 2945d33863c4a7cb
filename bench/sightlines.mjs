// `npm run bench -- sightlines`: the start-up cost of computing every seat's sightline in
// every modelled venue (libs/venues/src/sightlines). The first pass also expands the venues
// from their specs (timed apart); then RUNS fresh passes over the already expanded venues.
import { performance } from 'node:perf_hooks';
import { computeVenueSightlines, listVenues, precomputeSightlines } from '../dist/libs/venues/src/index.js';

const RUNS = 9;
const t0 = performance.now();
const venues = listVenues();
const expandMs = performance.now() - t0;
const t1 = performance.now();
const seats = precomputeSightlines();
const firstMs = performance.now() - t1;

const times = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  let n = 0;
  for (const v of venues) n += computeVenueSightlines(v.id)?.seats ?? 0;
  times.push(performance.now() - t);
  if (n !== seats) throw new Error(`computed ${n} seats, expected ${seats}`);
}
times.sort((a, b) => a - b);
const f = (ms) => `${ms.toFixed(1)} ms`;
process.stdout.write(
  `venues expanded: ${venues.length} in ${f(expandMs)}\n` +
    `first precompute (start-up): ${seats} seats in ${f(firstMs)}\n` +
    `fresh recompute of every seat, ${RUNS} runs: median ${f(times[RUNS >> 1])}, min ${f(times[0])}, max ${f(times[RUNS - 1])}` +
    ` (${((times[RUNS >> 1] * 1000) / seats).toFixed(1)} µs per seat)\n`,
);
