import { explain, memoFormat } from './explain.js';
import { type FitColumns, type ShowFit, fitColumns, fitShow, predictLog } from './fit.js';
import { selectKth } from './robust.js';
import { dealRatioOfLogRatio, dealScoreOfLogRatio } from './score.js';
import type { FitSummary, RankResult, RankableListing, RankedListing } from './types.js';

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
  return { ranked, fit: summary(n, absResid, fit), model: fit };
}

/** A show ranked from columns (rankColumns): per listing of the input, its score and expected price. */
export interface ColumnRanking {
  /** The unrounded deal score of listing i (RankedListing.dealScore). */
  dealScore: Float64Array;
  /** Fitted expected all-in cents of listing i (RankedListing.expectedCents). */
  expectedCents: Float64Array;
  /** Listing indexes best deal first, ties by id: order[k] is the listing of rank k + 1. */
  order: Uint32Array;
  fit: FitSummary;
  model: ShowFit;
}

/**
 * rankShow on columns, for a full ranking that holds no object per listing: the same fit,
 * scores, expected prices and order, bit for bit, as rankShow of the same listings (`ids[i]`
 * is listing i's id; every listing must be rankable: price > 0, finite quality). Explanations
 * are the caller's, per listing when it needs them: explain(seatLabel, allInCents, expectedCents[i], viewNotes).
 */
export function rankColumns(columns: FitColumns, ids: readonly string[], now: Date | number): ColumnRanking {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const n = columns.count;
  for (let i = 0; i < n; i++) {
    if (!(
      Number.isFinite(columns.allInCents[i]) &&
      columns.allInCents[i] > 0 &&
      Number.isFinite(columns.seatQuality[i])
    ))
      throw new Error(`listing ${ids[i]} is not rankable`);
  }
  const { fit, expectedLog } = fitColumns(columns, nowMs);
  const dealScore = new Float64Array(n);
  const expectedCents = new Float64Array(n);
  const absResid = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const logRatio = Math.log(columns.allInCents[i]) - expectedLog[i];
    absResid[i] = logRatio < 0 ? -logRatio : logRatio;
    dealScore[i] = dealScoreOfLogRatio(logRatio);
    expectedCents[i] = Math.round(Math.exp(expectedLog[i]));
  }
  // A plain array of indexes sorts with a comparator faster than a typed array does.
  const byRank = Array.from({ length: n }, (_, i) => i);
  byRank.sort((a, b) => dealScore[b] - dealScore[a] || compareIds(ids[a], ids[b]));
  return {
    dealScore,
    expectedCents,
    order: Uint32Array.from(byRank),
    fit: summary(n, absResid, fit),
    model: fit,
  };
}

function summary(n: number, absResid: Float64Array, fit: ShowFit): FitSummary {
  const medianAbsLogResidual =
    n === 0 ? 0 : (selectKth(absResid, (n - 1) >> 1) + selectKth(absResid, n >> 1)) / 2;
  return { listings: n, medianAbsLogResidual, qualityBins: fit.qualityBins, dayCells: fit.dayCells };
}

/** Broker ids are numeric strings: shorter first, then lexical, gives numeric order. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isRankable(l: RankableListing): boolean {
  return Number.isFinite(l.allInCents) && l.allInCents > 0 && Number.isFinite(l.seatQuality);
}
