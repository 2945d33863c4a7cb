import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { hashIdempotencyKey, sealWithKey, unsealWithKey } from '../orders/access-token.js';
import type { HttpOutcome } from '../orders/outcome.js';
import { prepared, queryPrepared } from '../database/prepared-statement.js';
import { returnedRows } from '../database/sql-result.js';

export interface IdempotencyOptions {
  /** How long a key and its answer are kept: at least 24 h (the contract). */
  ttlMs: number;
  /** How long a repeat waits for the first request with the same key to finish. */
  waitMs: number;
  pollMs: number;
  /** An `in_progress` key older than this belongs to a request that died (crash): it may be taken over. */
  leaseMs: number;
}

export const DEFAULT_IDEMPOTENCY_OPTIONS: IdempotencyOptions = {
  ttlMs: 24 * 3600_000,
  waitMs: 5_000,
  pollMs: 25,
  leaseMs: 120_000,
};

export type ClaimResult =
  /** This request owns the key: run the operation. */
  | { kind: 'claimed' }
  /** The first request finished: answer the same. */
  | { kind: 'replay'; outcome: HttpOutcome }
  /** The key was used with another body. */
  | { kind: 'mismatch' }
  /** The first request is still running after waiting. */
  | { kind: 'busy' }
  /**
   * The first request died after creating its order: answer from the order as it is now
   * (the reconciler settles it), never run it again.
   */
  | { kind: 'resume'; orderId: string; accessToken: string | undefined }
  /**
   * The first request was answered "authenticate this payment" (3-D Secure, 402
   * `requires_action`) and the buyer has done so: continue that order (this request now holds the key).
   */
  | { kind: 'continue'; orderId: string; accessToken: string | undefined };

/**
 * `response_status` of a key still `in_progress` whose order waits for the buyer to
 * authenticate the payment (IdempotencyStore.awaitAction): a repeat continues the order.
 */
export const AWAITING_ACTION = 402;

/** Claims a new key, or one whose retention ran out (prepared: it runs for every order). */
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

interface KeyRow {
  request_hash: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: StoredAnswer | null;
  order_id: string | null;
  age_ms: number;
}

/**
 * Idempotency keys as payment APIs keep them, in Postgres (`idempotency_keys`). The raw
 * key is never stored: rows are keyed by its hash, and the access token inside a stored
 * answer is sealed with the raw key.
 */
export class IdempotencyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: IdempotencyOptions = DEFAULT_IDEMPOTENCY_OPTIONS,
  ) {}

  async claim(key: string, requestHash: string): Promise<ClaimResult> {
    const id = hashIdempotencyKey(key);
    const deadline = performance.now() + this.options.waitMs;
    for (;;) {
      // Claims a new key, or one whose retention ran out, in one statement: two requests
      // can never both get `claimed` for the same key.
      const inserted = await queryPrepared(this.dataSource, CLAIM, [id, requestHash, this.options.ttlMs]);
      if (inserted.length) return { kind: 'claimed' };

      const rows: KeyRow[] = await this.dataSource.query(
        `SELECT request_hash, state, response_status, response_body, order_id,
                (extract(epoch from now() - created_at) * 1000)::float8 AS age_ms
           FROM idempotency_keys WHERE key = $1`,
        [id],
      );
      const row = rows[0];
      if (!row) continue; // released between our two statements: the next INSERT claims it
      if (row.request_hash !== requestHash) return { kind: 'mismatch' };
      if (row.state === 'completed') return { kind: 'replay', outcome: this.unseal(row, key) };
      if (row.response_status === AWAITING_ACTION) {
        // One repeat takes the waiting order; any other waits for its answer like a repeat would.
        const orderId = await this.takeAwaiting(id);
        if (orderId) return { kind: 'continue', orderId, accessToken: this.accessToken(row, key) };
        continue;
      }
      if (row.age_ms > this.options.leaseMs) {
        const taken = await this.takeOver(id);
        if (!taken) continue;
        if (!taken.orderId) return { kind: 'claimed' };
        return { kind: 'resume', orderId: taken.orderId, accessToken: this.accessToken(row, key) };
      }
      if (performance.now() >= deadline) return { kind: 'busy' };
      await sleep(this.options.pollMs);
    }
  }

  /**
   * What links the key to its order, written in the order's own statement
   * (OrderRepository.createHeld): the key's row id and the access token sealed with the
   * raw key, so that even a request that dies later can be answered with it.
   */
  orderLink(key: string, accessToken: string): { id: string; storedAnswer: string } {
    const stored: StoredAnswer = { sealedAccessToken: sealWithKey(accessToken, key) };
    return { id: hashIdempotencyKey(key), storedAnswer: JSON.stringify(stored) };
  }

  /**
   * The key's order waits for the buyer to authenticate the payment (3-D Secure): the key
   * stays `in_progress` and is marked, so the buyer's repeat of the request (same key, same
   * body) continues the order at once instead of waiting for a lease. The order is touched,
   * so the reconciler's clock for it starts now (ReconcileOrders leaves such orders alone
   * for PAYMENT_ACTION_WINDOW_MS).
   */
  async awaitAction(key: string, orderId: string): Promise<void> {
    await this.dataSource.query(
      `WITH k AS (
         UPDATE idempotency_keys SET response_status = $3 WHERE key = $1 AND state = 'in_progress' AND order_id = $2
         RETURNING order_id)
       UPDATE orders SET updated_at = now() FROM k WHERE orders.id = k.order_id AND orders.status = 'created'`,
      [hashIdempotencyKey(key), orderId, AWAITING_ACTION],
    );
  }

  /** Stores the answer; repeats get it from now on, byte for byte (the body is kept as JSON text). */
  async complete(key: string, outcome: HttpOutcome): Promise<void> {
    const answer = this.completion(key, outcome);
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $2, response_body = $3 WHERE key = $1`,
      [answer.id, answer.status, answer.storedAnswer],
    );
  }

  /**
   * The row values `complete` writes, for a caller that stores the answer in its own
   * statement (the confirmation of an order: OrderRepository.markConfirmed).
   */
  completion(key: string, outcome: HttpOutcome): { id: string; status: number; storedAnswer: string } {
    const body: Record<string, unknown> = { ...outcome.body };
    let sealedAccessToken: string | undefined;
    if (typeof body.accessToken === 'string') {
      sealedAccessToken = sealWithKey(body.accessToken, key);
      body.accessToken = sealedAccessToken; // same place in the JSON, so the replay keeps the key order
    }
    const stored: StoredAnswer = { sealedAccessToken, body: JSON.stringify(body), headers: outcome.headers };
    return { id: hashIdempotencyKey(key), status: outcome.status, storedAnswer: JSON.stringify(stored) };
  }

  /** Forgets the key, so a retry runs the operation again (transient failures where nothing happened). */
  async release(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE key = $1 AND state = 'in_progress'`, [
      hashIdempotencyKey(key),
    ]);
  }

  /** Deletes keys past their retention. */
  async purgeExpired(): Promise<number> {
    const result: unknown = await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE expires_at < now() RETURNING 1`,
    );
    return returnedRows(result).length;
  }

  /** Takes a key whose order awaits authentication (one repeat wins); touches the order (see awaitAction). */
  private async takeAwaiting(id: string): Promise<string | undefined> {
    const result: unknown = await this.dataSource.query(
      `WITH k AS (
         UPDATE idempotency_keys SET response_status = NULL, created_at = now()
          WHERE key = $1 AND state = 'in_progress' AND response_status = $2 RETURNING order_id),
       o AS (UPDATE orders SET updated_at = now() FROM k WHERE orders.id = k.order_id)
       SELECT order_id FROM k`,
      [id, AWAITING_ACTION],
    );
    return returnedRows<{ order_id: string | null }>(result)[0]?.order_id ?? undefined;
  }

  private accessToken(row: KeyRow, key: string): string | undefined {
    const sealed = row.response_body?.sealedAccessToken;
    return sealed ? unsealWithKey(sealed, key) : undefined;
  }

  private async takeOver(id: string): Promise<{ orderId: string | null } | undefined> {
    // Only one of several racing repeats wins the stale lease.
    const result: unknown = await this.dataSource.query(
      `UPDATE idempotency_keys SET created_at = now() WHERE key = $1 AND state = 'in_progress'
         AND created_at < now() - $2 * interval '1 millisecond' RETURNING order_id`,
      [id, this.options.leaseMs],
    );
    const taken = returnedRows<{ order_id: string | null }>(result);
    if (!taken.length) return undefined;
    return { orderId: taken[0].order_id };
  }

  private unseal(row: KeyRow, key: string): HttpOutcome {
    const stored = (row.response_body ?? {}) as StoredAnswer;
    const body = JSON.parse(stored.body ?? '{}') as Record<string, unknown>;
    if (stored.sealedAccessToken) {
      const token = unsealWithKey(stored.sealedAccessToken, key);
      if (token) body.accessToken = token;
      else delete body.accessToken;
    }
    return {
      status: row.response_status ?? 500,
      body,
      ...(stored.headers ? { headers: stored.headers } : {}),
    };
  }
}

/** `response_body`: the answer as JSON text (jsonb would reorder its keys) and the sealed access token. */
interface StoredAnswer {
  sealedAccessToken?: string;
  body?: string;
  headers?: Record<string, string>;
}
