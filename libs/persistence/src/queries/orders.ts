import type { DataSource, QueryRunner } from 'typeorm';
import type { OrderStatus } from '../entities/order.entity.js';
import type { PaymentStatus } from '../entities/payment.entity.js';
import { prepared, queryPrepared } from '../sql/prepared.js';
import { execute, queryOne, queryRows, type Queryable } from '../sql/queryable.js';
import { KEY_AWAITING_ACTION } from './idempotency.js';
import { holdUpsert } from './reservations.js';
import type { OutboxInsert } from './outbox.js';

/**
 * Checkout's orders (`orders`, with their `payments` row, the seats' hold in
 * `listing_reservations`, the idempotency key's link and the outbox event): checkout is
 * their only writer. The hot-path statements are named prepared statements, each one
 * round trip that is atomic on its own; every status change is a compare-and-set
 * (`WHERE status = ANY(from)`), so when the purchase flow and the reconciler race exactly
 * one of them moves the order.
 */

/** Where a prepared statement may run: on the pool (autocommit) or a query runner's connection. */
export type PreparedTarget = DataSource | QueryRunner;

/** An order row (snake_case columns mapped by hand: hot path, plain SQL). */
export interface OrderRow {
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

export type NewOrderRow = Omit<
  OrderRow,
  'status' | 'brokerOrderId' | 'failureReason' | 'createdAt' | 'updatedAt'
>;

/** An idempotency key's final answer (row id = the key's hash), stored by the statement that confirms the order. */
export interface KeyAnswer {
  id: string;
  status: number;
  storedAnswer: string;
}

/** The seats' hold of a new order: the broker's count just re-quoted, and `confirmed_sales` read before it. */
export interface HoldInput {
  brokerAvailable: number;
  salesSeen: number;
}

/** The order's link to its idempotency key (the key's hash and the sealed access token). */
export interface KeyLink {
  id: string;
  storedAnswer: string;
}

/**
 * Holds the seats and, only if the hold succeeded, inserts the order and its payment,
 * links the key and inserts the `held` event — one statement. Undefined when the seats are gone.
 */
export async function createHeldOrder(
  db: PreparedTarget,
  order: NewOrderRow,
  payment: { id: string; provider: string },
  hold: HoldInput,
  key: KeyLink,
  event: OutboxInsert,
): Promise<OrderRow | undefined> {
  const rows = await queryPrepared<{ created_at: Date; updated_at: Date }>(db, CREATE_HELD, [
    ...orderParams(order),
    payment.id,
    payment.provider,
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
 * Before a re-quote, one statement: when the listing's performance starts (as ingestion
 * stored it; undefined when the listing is new to us) and how many sales were confirmed on it.
 */
export async function listingBeforeQuote(
  db: PreparedTarget,
  listingId: string,
): Promise<{ startsAt: Date | undefined; salesSeen: number }> {
  const rows = await queryPrepared<{ starts_at: Date | null; sales: number }>(db, BEFORE_QUOTE, [listingId]);
  return { startsAt: rows[0]?.starts_at ?? undefined, salesSeen: rows[0]?.sales ?? 0 };
}

/** When a performance (the broker event) starts. */
export async function performanceStartsAt(db: Queryable, performanceId: string): Promise<Date | undefined> {
  const row = await queryOne<{ starts_at: Date }>(db, `SELECT starts_at FROM performances WHERE id = $1`, [
    performanceId,
  ]);
  return row?.starts_at;
}

/** created → authorised with the provider's reference on the payment. False when the order was not `created`. */
export async function markOrderAuthorised(
  db: PreparedTarget,
  id: string,
  providerReference: string,
): Promise<boolean> {
  return (await queryPrepared(db, MARK_AUTHORISED, [id, providerReference])).length > 0;
}

/** authorised → broker_pending. False when the order was no longer `authorised`. */
export async function markOrderBrokerPending(db: PreparedTarget, id: string): Promise<boolean> {
  return (await queryPrepared(db, MARK_BROKER_PENDING, [id])).length > 0;
}

/**
 * One of `from` → confirmed: payment captured, the hold given back (the sale lowering the
 * listing's ceiling and counting in `confirmed_sales`), the event in the outbox and, with
 * `answer`, the key's final answer stored. False when the order was not open: nothing written.
 */
export async function markOrderConfirmed(
  db: PreparedTarget,
  order: { id: string; from: readonly OrderStatus[]; brokerOrderId: string | null },
  event: OutboxInsert,
  answer?: KeyAnswer,
): Promise<boolean> {
  const rows = await queryPrepared(db, MARK_CONFIRMED, [
    order.id,
    order.from,
    order.brokerOrderId,
    answer?.id ?? null,
    answer?.status ?? null,
    answer?.storedAnswer ?? null,
    ...outboxParams(event),
  ]);
  return rows.length > 0;
}

/** One of `from` → failed: the hold given back, the payment marked, the event in the outbox. */
export async function markOrderFailed(
  db: PreparedTarget,
  order: { id: string; from: readonly OrderStatus[]; reason: string; paymentStatus: PaymentStatus },
  event: OutboxInsert,
): Promise<boolean> {
  const rows = await queryPrepared(db, MARK_FAILED, [
    order.id,
    order.from,
    order.reason,
    order.paymentStatus,
    ...outboxParams(event),
  ]);
  return rows.length > 0;
}

/** Appends `note` to a failed order's reason (once) and records the broker's order id. */
export async function flagFailedOrder(
  db: Queryable,
  id: string,
  brokerOrderId: string | null,
  note: string,
): Promise<void> {
  await execute(
    db,
    `UPDATE orders SET broker_order_id = COALESCE($2, broker_order_id), updated_at = now(),
       failure_reason = left(COALESCE(failure_reason, 'failed') || '; ' || $3, 1000)
     WHERE id = $1 AND status = 'failed' AND position($3 in COALESCE(failure_reason, '')) = 0`,
    [id, brokerOrderId, note],
  );
}

/** Records the broker's order id without changing the status. */
export async function setOrderBrokerOrderId(db: Queryable, id: string, brokerOrderId: string): Promise<void> {
  await execute(db, `UPDATE orders SET broker_order_id = $2 WHERE id = $1`, [id, brokerOrderId]);
}

export async function findOrder(db: Queryable, id: string): Promise<OrderRow | undefined> {
  const row = await queryOne<Record<string, unknown>>(db, `SELECT ${COLUMNS} FROM orders WHERE id = $1`, [
    id,
  ]);
  return row ? toOrderRow(row) : undefined;
}

/** Which orders the reconciler takes (see findStuckOrders). */
export interface StuckQuery {
  /** The open states. */
  open: readonly OrderStatus[];
  /** Untouched for this long. */
  olderThanMs: number;
  /** A `created` order whose key awaits the buyer's authentication is left alone this long. */
  actionWindowMs: number;
}

/**
 * Open orders untouched for `olderThanMs`, oldest first, except those whose key is marked as
 * awaiting the buyer's authentication (KEY_AWAITING_ACTION) for less than `actionWindowMs`.
 */
export async function findStuckOrders(db: Queryable, q: StuckQuery, limit: number): Promise<OrderRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    `SELECT ${COLUMNS} FROM orders WHERE ${STUCK} ORDER BY updated_at LIMIT $5`,
    [...stuckParams(q), limit],
  );
  return rows.map(toOrderRow);
}

export async function countStuckOrders(db: Queryable, q: StuckQuery): Promise<number> {
  const row = await queryOne<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM orders WHERE ${STUCK}`,
    stuckParams(q),
  );
  return row!.n;
}

/** The order's payment status (`payments.status`). */
export async function orderPaymentStatus(db: Queryable, orderId: string): Promise<PaymentStatus | undefined> {
  return (
    await queryOne<{ status: PaymentStatus }>(db, `SELECT status FROM payments WHERE order_id = $1`, [
      orderId,
    ])
  )?.status;
}

const COLUMNS = `id, status, listing_id, performance_id, quantity, unit_all_in_cents, unit_retail_cents, total_cents,
  buyer_name, buyer_email, access_token_hash, broker_reference, broker_order_id, failure_reason, created_at, updated_at`;

const STUCK = `status = ANY($1::text[]) AND updated_at < now() - $2 * interval '1 millisecond'
        AND NOT (status = 'created' AND updated_at >= now() - $3 * interval '1 millisecond' AND EXISTS (
          SELECT 1 FROM idempotency_keys k WHERE k.order_id = orders.id AND k.state = 'in_progress' AND k.response_status = $4))`;

function stuckParams(q: StuckQuery): unknown[] {
  return [q.open, q.olderThanMs, q.actionWindowMs, KEY_AWAITING_ACTION];
}

/**
 * The outbox row of an order's change, inserted only when the order moved (`FROM o`).
 * Parameters from `first`: message id, subject, payload, headers; the channel to NOTIFY follows.
 */
const OUTBOX_INSERT = (first: number) =>
  `e AS (
         INSERT INTO outbox (message_id, subject, payload, headers)
         SELECT $${first}::uuid, $${first + 1}, $${first + 2}::jsonb, $${first + 3}::jsonb FROM o)`;

function outboxParams(event: OutboxInsert): unknown[] {
  return [event.messageId, event.subject, event.payload, event.headers, event.channel];
}

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

const BEFORE_QUOTE = prepared(
  'before_quote',
  `SELECT (SELECT p.starts_at FROM listings l JOIN performances p ON p.id = l.performance_id WHERE l.id = $1) AS starts_at,
          COALESCE((SELECT confirmed_sales FROM listing_reservations WHERE listing_id = $1), 0) AS sales`,
);

const MARK_AUTHORISED = prepared(
  'mark_authorised',
  `WITH o AS (UPDATE orders SET status = 'authorised', updated_at = now() WHERE id = $1 AND status = 'created' RETURNING id)
       UPDATE payments SET status = 'authorised', provider_reference = $2, updated_at = now() FROM o
        WHERE payments.order_id = o.id RETURNING payments.id`,
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

function orderParams(order: NewOrderRow): unknown[] {
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

function toOrderRow(r: Record<string, unknown>): OrderRow {
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
