import type { PaymentStatus } from '../entities/payment.entity.js';
import { prepared, queryPrepared } from '../sql/prepared.js';
import { execute, queryOne, type Queryable } from '../sql/queryable.js';
import type { PreparedTarget } from './orders.js';

/**
 * The provider's side of checkout's `payments` rows (the row itself is created with its
 * order, and its `status` moved by the order's statements, orders.ts). Checkout is their only writer.
 */

/** A payment row as the providers and the webhook see it. */
export interface PaymentRow {
  orderId: string;
  provider: string;
  providerReference: string | null;
  /** The provider's own state (Stripe's PaymentIntent status; the sandbox's authorised/captured/voided). */
  providerState: string | null;
  status: PaymentStatus;
  /** Failed capture/cancel calls so far (part of the next call's idempotency key). */
  providerRetries: number;
  amountCents: number;
  createdAt: Date;
}

/** `from` entry of movePaymentProviderState matching a payment whose provider state was never recorded. */
export const NO_PROVIDER_STATE = 'none';

/** Provider states meaning the money was taken (the sandbox's and Stripe's words). */
const CAPTURED_STATES = ['captured', 'succeeded'];

export async function findPayment(db: PreparedTarget, orderId: string): Promise<PaymentRow | undefined> {
  const rows = await queryPrepared<Record<string, unknown>>(db, FIND, [orderId]);
  return rows[0] ? toPaymentRow(rows[0]) : undefined;
}

export async function findPaymentByProviderReference(
  db: Queryable,
  providerReference: string,
): Promise<PaymentRow | undefined> {
  const row = await queryOne<Record<string, unknown>>(
    db,
    `SELECT ${COLUMNS} FROM payments WHERE provider_reference = $1`,
    [providerReference],
  );
  return row ? toPaymentRow(row) : undefined;
}

/**
 * Compare-and-set of the provider state: to `to` only from one of `from` (NO_PROVIDER_STATE
 * for "never recorded") and only if the payment's amount covers `minAmountCents`. The
 * provider reference is kept once set. Undefined when nothing moved.
 */
export async function movePaymentProviderState(
  db: PreparedTarget,
  orderId: string,
  move: { from: readonly string[]; to: string; providerReference?: string; minAmountCents?: number },
): Promise<PaymentRow | undefined> {
  const rows = await queryPrepared<Record<string, unknown>>(db, MOVE, [
    orderId,
    move.from,
    move.to,
    move.providerReference ?? null,
    move.minAmountCents ?? 0,
  ]);
  return rows[0] ? toPaymentRow(rows[0]) : undefined;
}

/** Counts a capture or cancel call that failed without an answer. */
export async function countFailedPaymentCall(db: Queryable, orderId: string): Promise<void> {
  await execute(
    db,
    `UPDATE payments SET provider_retries = provider_retries + 1, updated_at = now() WHERE order_id = $1`,
    [orderId],
  );
}

/** Everything a provider holds as captured, cents, for one listing or all. */
export async function capturedCents(db: Queryable, provider: string, listingId?: string): Promise<number> {
  const row = await queryOne<{ cents: string | null }>(
    db,
    `SELECT sum(p.amount_cents) AS cents FROM payments p JOIN orders o ON o.id = p.order_id
      WHERE p.provider = $1 AND p.provider_state = ANY($2::text[]) AND ($3::bigint IS NULL OR o.listing_id = $3)`,
    [provider, CAPTURED_STATES, listingId ?? null],
  );
  return Number(row?.cents ?? 0);
}

/** Records what the provider reported (a webhook, a lookup), whatever the state was. */
export async function recordPaymentProviderState(
  db: Queryable,
  orderId: string,
  providerReference: string,
  providerState: string,
): Promise<void> {
  await execute(
    db,
    `UPDATE payments SET provider_reference = COALESCE(provider_reference, $2), provider_state = $3, updated_at = now()
      WHERE order_id = $1`,
    [orderId, providerReference, providerState],
  );
}

const COLUMNS = `order_id, provider, provider_reference, provider_state, status, provider_retries, amount_cents, created_at`;

const FIND = prepared('payment_find', `SELECT ${COLUMNS} FROM payments WHERE order_id = $1`);

const MOVE = prepared(
  'payment_move',
  `UPDATE payments SET provider_state = $3, provider_reference = COALESCE(provider_reference, $4), updated_at = now()
    WHERE order_id = $1 AND COALESCE(provider_state, '${NO_PROVIDER_STATE}') = ANY($2::text[]) AND amount_cents >= $5
    RETURNING ${COLUMNS}`,
);

function toPaymentRow(r: Record<string, unknown>): PaymentRow {
  return {
    orderId: r.order_id as string,
    provider: r.provider as string,
    providerReference: (r.provider_reference as string | null) ?? null,
    providerState: (r.provider_state as string | null) ?? null,
    status: r.status as PaymentStatus,
    providerRetries: r.provider_retries as number,
    amountCents: r.amount_cents as number,
    createdAt: r.created_at as Date,
  };
}
