import type { BrokerListing, BrokerOrder, CreateOrderInput } from '@hamiltix/broker-client';

/**
 * What checkout needs from the broker. The real adapter wraps `BrokerClient`; tests may
 * substitute one (e.g. a broker that rejects after authorisation) through Nest DI.
 */
export interface CheckoutBroker {
  /** A fresh read of one listing (price, quantity, splits, signature); undefined when it is gone. */
  getListing(listingId: number): Promise<BrokerListing | undefined>;
  /**
   * Places the order. `reference` is our order id: the broker keeps one order per
   * reference, so repeating the call can never order twice.
   * Throws BrokerOrderRefusedError when the broker refuses it outright (stale signature, validation),
   * BrokerNotAttemptedError when the call was never made; anything else leaves the outcome unknown.
   */
  createOrder(input: CreateOrderInput & { reference: string }): Promise<BrokerOrder>;
  /** The broker's order for our reference (or its broker id when known); undefined when the broker has none. */
  findOrder(ref: { reference: string; brokerOrderId?: string | null }): Promise<BrokerOrder | undefined>;
}

/** The broker answered that it will not place this order (a definite no: nothing was ordered). */
export class BrokerOrderRefusedError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'BrokerOrderRefusedError';
  }
}

/** The order was not sent at all (the circuit breaker is open): certainly nothing was ordered. */
export class BrokerNotAttemptedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrokerNotAttemptedError';
  }
}

/**
 * Retries of checkout's broker reads: a buyer is waiting, so one quick retry at most, never a
 * long back-off (order POSTs are never retried). The reconciler's stuck age is derived from it.
 */
export const CHECKOUT_BROKER_RETRY = {
  maxAttempts: 2,
  baseDelayMs: 100,
  maxDelayMs: 500,
  maxRetryAfterMs: 1_000,
};

/** Nest injection token for the CheckoutBroker. */
export const CHECKOUT_BROKER = Symbol('CHECKOUT_BROKER');

export type BrokerOrderOutcome = 'accepted' | 'rejected' | 'pending';

/** Maps the broker's order states to what checkout does next. A seller's cancel counts as a rejection. */
export function orderOutcome(order: BrokerOrder): BrokerOrderOutcome {
  const state = String(order.state).toLowerCase();
  if (state === 'accepted' || state === 'completed' || state === 'shipped' || state === 'delivered')
    return 'accepted';
  if (state === 'rejected' || state === 'canceled' || state === 'cancelled' || state === 'failed')
    return 'rejected';
  return 'pending';
}
