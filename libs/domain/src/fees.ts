import type { Cents } from './money.js';

/**
 * The buyer fee schedule applied on top of the broker's retail price (docs/domain.md §4).
 * Resale buyer fees averaged about 31% of the ticket price (US GAO 2018); Hamiltix's
 * default is below that and is configurable per deployment.
 */
export interface FeeSchedule {
  /** Percent of the ticket price, e.g. 12.5 for 12.5%. */
  buyerFeePercent: number;
  /** Flat fee per ticket, in cents. */
  perTicketFeeCents: Cents;
}

export const DEFAULT_FEE_SCHEDULE: Readonly<FeeSchedule> = Object.freeze({
  buyerFeePercent: 15,
  perTicketFeeCents: 500,
});

export interface PriceBreakdown {
  /** The broker's retail price per ticket, cents. */
  ticket: Cents;
  /** Every mandatory fee per ticket, cents. */
  fees: Cents;
  /** All-in price per ticket (ticket + fees), cents: the figure buyers see first. */
  total: Cents;
}

/** All-in price per ticket. Fees round to the nearest cent, half up. */
export function allInPrice(ticket: Cents, schedule: FeeSchedule = DEFAULT_FEE_SCHEDULE): PriceBreakdown {
  const fees = Math.round((ticket * schedule.buyerFeePercent) / 100) + schedule.perTicketFeeCents;
  return { ticket, fees, total: ticket + fees };
}
