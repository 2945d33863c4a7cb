export * from './types.js';
export * from './rank-show.js';
export { fitShow, fitColumns, columnsOf, predictLog, curveAt, MIN_CELL, QUALITY_BINS } from './fit.js';
export type { ShowFit, VenueCurve, FittedShow, FitColumns } from './fit.js';
export { performanceCells, DAY_GROUPS, HORIZON_DAYS } from './calendar.js';
export { dealScoreOfLogRatio, dealRatioOfLogRatio, DEAL_SLOPE } from './score.js';
export { explain, memoFormat, FAIR_BAND } from './explain.js';
export * from './seat-input.js';
/** The deterministic synthetic inventory (tests, judgements, benchmarks). */
export { syntheticInventory, syntheticPerformances } from './fixtures/synthetic-inventory.js';
