import { prepared, queryPrepared } from '../sql/prepared.js';
import { execute, queryOne, queryRows, type Queryable } from '../sql/queryable.js';
import type { PreparedTarget } from './orders.js';

/**
 * Checkout's idempotency keys (`idempotency_keys`), keyed by the hash of the client's key;
 * checkout is their only writer.
 */

/**
 * `response_status` of a key still `in_progress` whose order waits for the buyer to
 * authenticate the payment (3-D Secure): a repeat continues the order (takeAwaitingKey).
 */
export const KEY_AWAITING_ACTION = 402;

/** A key's row as a repeat reads it. */
export interface KeyRow {
  requestHash: string;
  state: 'in_progress' | 'completed';
  responseStatus: number | null;
  /** jsonb: the stored answer and the sealed access token. */
  responseBody: unknown;
  orderId: string | null;
  ageMs: number;
}

/**
 * Claims a new key, or one whose retention ran out, in one statement: two requests can
 * never both claim the same key. False when the key is someone's.
 */
export async function claimKey(
  db: PreparedTarget,
  id: string,
  requestHash: string,
  ttlMs: number,
): Promise<boolean> {
  return (await queryPrepared(db, CLAIM, [id, requestHash, ttlMs])).length > 0;
}

export async function findKey(db: Queryable, id: string): Promise<KeyRow | undefined> {
  const row = await queryOne<{
    request_hash: string;
    state: 'in_progress' | 'completed';
    response_status: number | null;
    response_body: unknown;
    order_id: string | null;
    age_ms: number;
  }>(
    db,
    `SELECT request_hash, state, response_status, response_body, order_id,
            (extract(epoch from now() - created_at) * 1000)::float8 AS age_ms
       FROM idempotency_keys WHERE key = $1`,
    [id],
  );
  return row
    ? {
        requestHash: row.request_hash,
        state: row.state,
        responseStatus: row.response_status,
        responseBody: row.response_body,
        orderId: row.order_id,
        ageMs: row.age_ms,
      }
    : undefined;
}

/** Stores the final answer (`storedAnswer`: JSON text) of a key. */
export async function completeKey(
  db: Queryable,
  id: string,
  status: number,
  storedAnswer: string,
): Promise<void> {
  await execute(
    db,
    `UPDATE idempotency_keys SET state = 'completed', response_status = $2, response_body = $3 WHERE key = $1`,
    [id, status, storedAnswer],
  );
}

/** Forgets a key still in progress. */
export async function releaseKey(db: Queryable, id: string): Promise<void> {
  await execute(db, `DELETE FROM idempotency_keys WHERE key = $1 AND state = 'in_progress'`, [id]);
}

/** Deletes keys past their retention; returns how many. */
export async function purgeExpiredKeys(db: Queryable): Promise<number> {
  return execute(db, `DELETE FROM idempotency_keys WHERE expires_at < now()`);
}

/** Takes over a key left in progress longer than `leaseMs` (one of several racing repeats wins). */
export async function takeOverKey(
  db: Queryable,
  id: string,
  leaseMs: number,
): Promise<{ orderId: string | null } | undefined> {
  const rows = await queryRows<{ order_id: string | null }>(
    db,
    `UPDATE idempotency_keys SET created_at = now() WHERE key = $1 AND state = 'in_progress'
       AND created_at < now() - $2 * interval '1 millisecond' RETURNING order_id`,
    [id, leaseMs],
  );
  return rows.length ? { orderId: rows[0].order_id } : undefined;
}

/**
 * The key's order waits for the buyer's authentication: marks the key (KEY_AWAITING_ACTION)
 * and touches the order, so the reconciler's clock for it starts now.
 */
export async function markKeyAwaitingAction(db: Queryable, id: string, orderId: string): Promise<void> {
  await execute(
    db,
    `WITH k AS (
       UPDATE idempotency_keys SET response_status = $3 WHERE key = $1 AND state = 'in_progress' AND order_id = $2
       RETURNING order_id)
     UPDATE orders SET updated_at = now() FROM k WHERE orders.id = k.order_id AND orders.status = 'created'`,
    [id, orderId, KEY_AWAITING_ACTION],
  );
}

/** Takes a key whose order awaits authentication (one repeat wins) and touches the order. Its order id, or undefined. */
export async function takeAwaitingKey(db: Queryable, id: string): Promise<string | undefined> {
  const rows = await queryRows<{ order_id: string | null }>(
    db,
    `WITH k AS (
       UPDATE idempotency_keys SET response_status = NULL, created_at = now()
        WHERE key = $1 AND state = 'in_progress' AND response_status = $2 RETURNING order_id),
     o AS (UPDATE orders SET updated_at = now() FROM k WHERE orders.id = k.order_id)
     SELECT order_id FROM k`,
    [id, KEY_AWAITING_ACTION],
  );
  return rows[0]?.order_id ?? undefined;
}

const CLAIM = prepared(
  'claim_key',
  `INSERT INTO idempotency_keys (key, request_hash, state, expires_at)
         VALUES ($1, $2, 'in_progress', now() + $3 * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, state = 'in_progress', response_status = NULL,
               response_body = NULL, order_id = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
           WHERE idempotency_keys.expires_at < now()
         RETURNING key`,
);
