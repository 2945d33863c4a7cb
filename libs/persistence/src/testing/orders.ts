import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  createHeldOrder,
  markOrderAuthorised,
  markOrderBrokerPending,
  type NewOrderRow,
} from '../queries/orders.js';
import type { OutboxInsert } from '../queries/outbox.js';
import { execute, queryOne, queryRows, type Queryable } from '../sql/queryable.js';

/** A new order of `quantity` seats of `listingId` at $235 all-in (test data for the order queries). */
export function testOrder(listingId: string, quantity = 2): NewOrderRow {
  const id = randomUUID();
  return {
    id,
    listingId,
    performanceId: '900001',
    quantity,
    unitAllInCents: 23_500,
    unitRetailCents: 20_000,
    totalCents: 23_500 * quantity,
    buyerName: 'Angelica Schuyler',
    buyerEmail: 'angelica@example.com',
    accessTokenHash: 'hash',
    brokerReference: id,
  };
}

/** The outbox row an order statement inserts (a minimal, valid-looking event). */
export function testOrderEvent(orderId: string, status: string): OutboxInsert {
  return {
    messageId: randomUUID(),
    subject: `orders.events.v1.${status}`,
    payload: JSON.stringify({ orderId, status }),
    headers: '{}',
    channel: 'test_outbox',
  };
}

/** An order of a listing with its payment, as tests inspect them. */
export interface TestOrderView {
  id: string;
  status: string;
  payment: string;
  provider: string;
  providerReference: string | null;
  providerState: string | null;
  failureReason: string | null;
  accessTokenHash: string;
}

/**
 * An order as the purchase flow makes it (createHeldOrder: the hold, the order, its payment,
 * the held event), then moved to `status` by the flow's own statements, untouched for
 * `minutesAgo` (as a crash would leave it).
 */
export async function insertTestOrder(
  db: DataSource,
  order: NewOrderRow,
  options: {
    status?: 'created' | 'authorised' | 'broker_pending';
    provider?: string;
    brokerAvailable?: number;
    minutesAgo?: number;
  } = {},
): Promise<void> {
  const made = await createHeldOrder(
    db,
    order,
    { id: randomUUID(), provider: options.provider ?? 'sandbox' },
    { brokerAvailable: options.brokerAvailable ?? order.quantity, salesSeen: 0 },
    { id: 'no-key', storedAnswer: '{}' },
    testOrderEvent(order.id, 'held'),
  );
  if (!made) throw new Error(`no seats left to hold for test order ${order.id}`);
  const status = options.status ?? 'created';
  if (status !== 'created') await markOrderAuthorised(db, order.id, `test-${order.id}`);
  if (status === 'broker_pending') await markOrderBrokerPending(db, order.id);
  if (options.minutesAgo) await ageOrder(db, order.id, options.minutesAgo);
}

/** As if the order had sat untouched `minutes`; `createdAt` moves its creation too. */
export async function ageOrder(
  db: Queryable,
  orderId: string,
  minutes: number,
  createdAt?: Date,
): Promise<void> {
  await execute(
    db,
    `UPDATE orders SET updated_at = now() - $2 * interval '1 minute', created_at = COALESCE($3, created_at) WHERE id = $1`,
    [orderId, minutes, createdAt ?? null],
  );
}

/** The orders of a listing with their payments, oldest first. */
export async function ordersOfListing(db: Queryable, listingId: string | number): Promise<TestOrderView[]> {
  return queryRows<TestOrderView>(
    db,
    `SELECT o.id, o.status, p.status AS payment, p.provider, p.provider_reference AS "providerReference",
            p.provider_state AS "providerState", o.failure_reason AS "failureReason", o.access_token_hash AS "accessTokenHash"
       FROM orders o JOIN payments p ON p.order_id = o.id WHERE o.listing_id = $1 ORDER BY o.created_at, o.id`,
    [String(listingId)],
  );
}

/** An order's events in the outbox, in order, and whether the relay published them. */
export async function orderEvents(
  db: Queryable,
  orderId: string,
): Promise<
  { subject: string; payload: Record<string, unknown>; headers: Record<string, string>; published: boolean }[]
> {
  return queryRows(
    db,
    `SELECT subject, payload, headers, published_at IS NOT NULL AS published FROM outbox
      WHERE payload->>'orderId' = $1 ORDER BY id`,
    [orderId],
  );
}

/** Every idempotency key row (to check what is stored). */
export async function idempotencyRows(db: Queryable): Promise<Record<string, unknown>[]> {
  return queryRows(db, `SELECT * FROM idempotency_keys`);
}

/** The key of an order, and the answer it keeps. */
export async function keyOfOrder(
  db: Queryable,
  orderId: string,
): Promise<{ state: string; responseStatus: number | null } | undefined> {
  return queryOne(
    db,
    `SELECT state, response_status AS "responseStatus" FROM idempotency_keys WHERE order_id = $1`,
    [orderId],
  );
}

/** Simulates requests that died: every key back to `in_progress`, claimed `minutesAgo`. */
export async function leaveKeysInProgress(db: Queryable, minutesAgo: number): Promise<void> {
  await execute(
    db,
    `UPDATE idempotency_keys SET state = 'in_progress', created_at = now() - $1 * interval '1 minute'`,
    [minutesAgo],
  );
}

/** Adds to a listing's open holds bypassing the hold's own condition (Postgres' CHECK must refuse it). */
export async function forceHold(db: Queryable, listingId: string | number, quantity: number): Promise<void> {
  await execute(
    db,
    `UPDATE listing_reservations SET reserved_quantity = reserved_quantity + $2 WHERE listing_id = $1`,
    [String(listingId), quantity],
  );
}

/** Forgets the provider state recorded on an order's payment. */
export async function forgetProviderState(db: Queryable, orderId: string): Promise<void> {
  await execute(db, `UPDATE payments SET provider_state = NULL WHERE order_id = $1`, [orderId]);
}

/** Every processed message, for any consumer. */
export async function processedMessages(db: Queryable): Promise<{ consumer: string; messageId: string }[]> {
  return queryRows(db, `SELECT consumer, message_id AS "messageId" FROM processed_messages`);
}

/**
 * A performance of Hamilton at the Richard Rodgers starting at `startsAt` (the show and
 * venue made if missing), and optionally a listing of it as ingestion stores one (4 seats, splits 1–4, $200).
 */
export async function insertTestPerformance(
  db: Queryable,
  performanceId: string,
  startsAt: Date,
  listingId?: string,
): Promise<void> {
  await execute(
    db,
    `INSERT INTO shows (id, title, broker_performer_id) VALUES ('hamilton', 'Hamilton', 1) ON CONFLICT DO NOTHING`,
  );
  await execute(
    db,
    `INSERT INTO venues (id, broker_venue_id, name, city, time_zone)
     VALUES ('richard-rodgers', 10, 'Richard Rodgers Theatre', 'New York', 'America/New_York') ON CONFLICT DO NOTHING`,
  );
  await execute(
    db,
    `INSERT INTO performances (id, show_id, venue_id, starts_at, name) VALUES ($1, 'hamilton', 'richard-rodgers', $2, 'Hamilton')`,
    [performanceId, startsAt],
  );
  if (listingId)
    await execute(
      db,
      `INSERT INTO listings (id, performance_id, show_id, venue_id, section, section_id, row, seats, quantity, splits,
                             retail_cents, wholesale_cents, fees_cents, all_in_cents, view_notes, content_hash)
       VALUES ($1, $2, 'hamilton', 'richard-rodgers', 'Orchestra', 'orchestra-center', 'F', '{}', 4, '{1,2,3,4}',
               20000, 18000, 3500, 23500, '{}', 'h')`,
      [listingId, performanceId],
    );
}

/** Rows of checkout's tables (orders, payments, holds, and keys other than kept 409 answers), to show nothing was written. */
export async function checkoutRowCount(db: Queryable): Promise<number> {
  const row = await queryOne<{ n: number }>(
    db,
    `SELECT ((SELECT count(*) FROM orders) + (SELECT count(*) FROM payments) + (SELECT count(*) FROM listing_reservations)
      + (SELECT count(*) FROM idempotency_keys WHERE response_status IS DISTINCT FROM 409))::int AS n`,
  );
  return row!.n;
}
