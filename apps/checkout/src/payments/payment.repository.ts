import type { PaymentStatus } from '@hamiltix/persistence';
import type { DataSource } from 'typeorm';
import { prepared, queryPrepared } from '../database/prepared-statement.js';

/** An order's payment row as the providers and the webhook see it. */
export interface PaymentRecord {
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

/** `from` entry matching a payment whose provider state was never recorded. */
export const NO_PROVIDER_STATE = 'none';

/**
 * The provider's side of the `payments` rows (the row itself is created with the order and
 * its `status` moved by the order's statements). Kept in Postgres, never in process memory,
 * so any replica can capture or void what another one authorised.
 */
export class PaymentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(orderId: string): Promise<PaymentRecord | undefined> {
    const rows = await queryPrepared<Record<string, unknown>>(this.dataSource, FIND, [orderId]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async findByProviderReference(providerReference: string): Promise<PaymentRecord | undefined> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM payments WHERE provider_reference = $1`,
      [providerReference],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /**
   * Compare-and-set of the provider state: moves it to `to` only from one of `from`
   * (`NO_PROVIDER_STATE` for "never recorded") and, when `maxAmountCents` is given, only if
   * the payment's amount covers it. The provider reference is kept once set (`COALESCE`).
   * Undefined when nothing moved.
   */
  async moveProviderState(
    orderId: string,
    move: { from: string[]; to: string; providerReference?: string; minAmountCents?: number },
  ): Promise<PaymentRecord | undefined> {
    const rows = await queryPrepared<Record<string, unknown>>(this.dataSource, MOVE, [
      orderId,
      move.from,
      move.to,
      move.providerReference ?? null,
      move.minAmountCents ?? 0,
    ]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /** Counts a capture or cancel call that failed without an answer (see PaymentEntity.providerRetries). */
  async countFailedCall(orderId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE payments SET provider_retries = provider_retries + 1, updated_at = now() WHERE order_id = $1`,
      [orderId],
    );
  }

  /** Everything a provider holds as captured, cents, for one listing or all (test-mode inspection). */
  async capturedCents(provider: string, listingId?: string): Promise<number> {
    const rows: { cents: string | null }[] = await this.dataSource.query(
      `SELECT sum(p.amount_cents) AS cents FROM payments p JOIN orders o ON o.id = p.order_id
        WHERE p.provider = $1 AND p.provider_state = ANY($2::text[]) AND ($3::bigint IS NULL OR o.listing_id = $3)`,
      [provider, CAPTURED_STATES, listingId ?? null],
    );
    return Number(rows[0]?.cents ?? 0);
  }

  /** Records what the provider reported (a webhook, a lookup), whatever the state was. */
  async recordProviderState(
    orderId: string,
    providerReference: string,
    providerState: string,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE payments SET provider_reference = COALESCE(provider_reference, $2), provider_state = $3, updated_at = now()
        WHERE order_id = $1`,
      [orderId, providerReference, providerState],
    );
  }
}

/** Provider states meaning the money was taken (the sandbox's and Stripe's words). */
const CAPTURED_STATES = ['captured', 'succeeded'];

const COLUMNS = `order_id, provider, provider_reference, provider_state, status, provider_retries, amount_cents, created_at`;

const FIND = prepared('payment_find', `SELECT ${COLUMNS} FROM payments WHERE order_id = $1`);

const MOVE = prepared(
  'payment_move',
  `UPDATE payments SET provider_state = $3, provider_reference = COALESCE(provider_reference, $4), updated_at = now()
    WHERE order_id = $1 AND COALESCE(provider_state, '${NO_PROVIDER_STATE}') = ANY($2::text[]) AND amount_cents >= $5
    RETURNING ${COLUMNS}`,
);

function toRecord(r: Record<string, unknown>): PaymentRecord {
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
