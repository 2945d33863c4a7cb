// `npm run bench -- ranking`: ranks 100,000 listings of one show (seat-quality lookups
// through libs/venues + robust fit + deal scores + explanations + sort) and, in the same
// run, sorts 100,000 plain numeric keys. Prints both (median of several runs) and the
// ratio; the goal is ≤ 10×. Uses the compiled code in dist/ (the npm script builds first).
import { performance } from 'node:perf_hooks';
import { rankShow, toRankable } from '../dist/libs/ranking/src/index.js';
import { syntheticInventory } from '../dist/libs/ranking/src/fixtures/synthetic-inventory.js';

const N = 100_000;
const RUNS = 7;
const now = new Date('2026-09-01T16:00:00Z');
const raw = syntheticInventory({ listings: N, now, seed: 42 });

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function timeRank() {
  const t0 = performance.now();
  const listings = raw.map(toRankable); // quality lookups
  const result = rankShow(listings, now); // fit + scores + explanations + sort
  const ms = performance.now() - t0;
  if (result.ranked.length !== N) throw new Error('lost listings');
  return { ms, result };
}

function timePlainSort() {
  const keys = new Array(N);
  for (let i = 0; i < N; i++) keys[i] = raw[i].allInCents * 1.000001 + i / N; // distinct numbers
  const t0 = performance.now();
  keys.sort((a, b) => a - b);
  return performance.now() - t0;
}

function timeTypedSort() {
  const keys = new Float64Array(N);
  for (let i = 0; i < N; i++) keys[i] = raw[i].allInCents * 1.000001 + i / N;
  const t0 = performance.now();
  keys.sort();
  return performance.now() - t0;
}

// Warm up both paths (JIT), then measure interleaved.
timeRank();
timePlainSort();
const rank = [];
const plain = [];
const typed = [];
let last;
for (let r = 0; r < RUNS; r++) {
  const x = timeRank();
  rank.push(x.ms);
  last = x.result;
  plain.push(timePlainSort());
  typed.push(timeTypedSort());
}
const rankMs = median(rank);
const plainMs = median(plain);
const typedMs = median(typed);
const out = (s) => process.stdout.write(s + '\n');
out(`listings                       ${N}`);
out(`rankShow (quality+fit+score+sort) ${rankMs.toFixed(1)} ms  (median of ${RUNS})`);
out(`plain sort of ${N} numbers      ${plainMs.toFixed(1)} ms  (Array.prototype.sort, numeric comparator)`);
out(`typed sort of ${N} numbers      ${typedMs.toFixed(1)} ms  (Float64Array.prototype.sort)`);
out(`ratio vs plain sort             ${(rankMs / plainMs).toFixed(2)}×  (goal ≤ 10×)`);
out(`ratio vs typed sort             ${(rankMs / typedMs).toFixed(2)}×`);
out(
  `fit: median |log residual| ${last.fit.medianAbsLogResidual.toFixed(3)}, quality bins ${last.fit.qualityBins}, day cells ${last.fit.dayCells}`,
);
out(`best: ${last.ranked[0].explanation} (deal ${last.ranked[0].dealScore.toFixed(1)})`);
