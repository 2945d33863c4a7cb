import { utc } from '../http/query.js';
import type { SandboxOrder } from './order.types.js';

const dollars = (cents: number) => (cents / 100).toFixed(2);
const time = (at: Date | null) => (at ? utc(at) : null);

/** An order as the broker answers it (money as decimal strings). */
export function serializeOrder(order: SandboxOrder): Record<string, unknown> {
  const { item } = order;
  const subtotal = item.priceCents * item.quantity;
  // docs/domain.md §1: total = Σ(price × qty) + shipping + service_fee + tax − discount.
  const total = subtotal + order.shippingCents + order.serviceFeeCents + order.taxCents - order.discountCents;
  return {
    id: order.id,
    oid: `SBX-${order.id}`,
    state: order.state,
    reference: order.reference,
    client_reference: order.reference,
    external_id: order.reference,
    client: { id: order.clientId },
    client_id: order.clientId,
    created_at: utc(order.createdAt),
    updated_at: utc(order.updatedAt),
    accepted_at: time(order.acceptedAt),
    rejected_at: time(order.rejectedAt),
    rejection_reason: order.state === 'rejected' ? order.rejectionReason : null,
    items: [
      {
        ticket_group_id: item.ticketGroupId,
        ticket_group: { id: item.ticketGroupId },
        event_id: item.eventId,
        quantity: item.quantity,
        price: dollars(item.priceCents),
        section: item.section,
        row: item.row,
        low_seat: item.lowSeat,
        high_seat: item.highSeat,
        seat_order: item.seatOrder,
      },
    ],
    subtotal: dollars(subtotal),
    service_fee: dollars(order.serviceFeeCents),
    shipping: dollars(order.shippingCents),
    tax: dollars(order.taxCents),
    discount: dollars(order.discountCents),
    total: dollars(total),
    session_id: order.sessionId,
    created_by_ip_address: order.createdByIpAddress,
    payments: order.payments,
  };
}
