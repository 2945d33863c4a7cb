/**
 * When a performance can be sold, in one place (docs/architecture.md "Public HTTP API": a performance is on sale
 * until `SALES_CUTOFF_MINUTES` before it starts). Every service asks these functions, with
 * "now" from its injected clock:
 * - *on sale*: now is before `startsAt − cutoff`. Search lists it, checkout sells it.
 * - *closed*: past the cut-off but not started. Not listed, not sold; still pulled, so its
 *   last prices stay true until curtain.
 * - *over*: the performance has started. Ingestion stops pulling it and marks its listings gone.
 */
export const DEFAULT_SALES_CUTOFF_MINUTES = 60;

export type SalesState = 'on_sale' | 'closed' | 'over';

export interface SalesPolicy {
  /** Minutes before the start when sales close. */
  cutoffMinutes: number;
}

export const DEFAULT_SALES_POLICY: SalesPolicy = Object.freeze({
  cutoffMinutes: DEFAULT_SALES_CUTOFF_MINUTES,
});

const MINUTE_MS = 60_000;

function ms(at: Date | string | number): number {
  return typeof at === 'number' ? at : new Date(at).getTime();
}

/** The instant sales close for a performance starting at `startsAt`. */
export function salesCloseAt(
  startsAt: Date | string | number,
  policy: SalesPolicy = DEFAULT_SALES_POLICY,
): Date {
  return new Date(ms(startsAt) - policy.cutoffMinutes * MINUTE_MS);
}

export function salesState(
  startsAt: Date | string | number,
  now: Date,
  policy: SalesPolicy = DEFAULT_SALES_POLICY,
): SalesState {
  const start = ms(startsAt);
  const t = now.getTime();
  if (t >= start) return 'over';
  if (t >= start - policy.cutoffMinutes * MINUTE_MS) return 'closed';
  return 'on_sale';
}

/** True while buyers may see and buy the performance's listings. */
export function isOnSale(
  startsAt: Date | string | number,
  now: Date,
  policy: SalesPolicy = DEFAULT_SALES_POLICY,
): boolean {
  return salesState(startsAt, now, policy) === 'on_sale';
}

/** True once the performance has started: nothing about it changes any more. */
export function isOver(startsAt: Date | string | number, now: Date): boolean {
  return now.getTime() >= ms(startsAt);
}

/**
 * The earliest start time still on sale at `now`: a performance is on sale iff it starts
 * strictly after this instant. Lets a query filter with one comparison (`starts_at > $1`).
 */
export function onSaleStartsAfter(now: Date, policy: SalesPolicy = DEFAULT_SALES_POLICY): Date {
  return new Date(now.getTime() + policy.cutoffMinutes * MINUTE_MS);
}
