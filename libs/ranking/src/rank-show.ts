import { explain, memoFormat } from './explain.js';
import { type ShowFit, fitShow, predictLog } from './fit.js';
import { selectKth } from './robust.js';
import { dealRatioOfLogRatio, dealScoreOfLogRatio } from './score.js';
import type { RankResult, RankableListing, RankedListing } from './types.js';

/**
 * Ranks every current listing of one show across all its dates and venues: fits the
 * expected price from the inventory itself (fit.ts), scores each listing against it and
 * sorts best deal first, ties by listing id. Deterministic: the same listings in any
 * order give the same scores and order. O(n log n); date features once per performance.
 */
export function rankShow(listings: readonly RankableListing[], now: Date | number): RankResult {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const valid = listings.every(isRankable) ? listings : listings.filter(isRankable);
  const { fit, expectedLog } = fitShow(valid, nowMs);
  return finish(valid, expectedLog, fit);
}

/** Scores listings against a fit held fixed (what-if questions, tests of the score alone). */
export function rankWithFit(
  listings: readonly RankableListing[],
  fit: ShowFit,
  now: Date | number,
): RankResult {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const valid = listings.filter((l) => isRankable(l) && fit.curves.has(l.venueId));
  const expectedLog = new Float64Array(valid.length);
  for (let i = 0; i < valid.length; i++) expectedLog[i] = predictLog(fit, valid[i], nowMs);
  return finish(valid, expectedLog, fit);
}

function finish(listings: readonly RankableListing[], expectedLog: Float64Array, fit: ShowFit): RankResult {
  const n = listings.length;
  const score = new Float64Array(n);
  const absResid = new Float64Array(n);
  const format = memoFormat();
  const out: RankedListing[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const l = listings[i];
    const logRatio = Math.log(l.allInCents) - expectedLog[i];
    absResid[i] = logRatio < 0 ? -logRatio : logRatio;
    score[i] = dealScoreOfLogRatio(logRatio);
    const expectedCents = Math.round(Math.exp(expectedLog[i]));
    out[i] = {
      id: l.id,
      rank: 0,
      seatQuality: l.seatQuality,
      qualityConfidence: l.qualityConfidence,
      expectedCents,
      dealRatio: dealRatioOfLogRatio(logRatio),
      dealScore: score[i],
      explanation: explain(l.seatLabel, l.allInCents, expectedCents, l.viewNotes, format),
    };
  }
  // Sort the objects themselves (a plain array sorts faster than a typed array with a comparator).
  const ranked = out;
  ranked.sort((a, b) => b.dealScore - a.dealScore || compareIds(a.id, b.id));
  for (let k = 0; k < n; k++) ranked[k].rank = k + 1;
  const medianAbsLogResidual =
    n === 0 ? 0 : (selectKth(absResid, (n - 1) >> 1) + selectKth(absResid, n >> 1)) / 2;
  return {
    ranked,
    fit: { listings: n, medianAbsLogResidual, qualityBins: fit.qualityBins, dayCells: fit.dayCells },
    model: fit,
  };
}

/** Broker ids are numeric strings: shorter first, then lexical, gives numeric order. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isRankable(l: RankableListing): boolean {
  return Number.isFinite(l.allInCents) && l.allInCents > 0 && Number.isFinite(l.seatQuality);
}
