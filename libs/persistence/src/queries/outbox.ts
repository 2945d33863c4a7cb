import { tryLockForTransaction } from '../sql/advisory-lock.js';
import { execute, queryOne, queryRows, type Queryable } from '../sql/queryable.js';

/**
 * `outbox` (every publisher writes it in its own transaction; libs/platform's relay
 * publishes and marks its rows) and `processed_messages` (every consumer's "handled once").
 */

/** An event to insert: JSON texts for the jsonb columns, and the channel to NOTIFY at commit. */
export interface OutboxInsert {
  /** The JetStream de-duplication id (`Nats-Msg-Id`) and the consumers' message id. */
  messageId: string;
  subject: string;
  payload: string;
  headers: string;
  channel: string;
}

/** An unpublished outbox row, oldest first. */
export interface PendingOutboxRow {
  id: string;
  message_id: string;
  subject: string;
  payload: unknown;
  headers: Record<string, string>;
}

/**
 * Inserts an event in the transaction open on `db`, and a NOTIFY on its channel that wakes
 * the relay when that transaction commits (never before): one round trip.
 */
export async function insertOutboxMessage(db: Queryable, row: OutboxInsert): Promise<void> {
  await execute(
    db,
    `WITH ins AS (
       INSERT INTO outbox (message_id, subject, payload, headers) VALUES ($1, $2, $3::jsonb, $4::jsonb)
     ) SELECT pg_notify($5, '')`,
    [row.messageId, row.subject, row.payload, row.headers, row.channel],
  );
}

/** The relay's lock for the transaction open on `db`: false when another replica is relaying. */
export function tryLockOutboxRelay(db: Queryable): Promise<boolean> {
  return tryLockForTransaction(db, 'hamiltix.outbox.relay');
}

/** Up to `limit` unpublished rows in id order, locked for the transaction (others skip them). */
export function lockUnpublishedOutbox(db: Queryable, limit: number): Promise<PendingOutboxRow[]> {
  return queryRows<PendingOutboxRow>(
    db,
    `SELECT id, message_id, subject, payload, headers FROM outbox
      WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
}

/** Marks rows published now (Postgres' time), counting the attempt. */
export async function markOutboxPublished(db: Queryable, ids: readonly string[]): Promise<void> {
  await execute(
    db,
    `UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`,
    [ids],
  );
}

/** Records a failed publish of a row: one more attempt, and its error. */
export async function markOutboxFailed(db: Queryable, id: string, error: string): Promise<void> {
  await execute(db, `UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [id, error]);
}

/** Every row not published yet (the backlog). */
export async function countOutboxBacklog(db: Queryable): Promise<number> {
  return (await queryOne<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`,
  ))!.n;
}

/** How many of these outbox messages are not published yet. */
export async function countUnpublished(db: Queryable, messageIds: readonly string[]): Promise<number> {
  const row = await queryOne<{ n: number }>(
    db,
    'SELECT count(*)::int AS n FROM outbox WHERE message_id = ANY($1::uuid[]) AND published_at IS NULL',
    [messageIds],
  );
  return row!.n;
}

/** Deletes rows published more than a day ago (JetStream's duplicate window is minutes). */
export function deletePublishedOutbox(db: Queryable): Promise<number> {
  return execute(db, `DELETE FROM outbox WHERE published_at < now() - interval '1 day'`);
}

/**
 * Claims a message for a consumer in the transaction open on `db`: false when it was handled
 * (or is being handled) already. The mark commits with the handler's work, or neither does.
 */
export async function claimProcessedMessage(
  db: Queryable,
  consumer: string,
  messageId: string,
): Promise<boolean> {
  const claimed = await queryRows(
    db,
    'INSERT INTO processed_messages (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING message_id',
    [consumer, messageId],
  );
  return claimed.length > 0;
}

/** Deletes marks older than 8 days (beyond the streams' 7-day retention no redelivery can come). */
export function deleteOldProcessedMessages(db: Queryable): Promise<number> {
  return execute(db, `DELETE FROM processed_messages WHERE processed_at < now() - interval '8 days'`);
}

/**
 * `processed_messages`: what a consumer has handled (each service its own rows). For
 * deliveries the platform's durable consumers do not see (checkout's Stripe webhook).
 */

export async function wasProcessed(db: Queryable, consumer: string, messageId: string): Promise<boolean> {
  return (
    (await queryOne(db, `SELECT 1 FROM processed_messages WHERE consumer = $1 AND message_id = $2`, [
      consumer,
      messageId,
    ])) !== undefined
  );
}

/** Records the message as handled (a second time changes nothing). */
export async function markProcessed(db: Queryable, consumer: string, messageId: string): Promise<void> {
  await claimProcessedMessage(db, consumer, messageId);
}
