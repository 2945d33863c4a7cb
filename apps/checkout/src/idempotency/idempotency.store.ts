import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { hashIdempotencyKey, sealWithKey, unsealWithKey } from '../orders/access-token.js';
import type { HttpOutcome } from '../orders/outcome.js';
import {
  claimKey,
  completeKey,
  findKey,
  KEY_AWAITING_ACTION,
  markKeyAwaitingAction,
  purgeExpiredKeys,
  releaseKey,
  takeAwaitingKey,
  takeOverKey,
  type KeyRow,
} from '@hamiltix/persistence';

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
export const AWAITING_ACTION = KEY_AWAITING_ACTION;

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
      if (await claimKey(this.dataSource, id, requestHash, this.options.ttlMs)) return { kind: 'claimed' };

      const row = await findKey(this.dataSource, id);
      if (!row) continue; // released between our two statements: the next INSERT claims it
      if (row.requestHash !== requestHash) return { kind: 'mismatch' };
      if (row.state === 'completed') return { kind: 'replay', outcome: this.unseal(row, key) };
      if (row.responseStatus === AWAITING_ACTION) {
        // One repeat takes the waiting order; any other waits for its answer like a repeat would.
        const orderId = await takeAwaitingKey(this.dataSource, id);
        if (orderId) return { kind: 'continue', orderId, accessToken: this.accessToken(row, key) };
        continue;
      }
      if (row.ageMs > this.options.leaseMs) {
        // Only one of several racing repeats wins the stale lease.
        const taken = await takeOverKey(this.dataSource, id, this.options.leaseMs);
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
  awaitAction(key: string, orderId: string): Promise<void> {
    return markKeyAwaitingAction(this.dataSource, hashIdempotencyKey(key), orderId);
  }

  /** Stores the answer; repeats get it from now on, byte for byte (the body is kept as JSON text). */
  async complete(key: string, outcome: HttpOutcome): Promise<void> {
    const answer = this.completion(key, outcome);
    await completeKey(this.dataSource, answer.id, answer.status, answer.storedAnswer);
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
  release(key: string): Promise<void> {
    return releaseKey(this.dataSource, hashIdempotencyKey(key));
  }

  /** Deletes keys past their retention. */
  purgeExpired(): Promise<number> {
    return purgeExpiredKeys(this.dataSource);
  }

  private accessToken(row: KeyRow, key: string): string | undefined {
    const sealed = (row.responseBody as StoredAnswer | null)?.sealedAccessToken;
    return sealed ? unsealWithKey(sealed, key) : undefined;
  }

  private unseal(row: KeyRow, key: string): HttpOutcome {
    const stored = (row.responseBody ?? {}) as StoredAnswer;
    const body = JSON.parse(stored.body ?? '{}') as Record<string, unknown>;
    if (stored.sealedAccessToken) {
      const token = unsealWithKey(stored.sealedAccessToken, key);
      if (token) body.accessToken = token;
      else delete body.accessToken;
    }
    return {
      status: row.responseStatus ?? 500,
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
