import {
  countStuckOrders,
  createHeldOrder,
  findOrder,
  findStuckOrders,
  flagFailedOrder,
  listingBeforeQuote,
  markOrderAuthorised,
  markOrderBrokerPending,
  markOrderConfirmed,
  markOrderFailed,
  performanceStartsAt,
  purgeSpentHolds,
  setOrderBrokerOrderId,
  type HoldInput,
  type KeyAnswer,
  type KeyLink,
  type NewOrderRow,
  type OrderRow,
  type OrderStatus,
  type PaymentStatus,
  type StuckQuery,
} from '@hamiltix/persistence';
import type { DataSource } from 'typeorm';
import type { OutboxMessage } from '../events/order-events.port.js';

/** An order row as checkout works with it. */
export type OrderRecord = OrderRow;

/** An idempotency key's final answer as stored (IdempotencyStore.completion). */
export type StoredKeyAnswer = KeyAnswer;

export type NewOrder = NewOrderRow;

/** Appended to a failed order's reason when the broker accepted it afterwards. */
export const BROKER_ORDER_TO_CANCEL = 'the broker accepted it afterwards: cancel the broker order';

/**
 * How long an order may wait for its buyer to authenticate the payment (3-D Secure) before
 * the reconciler fails it, cancelling the payment and releasing its seats.
 */
export const PAYMENT_ACTION_WINDOW_MS = 15 * 60_000;

/** States an order leaves only through the flow or the reconciler. */
export const OPEN_STATUSES: OrderStatus[] = ['created', 'authorised', 'broker_pending'];

/**
 * Orders and payments, through the statements of @hamiltix/persistence (queries/orders.ts).
 * Every status change is a compare-and-set: when the flow and the reconciler race, exactly
 * one of them moves the order.
 */
export class OrderRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The step that makes an order, as ONE statement (atomic without a transaction, one
   * round trip on the hot path): hold the seats (`listing_reservations`, conditional
   * upsert under its CHECK), and only if the hold succeeded insert the order and its
   * payment, link the idempotency key to it and put its `held` event in the outbox (ranking
   * takes held seats off sale). Undefined when the seats are gone.
   */
  createHeld(
    order: NewOrder,
    provider: string,
    paymentId: string,
    hold: HoldInput,
    key: KeyLink,
    event: OutboxMessage,
  ): Promise<OrderRecord | undefined> {
    return createHeldOrder(this.dataSource, order, { id: paymentId, provider }, hold, key, event);
  }

  /**
   * What the purchase reads before it re-quotes a listing, in one statement: when its
   * performance starts (as ingestion stored it; undefined when the listing is new to us), for
   * the sales cut-off, and how many sales checkout has confirmed on it so far (the hold's
   * `salesSeen`: a sale confirmed after this read may be missing from the re-quote).
   */
  beforeQuote(listingId: string): Promise<{ startsAt: Date | undefined; salesSeen: number }> {
    return listingBeforeQuote(this.dataSource, listingId);
  }

  /** When the performance (the broker event) starts, for the sales cut-off of a listing new to us. */
  performanceStart(performanceId: string): Promise<Date | undefined> {
    return performanceStartsAt(this.dataSource, performanceId);
  }

  /** created → authorised with the provider's reference on the payment, in one statement. */
  markAuthorised(id: string, providerReference: string): Promise<boolean> {
    return markOrderAuthorised(this.dataSource, id, providerReference);
  }

  /**
   * authorised → broker_pending, written before the broker call so that after a crash the
   * reconciler knows to ask the broker. False when the order was no longer `authorised`.
   */
  markBrokerPending(id: string): Promise<boolean> {
    return markOrderBrokerPending(this.dataSource, id);
  }

  /**
   * Open → confirmed, payment captured, the hold given back (the sale then lowers the
   * listing's ceiling and counts in `confirmed_sales`) and the event in the outbox, in ONE
   * statement. False when the order was no longer open: then nothing is written. With
   * `answer`, the idempotency key's final answer is stored in the same statement, so the
   * buyer's 201 is on record exactly when the order is confirmed.
   */
  markConfirmed(
    id: string,
    brokerOrderId: string | null,
    event: OutboxMessage,
    answer?: StoredKeyAnswer,
  ): Promise<boolean> {
    return markOrderConfirmed(this.dataSource, { id, from: OPEN_STATUSES, brokerOrderId }, event, answer);
  }

  /**
   * Open → failed, the hold given back, the payment marked and the event in the outbox, in
   * ONE statement: the seats are released exactly once, by whoever moved the order.
   */
  markFailed(
    order: OrderRecord,
    reason: string,
    paymentStatus: PaymentStatus,
    event: OutboxMessage,
  ): Promise<boolean> {
    return markOrderFailed(
      this.dataSource,
      { id: order.id, from: OPEN_STATUSES, reason, paymentStatus },
      event,
    );
  }

  /**
   * Marks a failed order whose broker order was accepted after all (see
   * OrderSettlement.brokerOrderForFailedOrder): the reason says what ops must do.
   */
  flagBrokerOrderToCancel(id: string, brokerOrderId: string | null): Promise<void> {
    return flagFailedOrder(this.dataSource, id, brokerOrderId, BROKER_ORDER_TO_CANCEL);
  }

  /** Remembers the broker's order id without changing the status (so the reconciler can look it up). */
  setBrokerOrderId(id: string, brokerOrderId: string): Promise<void> {
    return setOrderBrokerOrderId(this.dataSource, id, brokerOrderId);
  }

  findById(id: string): Promise<OrderRecord | undefined> {
    return findOrder(this.dataSource, id);
  }

  /**
   * Open orders untouched for `olderThanMs`: the reconciler's work list, oldest first. An
   * order waiting for its buyer to authenticate the payment (3-D Secure) is left alone for
   * PAYMENT_ACTION_WINDOW_MS; after that it is stuck like any other.
   */
  findStuck(olderThanMs: number, limit: number): Promise<OrderRecord[]> {
    return findStuckOrders(this.dataSource, stuck(olderThanMs), limit);
  }

  /** How many open orders are stuck (findStuck; the stuck-orders gauge). */
  countStuck(olderThanMs: number): Promise<number> {
    return countStuckOrders(this.dataSource, stuck(olderThanMs));
  }

  /** Deletes hold rows with no order in flight whose performance has begun (queries/reservations.ts). */
  purgeSpentHolds(now: Date): Promise<number> {
    return purgeSpentHolds(this.dataSource, now);
  }
}

function stuck(olderThanMs: number): StuckQuery {
  return { open: OPEN_STATUSES, olderThanMs, actionWindowMs: PAYMENT_ACTION_WINDOW_MS };
}
