/**
 * Deal score: where the all-in price sits against the fitted expected price, as
 * SeatGeek does ((actual − expected) / expected, docs/domain.md §2), mapped to 0..100 by a
 * logistic of the log ratio so that every show, date and venue shares one scale:
 *   at expected price → 50;  25% under (ratio 0.75) → ~76;  a third over → ~24.
 * Strictly decreasing in price and never rounded, so a cheaper copy always ranks higher.
 */
export const DEAL_SLOPE = 4;

export function dealScoreOfLogRatio(logRatio: number): number {
  return 100 / (1 + Math.exp(DEAL_SLOPE * logRatio));
}

/** (actual − expected) / expected from the log ratio. */
export function dealRatioOfLogRatio(logRatio: number): number {
  return Math.expm1(logRatio);
}
