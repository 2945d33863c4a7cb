import { formatCents } from '@hamiltix/domain';
import { buyerFailureReason, GENERAL_FAILURE } from './buyer-failure-reason.js';
import { orderView } from './order-view.js';
import type { OrderRecord } from './order.repository.js';
import { problem, type HttpOutcome } from './outcome.js';

/** The buyers' answers of the purchase flow (PlaceOrder), one function per situation. */

export const NOTHING_CHARGED = 'Nothing was charged.';

/** The answer for an order as it stands: 201 confirmed, 409 failed, 202 still open. */
export function answerFromOrder(order: OrderRecord, accessToken: string | undefined): HttpOutcome {
  if (order.status === 'confirmed') return created(201, order, accessToken);
  if (order.status === 'failed' || order.status === 'refunded') {
    return problem(
      409,
      `This order did not go through (${buyerFailureReason(order.failureReason) ?? GENERAL_FAILURE}). ${NOTHING_CHARGED}`,
      { reason: 'failed', orderId: order.id },
    );
  }
  return created(202, order, accessToken);
}

export function created(status: 201 | 202, order: OrderRecord, accessToken: string | undefined): HttpOutcome {
  const body: Record<string, unknown> = { ...orderView(order) };
  if (accessToken) body.accessToken = accessToken;
  if (status === 202)
    body.message =
      'The seller is confirming your seats. Nothing is charged unless they are confirmed; check this order again shortly.';
  return { status, body };
}

export function performanceClosed(): HttpOutcome {
  return problem(
    409,
    `Sales for this performance have closed: tickets are sold until an hour before curtain. ${NOTHING_CHARGED} Choose another date.`,
    { reason: 'performance_closed' },
  );
}

export function soldOut(left: number): HttpOutcome {
  return problem(
    409,
    left > 0
      ? `Only ${left} of these tickets ${left === 1 ? 'is' : 'are'} left. Choose a smaller quantity or another listing. ${NOTHING_CHARGED}`
      : `These seats have sold out. Choose another listing. ${NOTHING_CHARGED}`,
    { reason: 'sold_out' },
  );
}

export function sellerRefused(): HttpOutcome {
  return problem(
    409,
    `The seller could not confirm these seats (they may have just sold). ${NOTHING_CHARGED} Choose another listing.`,
    {
      reason: 'sold_out',
    },
  );
}

export function describeSplits(splits: number[]): string {
  if (!splits.length) return 'the whole group';
  const words = splits.map(String);
  const list =
    words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
  return `${list} ticket${splits.length === 1 && splits[0] === 1 ? '' : 's'}`;
}

export function brokerUnavailable(): HttpOutcome {
  return problem(
    503,
    `The ticket broker is not answering, so these seats cannot be confirmed right now. ${NOTHING_CHARGED} Please try again in a minute.`,
    {},
    { 'Retry-After': '30' },
  );
}

export function wrongQuantity(splits: number[]): HttpOutcome {
  return problem(
    400,
    `This listing sells only ${describeSplits(splits)} at a time: choose one of those quantities.`,
    { allowedQuantities: splits },
  );
}

/** The price never changes silently: the buyer confirms the new one with a new order. */
export function priceChanged(expected: number, current: number): HttpOutcome {
  return problem(
    409,
    `The price of these tickets has changed from ${formatCents(expected)} to ${formatCents(current)} per ticket, fees included. Check the new price and order again. ${NOTHING_CHARGED}`,
    { reason: 'price_changed', currentAllInPrice: current },
  );
}

export function paymentDeclined(): HttpOutcome {
  return problem(
    402,
    `Your payment was declined, so nothing was charged and the seats are still for sale. Check the card details or use another card.`,
  );
}

export function paymentProviderDown(): HttpOutcome {
  return problem(
    502,
    `The payment provider did not answer. ${NOTHING_CHARGED} Please try again in a minute.`,
    {},
    { 'Retry-After': '30' },
  );
}

/**
 * The card's bank asks the buyer to authenticate the payment (3-D Secure). Nothing is held
 * on the card yet and the seats are kept for the order meanwhile. The page completes the
 * check with Stripe.js (`handleNextAction({ clientSecret })`), then sends the very same
 * request again — same body, same Idempotency-Key — which continues this order.
 */
export function authenticationRequired(orderId: string, clientSecret: string): HttpOutcome {
  return problem(
    402,
    'Your bank asks you to confirm this payment. Complete the check, and your order continues; the seats are held for you meanwhile and nothing is charged unless the seller confirms them.',
    { reason: 'requires_action', orderId, clientSecret },
  );
}

export function orderNotFound(): HttpOutcome {
  return problem(
    409,
    'This order could not be found any more. Place a new order with a new Idempotency-Key.',
  );
}
