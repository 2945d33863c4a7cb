import { MATINEE_BEFORE_HOUR, WEEKDAYS, daysUntil, localParts } from '@hamiltix/domain';

/**
 * Date features of a performance, judged in the venue's time zone (a 2 pm curtain in
 * Chicago is a matinee whatever the server's zone). Computed once per performance, never
 * per listing: Intl formatting is the slowest thing the ranking does.
 */
export interface PerformanceCells {
  /** weekday (0 = Sunday) × 2 + matinee: 14 day types. */
  fine: number;
  /** Coarser day type when a fine one has too few listings, see DAY_GROUPS. */
  group: number;
  /** Days-until bucket, see HORIZON_DAYS. */
  horizon: number;
}

export const FINE_DAY_CELLS = 14;

/**
 * docs/domain.md §5: Friday/Saturday evenings and weekend matinees cost most; Wednesday
 * matinees 15–25% below Saturday night. Groups keep those apart when data is thin.
 */
export const DAY_GROUPS = ['peak-evening', 'weekday-evening', 'weekend-matinee', 'weekday-matinee'] as const;

/**
 * Upper bounds (exclusive) of the days-until buckets: last-minute seats fall in price for
 * unsold seats (docs/domain.md §5), next-day seats can also spike; far dates sit apart.
 */
export const HORIZON_DAYS = [3, 14, 60, Infinity] as const;

export function performanceCells(startsAtMs: number, timeZone: string, nowMs: number): PerformanceCells {
  const at = new Date(startsAtMs);
  const parts = localParts(at, timeZone);
  const day = WEEKDAYS.indexOf(parts.weekday);
  const matinee = parts.hour < MATINEE_BEFORE_HOUR;
  const weekend = parts.weekday === 'sat' || parts.weekday === 'sun';
  const peak = parts.weekday === 'fri' || parts.weekday === 'sat';
  const group = matinee ? (weekend ? 2 : 3) : peak ? 0 : 1;
  const days = daysUntil(at, new Date(nowMs));
  let horizon = 0;
  while (days >= HORIZON_DAYS[horizon]) horizon++;
  return { fine: day * 2 + (matinee ? 1 : 0), group, horizon };
}
