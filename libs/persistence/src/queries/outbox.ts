import type { Queryable } from '../sql/queryable.js';
import { queryOne } from '../sql/queryable.js';

/** How many of these outbox messages are not published yet. */
export async function countUnpublished(db: Queryable, messageIds: readonly string[]): Promise<number> {
  const row = await queryOne<{ n: number }>(
    db,
    'SELECT count(*)::int AS n FROM outbox WHERE message_id = ANY($1::uuid[]) AND published_at IS NULL',
    [messageIds],
  );
  return row!.n;
}
