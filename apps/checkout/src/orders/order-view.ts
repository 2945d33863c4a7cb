import { usd } from '@hamiltix/domain';
import type { OrderRecord } from './order.repository.js';

/** The order as the buyer sees it (POST answer and GET). Money in integer cents. */
export function orderView(order: OrderRecord): Record<string, unknown> {
  return {
    id: order.id,
    status: order.status,
    listingId: order.listingId,
    performanceId: order.performanceId,
    quantity: order.quantity,
    unitAllInPrice: usd(order.unitAllInCents),
    total: usd(order.totalCents),
    buyer: { name: order.buyerName, email: order.buyerEmail },
    ...(order.failureReason ? { failureReason: order.failureReason } : {}),
    createdAt: new Date(order.createdAt).toISOString(),
    updatedAt: new Date(order.updatedAt).toISOString(),
  };
}
