import type { OrderStatus, PaymentStatus } from '@hamiltix/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxMessage } from '../events/order-events.port.js';
import { prepared, queryPrepared } from '../database/prepared-statement.js';
import { returnedRows } from '../database/sql-result.js';
import { AWAITING_ACTION } from '../idempotency/idempotency.store.js';
import { holdUpsert } from '../reservations/reservation.repository.js';

/** An order row as checkout works with it (snake_case columns mapped by hand: hot path, plain SQL). */
export interface OrderRecord {
  id: string;
  status: OrderStatus;
  listingId: string;
  performanceId: string;
  quantity: number;
  unitAllInCents: number;
  unitRetailCents: number;
  totalCents: number;
  buyerName: string;
  buyerEmail: string;
  accessTokenHash: string;
  brokerReference: string;
  brokerOrderId: string | null;
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An idempotency key's final answer as stored (IdempotencyStore.completion). */
export interface StoredKeyAnswer {
  id: string;
  status: number;
  storedAnswer: string;
}

export type NewOrder = Omit<
  OrderRecord,
  'status' | 'brokerOrderId' | 'failureReason' | 'createdAt' | 'updatedAt'
>;

/** Appended to a failed order's reason when the broker accepted it afterwards. */
export const BROKER_ORDER_TO_CANCEL = 'the broker accepted it afterwards: cancel the broker order';

/**
 * How long an order may wait for its buyer to authenticate the payment (3-D Secure) before
 * the reconciler fails it, cancelling the payment and releasing its seats.
 */
export const PAYMENT_ACTION_WINDOW_MS = 15 * 60_000;

/**
 * Open orders untouched for $2 ms, except those whose key is marked as waiting for the
 * buyer's authentication ($4, IdempotencyStore.awaitAction) for less than $3 ms.
 */
const STUCK = `status = ANY($1::text[]) AND updated_at < now() - $2 * interval '1 millisecond'
        AND NOT (status = 'created' AND updated_at >= now() - $3 * interval '1 millisecond' AND EXISTS (
          SELECT 1 FROM idempotency_keys k WHERE k.order_id = orders.id AND k.state = 'in_progress' AND k.response_status = $4))`;

/** States an order leaves only through the flow or the reconciler. */
export const OPEN_STATUSES: OrderStatus[] = ['created', 'authorised', 'broker_pending'];

const COLUMNS = `id, status, listing_id, performance_id, quantity, unit_all_in_cents, unit_retail_cents, total_cents,
  buyer_name, buyer_email, access_token_hash, broker_reference, broker_order_id, failure_reason, created_at, updated_at`;

/**
 * Orders and payments. Every status change is a compare-and-set (`WHERE status = ANY(from)`):
 * when the flow and the reconciler race, exactly one of them moves the order.
 */
export class OrderRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, order: NewOrder, provider: string, paymentId: string): Promise<void> {
    await manager.query(
      `WITH o AS (
         INSERT INTO orders (id, status, listing_id, performance_id, quantity, unit_all_in_cents, unit_retail_cents,
           total_cents, buyer_name, buyer_email, access_token_hash, broker_reference)
         VALUES ($1, 'created', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id)
       INSERT INTO payments (id, order_id, provider, status, amount_cents) SELECT $12, o.id, $13, 'pending', $7 FROM o`,
      [...orderParams(order), paymentId, provider],
    );
  }

  /**
   * The step that makes an order, as ONE statement (atomic without a transaction, one
   * round trip on the hot path): hold the seats (`listing_reservations`, conditional
   * upsert under its CHECK), and only if the hold succeeded insert the order and its
   * payment, link the idempotency key to it and put its `held` event in the outbox (ranking
   * takes held seats off sale). Undefined when the seats are gone.
   */
  async createHeld(
    order: NewOrder,
    provider: string,
    paymentId: string,
    hold: { brokerAvailable: number; salesSeen: number },
    key: { id: string; storedAnswer: string },
    event: OutboxMessage,
  ): Promise<OrderRecord | undefined> {
    const rows = await queryPrepared<{ created_at: Date; updated_at: Date }>(this.dataSource, CREATE_HELD, [
      ...orderParams(order),
      paymentId,
      provider,
      hold.brokerAvailable,
      key.id,
      key.storedAnswer,
      hold.salesSeen,
      ...outboxParams(event),
    ]);
    if (!rows.length) return undefined;
    return {
      ...order,
      status: 'created',
      brokerOrderId: null,
      failureReason: null,
      createdAt: rows[0].created_at,
      updatedAt: rows[0].updated_at,
    };
  }

  /**
   * What the purchase reads before it re-quotes a listing, in one statement: when its
   * performance starts (as ingestion stored it; undefined when the listing is new to us), for
   * the sales cut-off, and how many sales checkout has confirmed on it so far (the hold's
   * `salesSeen`: a sale confirmed after this read may be missing from the re-quote).
   */
  async beforeQuote(listingId: string): Promise<{ startsAt: Date | undefined; salesSeen: number }> {
    const rows = await queryPrepared<{ starts_at: Date | null; sales: number }>(
      this.dataSource,
      BEFORE_QUOTE,
      [listingId],
    );
    return { startsAt: rows[0]?.starts_at ?? undefined, salesSeen: rows[0]?.sales ?? 0 };
  }

  /** When the performance (the broker event) starts, for the sales cut-off of a listing new to us. */
  async performanceStart(performanceId: string): Promise<Date | undefined> {
    const rows = (await this.dataSource.query(`SELECT starts_at FROM performances WHERE id = $1`, [
      performanceId,
    ])) as { starts_at: Date }[];
    return rows[0]?.starts_at;
  }

  /** created → authorised with the provider's reference on the payment, in one statement. */

  async markAuthorised(id: string, providerReference: string): Promise<boolean> {
    const rows = await queryPrepared(this.dataSource, MARK_AUTHORISED, [id, providerReference]);
    return rows.length > 0;
  }

  /**
   * authorised → broker_pending, written before the broker call so that after a crash the
   * reconciler knows to ask the broker. False when the order was no longer `authorised`.
   */
  async markBrokerPending(id: string): Promise<boolean> {
    const rows = await queryPrepared(this.dataSource, MARK_BROKER_PENDING, [id]);
    return rows.length > 0;
  }

  /**
   * Open → confirmed, payment captured, the hold given back (the broker's count has the sale
   * now) and the event in the outbox, in ONE statement (atomic
   * without a transaction, one round trip on the hot path). False when the order was no longer
   * open: then nothing is written. With `answer`, the idempotency key's final answer is stored
   * in the same statement, so the buyer's 201 is on record exactly when the order is confirmed.
   */
  async markConfirmed(
    id: string,
    brokerOrderId: string | null,
    event: OutboxMessage,
    answer?: StoredKeyAnswer,
  ): Promise<boolean> {
    const rows = await queryPrepared(this.dataSource, MARK_CONFIRMED, [
      id,
      OPEN_STATUSES,
      brokerOrderId,
      answer?.id ?? null,
      answer?.status ?? null,
      answer?.storedAnswer ?? null,
      ...outboxParams(event),
    ]);
    return rows.length > 0;
  }

  /**
   * Open → failed, the hold given back, the payment marked and the event in the outbox, in
   * ONE statement: the seats are released exactly once, by whoever moved the order.
   */
  async markFailed(
    order: OrderRecord,
    reason: string,
    paymentStatus: PaymentStatus,
    event: OutboxMessage,
  ): Promise<boolean> {
    const rows = await queryPrepared(this.dataSource, MARK_FAILED, [
      order.id,
      OPEN_STATUSES,
      reason,
      paymentStatus,
      ...outboxParams(event),
    ]);
    return rows.length > 0;
  }

  /** Moves the order from one of `from` to `to`. False when it was not in `from` (someone else moved it). */
  async transition(
    manager: EntityManager,
    id: string,
    from: OrderStatus[],
    to: OrderStatus,
    extra: { brokerOrderId?: string | null; failureReason?: string | null } = {},
  ): Promise<boolean> {
    const result: unknown = await manager.query(
      `UPDATE orders SET status = $3, updated_at = now(),
         broker_order_id = COALESCE($4, broker_order_id), failure_reason = COALESCE($5, failure_reason)
       WHERE id = $1 AND status = ANY($2::text[]) RETURNING id`,
      [id, from, to, extra.brokerOrderId ?? null, extra.failureReason ?? null],
    );
    return returnedRows(result).length > 0;
  }

  /**
   * Marks a failed order whose broker order was accepted after all (see
   * OrderSettlement.brokerOrderForFailedOrder): the reason says what ops must do.
   */
  async flagBrokerOrderToCancel(id: string, brokerOrderId: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE orders SET broker_order_id = COALESCE($2, broker_order_id), updated_at = now(),
         failure_reason = left(COALESCE(failure_reason, 'failed') || '; ' || $3, 1000)
       WHERE id = $1 AND status = 'failed' AND position($3 in COALESCE(failure_reason, '')) = 0`,
      [id, brokerOrderId, BROKER_ORDER_TO_CANCEL],
    );
  }

  /** Remembers the broker's order id without changing the status (so the reconciler can look it up). */
  async setBrokerOrderId(id: string, brokerOrderId: string): Promise<void> {
    await this.dataSource.query(`UPDATE orders SET broker_order_id = $2 WHERE id = $1`, [id, brokerOrderId]);
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrderRecord | undefined> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${COLUMNS} FROM orders WHERE id = $1`,
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /**
   * Open orders untouched for `olderThanMs`: the reconciler's work list, oldest first. An
   * order waiting for its buyer to authenticate the payment (3-D Secure) is left alone for
   * PAYMENT_ACTION_WINDOW_MS; after that it is stuck like any other.
   */
  async findStuck(olderThanMs: number, limit: number): Promise<OrderRecord[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM orders WHERE ${STUCK} ORDER BY updated_at LIMIT $5`,
      [OPEN_STATUSES, olderThanMs, PAYMENT_ACTION_WINDOW_MS, AWAITING_ACTION, limit],
    );
    return rows.map(toRecord);
  }

  /** How many open orders are stuck (findStuck; the stuck-orders gauge). */
  async countStuck(olderThanMs: number): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM orders WHERE ${STUCK}`, [
      OPEN_STATUSES,
      olderThanMs,
      PAYMENT_ACTION_WINDOW_MS,
      AWAITING_ACTION,
    ])) as { n: number }[];
    return row.n;
  }

  async paymentStatus(orderId: string): Promise<PaymentStatus | undefined> {
    const rows: { status: PaymentStatus }[] = await this.dataSource.query(
      `SELECT status FROM payments WHERE order_id = $1`,
      [orderId],
    );
    return rows[0]?.status;
  }
}

/**
 * The outbox row of an order's status change (the `outbox` table of the platform's relay),
 * inserted only when the order moved (`FROM o`). Parameters from `first`: message id,
 * subject, payload, headers; the channel to NOTIFY follows them.
 */
const OUTBOX_INSERT = (first: number) =>
  `e AS (
         INSERT INTO outbox (message_id, subject, payload, headers)
         SELECT $${first}::uuid, $${first + 1}, $${first + 2}::jsonb, $${first + 3}::jsonb FROM o)`;

function outboxParams(event: OutboxMessage): unknown[] {
  return [event.messageId, event.subject, event.payload, event.headers, event.channel];
}

// Hot-path statements, prepared once per connection (database/prepared-statement.ts).
const CREATE_HELD = prepared(
  'create_held',
  `WITH hold AS (
         ${holdUpsert({ listingId: 2, available: 14, quantity: 4, salesSeen: 17 })}
         RETURNING listing_id),
       o AS (
         INSERT INTO orders (id, status, listing_id, performance_id, quantity, unit_all_in_cents, unit_retail_cents,
           total_cents, buyer_name, buyer_email, access_token_hash, broker_reference)
         SELECT $1, 'created', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM hold
         RETURNING id, created_at, updated_at),
       p AS (
         INSERT INTO payments (id, order_id, provider, status, amount_cents) SELECT $12, o.id, $13, 'pending', $7 FROM o),
       k AS (
         UPDATE idempotency_keys SET order_id = o.id, response_body = $16::jsonb FROM o WHERE idempotency_keys.key = $15),
       ${OUTBOX_INSERT(18)}
       SELECT created_at, updated_at, pg_notify($22, '') FROM o`,
);

const MARK_AUTHORISED = prepared(
  'mark_authorised',
  `WITH o AS (UPDATE orders SET status = 'authorised', updated_at = now() WHERE id = $1 AND status = 'created' RETURNING id)
       UPDATE payments SET status = 'authorised', provider_reference = $2, updated_at = now() FROM o
        WHERE payments.order_id = o.id RETURNING payments.id`,
);

const BEFORE_QUOTE = prepared(
  'before_quote',
  `SELECT (SELECT p.starts_at FROM listings l JOIN performances p ON p.id = l.performance_id WHERE l.id = $1) AS starts_at,
          COALESCE((SELECT confirmed_sales FROM listing_reservations WHERE listing_id = $1), 0) AS sales`,
);

// The sale's hold is given back, and the sale lowers the listing's ceiling and counts in
// confirmed_sales: a re-quote read before this statement may not show it (holdUpsert).
const MARK_CONFIRMED = prepared(
  'mark_confirmed',
  `WITH o AS (
         UPDATE orders SET status = 'confirmed', updated_at = now(), broker_order_id = COALESCE($3, broker_order_id)
          WHERE id = $1 AND status = ANY($2::text[]) RETURNING id, listing_id, quantity),
       r AS (
         UPDATE listing_reservations SET reserved_quantity = GREATEST(reserved_quantity - o.quantity, 0),
                available_quantity = GREATEST(available_quantity - o.quantity, 0),
                confirmed_sales = confirmed_sales + 1, updated_at = now()
           FROM o WHERE listing_reservations.listing_id = o.listing_id),
       p AS (
         UPDATE payments SET status = 'captured', updated_at = now() FROM o WHERE payments.order_id = o.id),
       k AS (
         UPDATE idempotency_keys SET state = 'completed', response_status = $5, response_body = $6::jsonb
           FROM o WHERE $4::text IS NOT NULL AND idempotency_keys.key = $4 AND idempotency_keys.order_id = o.id),
       ${OUTBOX_INSERT(7)}
       SELECT o.id, pg_notify($11, '') FROM o`,
);

const MARK_FAILED = prepared(
  'mark_failed',
  `WITH o AS (
         UPDATE orders SET status = 'failed', updated_at = now(), failure_reason = $3
          WHERE id = $1 AND status = ANY($2::text[]) RETURNING id, listing_id, quantity),
       r AS (
         UPDATE listing_reservations SET reserved_quantity = GREATEST(reserved_quantity - o.quantity, 0), updated_at = now()
           FROM o WHERE listing_reservations.listing_id = o.listing_id),
       p AS (
         UPDATE payments SET status = $4, updated_at = now() FROM o WHERE payments.order_id = o.id),
       ${OUTBOX_INSERT(5)}
       SELECT o.id, pg_notify($9, '') FROM o`,
);

const MARK_BROKER_PENDING = prepared(
  'mark_broker_pending',
  `UPDATE orders SET status = 'broker_pending', updated_at = now() WHERE id = $1 AND status = 'authorised' RETURNING id`,
);

function orderParams(order: NewOrder): unknown[] {
  return [
    order.id,
    order.listingId,
    order.performanceId,
    order.quantity,
    order.unitAllInCents,
    order.unitRetailCents,
    order.totalCents,
    order.buyerName,
    order.buyerEmail,
    order.accessTokenHash,
    order.brokerReference,
  ];
}

function toRecord(r: Record<string, unknown>): OrderRecord {
  return {
    id: r.id as string,
    status: r.status as OrderStatus,
    listingId: String(r.listing_id),
    performanceId: String(r.performance_id),
    quantity: r.quantity as number,
    unitAllInCents: r.unit_all_in_cents as number,
    unitRetailCents: r.unit_retail_cents as number,
    totalCents: r.total_cents as number,
    buyerName: r.buyer_name as string,
    buyerEmail: r.buyer_email as string,
    accessTokenHash: r.access_token_hash as string,
    brokerReference: r.broker_reference as string,
    brokerOrderId: (r.broker_order_id as string | null) ?? null,
    failureReason: (r.failure_reason as string | null) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}
