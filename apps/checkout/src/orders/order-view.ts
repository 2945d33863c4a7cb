import { usd } from '@hamiltix/domain';
import { buyerFailureReason } from './buyer-failure-reason.js';
import type { OrderRecord } from './order.repository.js';

/**
 * The order as the buyer sees it (POST answer and GET). Money in integer cents. The failure
 * reason is ours, never the broker's or the payment provider's text (buyer-failure-reason.ts).
 */
export function orderView(order: OrderRecord): Record<string, unknown> {
  const failureReason = buyerFailureReason(order.failureReason);
  return {
    id: order.id,
    status: order.status,
    listingId: order.listingId,
    performanceId: order.performanceId,
    quantity: order.quantity,
    unitAllInPrice: usd(order.unitAllInCents),
    total: usd(order.totalCents),
    buyer: { name: order.buyerName, email: order.buyerEmail },
    ...(failureReason ? { failureReason } : {}),
    createdAt: new Date(order.createdAt).toISOString(),
    updatedAt: new Date(order.updatedAt).toISOString(),
  };
}
