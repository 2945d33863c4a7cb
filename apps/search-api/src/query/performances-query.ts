import { checkRange, parseParam } from './listings-query.js';
import { dateParam, showParam } from './params.js';
import { checkParams, type RawQuery } from './query-errors.js';

export interface PerformancesQuery {
  show?: string;
  /** YYYY-MM-DD in the venue's zone, inclusive. */
  from?: string;
  to?: string;
}

export const PERFORMANCES_PARAMS = { show: showParam, from: dateParam, to: dateParam } as const;

export function parsePerformancesQuery(raw: RawQuery): PerformancesQuery {
  const q = checkParams(raw, Object.keys(PERFORMANCES_PARAMS));
  const out: PerformancesQuery = {};
  if (q.show !== undefined) out.show = parseParam('show', showParam, q.show);
  if (q.from !== undefined) out.from = parseParam('from', dateParam, q.from);
  if (q.to !== undefined) out.to = parseParam('to', dateParam, q.to);
  checkRange(out.from, out.to);
  return out;
}
