import { execute, queryOne, type Queryable } from '../sql/queryable.js';

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
  await execute(
    db,
    `INSERT INTO processed_messages (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [consumer, messageId],
  );
}
