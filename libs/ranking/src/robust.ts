/**
 * Robust statistics for the price fit, chosen so one listing can barely move them.
 *
 * The interquartile mean (mean of the middle half, with fractional weights at the cut
 * points) ignores the cheapest and dearest quarters, so outliers (a $10,900 cast-change
 * spike, a $1 typo) do not drag it, yet, unlike the median, it is a smooth function of
 * every middle value: one listing's own weight in it is at most 2/n. That bound is what
 * keeps a listing's score strictly rising when only its own price falls, even though the
 * fit is re-estimated from the inventory that contains it (see fit.ts).
 */

const TRIM = 0.25;

/** Interquartile mean of `sorted[start, end)` (ascending). NaN for an empty range. */
export function iqmOfSorted(sorted: Float64Array, start: number, end: number): number {
  const n = end - start;
  if (n <= 0) return NaN;
  const lo = n * TRIM;
  const hi = n - lo;
  let sum = 0;
  const first = Math.floor(lo);
  const last = Math.min(n - 1, Math.ceil(hi) - 1);
  for (let k = first; k <= last; k++) {
    const w = Math.min(k + 1, hi) - Math.max(k, lo);
    if (w > 0) sum += w * sorted[start + k];
  }
  return sum / (hi - lo);
}

/**
 * Interquartile mean of `values` per group. `group[i]` in [0, groups) or -1 to skip.
 * Counting sort into one buffer, then one typed-array sort per group: O(n log n), no
 * per-element allocation. Results are independent of the input order.
 */
export function groupedIqm(
  values: Float64Array,
  group: Int32Array,
  groups: number,
  out: Float64Array,
  scratch: Float64Array,
): void {
  const offsets = new Int32Array(groups + 1);
  for (let i = 0; i < group.length; i++) if (group[i] >= 0) offsets[group[i] + 1]++;
  for (let g = 0; g < groups; g++) offsets[g + 1] += offsets[g];
  const fill = offsets.slice(0, groups);
  for (let i = 0; i < group.length; i++) {
    const g = group[i];
    if (g >= 0) scratch[fill[g]++] = values[i];
  }
  for (let g = 0; g < groups; g++) {
    const s = offsets[g];
    const e = offsets[g + 1];
    if (e - s > 1) scratch.subarray(s, e).sort();
    out[g] = iqmOfSorted(scratch, s, e);
  }
}

/**
 * Weighted isotonic (non-decreasing) regression by pool-adjacent-violators, in place over
 * `values[start, end)`. Used so the expected price never falls as seat quality rises: a
 * seat whose quality a view note lowered is then never expected to cost more.
 */
export function isotonicInPlace(
  values: Float64Array,
  weights: Float64Array,
  start: number,
  end: number,
): void {
  const n = end - start;
  if (n < 2) return;
  const blockValue = new Float64Array(n);
  const blockWeight = new Float64Array(n);
  const blockLen = new Int32Array(n);
  let b = 0;
  for (let i = 0; i < n; i++) {
    blockValue[b] = values[start + i];
    blockWeight[b] = weights[start + i];
    blockLen[b] = 1;
    b++;
    while (b > 1 && blockValue[b - 2] > blockValue[b - 1]) {
      const w = blockWeight[b - 2] + blockWeight[b - 1];
      blockValue[b - 2] =
        (blockValue[b - 2] * blockWeight[b - 2] + blockValue[b - 1] * blockWeight[b - 1]) / w;
      blockWeight[b - 2] = w;
      blockLen[b - 2] += blockLen[b - 1];
      b--;
    }
  }
  let k = start;
  for (let j = 0; j < b; j++) for (let t = 0; t < blockLen[j]; t++) values[k++] = blockValue[j];
}

/**
 * The k-th smallest value (0-based), rearranging `values` in place: O(n) on average
 * (Hoare's quickselect, middle pivot). The k-th order statistic is unique, so the answer
 * does not depend on the input order.
 */
export function selectKth(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}
