import { randomUUID } from 'node:crypto';
import type { NewOrderRow, OutboxInsert } from '../queries/orders.js';

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
