// `npm run bench -- venues-quality`: 100,000 seatQuality() calls over a realistic mix of
// listings (known seats, row only, broker names, unknown rows, free-text notes) against a
// plain numeric sort of 100,000 keys. Per-seat quality is precomputed once per venue (the
// first call pays it; it is timed separately), so each call is a few map lookups.
import { performance } from 'node:perf_hooks';
import { listVenues, seatQuality } from '../dist/libs/venues/src/index.js';

const N = 100_000;
const RUNS = 7;
let seed = 42;
const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
const pick = (xs) => xs[Math.floor(random() * xs.length)];

const t0 = performance.now();
const venues = listVenues();
for (const v of venues)
  seatQuality({ venueId: v.id, section: v.sections[0].id, row: v.sections[0].rows[0].name });
const warmMs = performance.now() - t0;

const NOTES = [
  null,
  null,
  null,
  null,
  'Aisle',
  'Obstructed view',
  'Partial view',
  'Limited or obstructed view',
  'In hand',
];
const inputs = [];
for (let i = 0; i < N; i++) {
  const v = pick(venues);
  const s = pick(v.sections);
  const r = pick(s.rows);
  const k = Math.floor(random() * r.seats.length);
  const qty = Math.min(r.seats.length - k, 1 + Math.floor(random() * 4));
  const seats = [...r.seats]
    .sort((a, b) => a.number - b.number)
    .slice(0, qty)
    .map((x) => x.number);
  const kind = random();
  const notes = pick(NOTES);
  if (kind < 0.6) inputs.push({ venueId: v.id, section: s.id, row: r.name, seats, notes });
  else if (kind < 0.8)
    inputs.push({ venueId: v.id, section: pick([...s.aliases, s.name]), row: r.name, quantity: qty, notes });
  else if (kind < 0.9)
    inputs.push({
      venueId: v.id,
      section: pick(['ORCH', 'Mezz', 'Orch Center', 'Balcony']),
      row: r.name,
      quantity: qty,
      notes,
    });
  else
    inputs.push({
      venueId: v.id,
      section: pick(['Mezz', 'Loge', 'ORCH']),
      row: pick(['ZZ', '12', 'Q', 'GA']),
      quantity: qty,
      notes,
    });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
function timeQuality() {
  const t = performance.now();
  let sum = 0;
  for (let i = 0; i < N; i++) sum += seatQuality(inputs[i]).quality;
  const ms = performance.now() - t;
  if (!(sum > 0)) throw new Error('no qualities');
  return ms;
}
function timeSort() {
  const keys = new Array(N);
  for (let i = 0; i < N; i++) keys[i] = random() * 1e6;
  const t = performance.now();
  keys.sort((a, b) => a - b);
  return performance.now() - t;
}
timeQuality();
timeSort();
const q = [];
const s = [];
for (let r = 0; r < RUNS; r++) {
  q.push(timeQuality());
  s.push(timeSort());
}
const out = (x) => process.stdout.write(x + '\n');
out(`first use (expand 4 venues + per-seat precompute) ${warmMs.toFixed(1)} ms`);
out(`seatQuality x ${N}        ${median(q).toFixed(1)} ms  (median of ${RUNS})`);
out(`plain sort of ${N} numbers ${median(s).toFixed(1)} ms`);
out(`ratio                      ${(median(q) / median(s)).toFixed(2)}x  (goal <= 10x)`);
