/**
 * What a buyer is told about a failed order. `failure_reason` is written for operators and
 * may quote the broker's or the payment provider's own words (a refusal's text, a rejected
 * order's reason); those never reach a buyer, who gets one of our phrases instead, chosen
 * by the stored reason's opening words. Anything else gets the general phrase.
 */
const PHRASES: readonly (readonly [string, string])[] = [
  ['payment declined', 'the payment was declined'],
  ['payment provider error', 'the payment could not be processed'],
  ['broker refused the order', 'the seller could not confirm these seats'],
  ['broker rejected the order', 'the seller could not confirm these seats'],
  ['the broker was unavailable', 'the ticket broker was not answering'],
  ['the broker has no order for it', 'the order was interrupted before the seller confirmed it'],
  ['interrupted before payment was confirmed', 'the order was interrupted before payment was confirmed'],
  ['payment authorisation expired', 'the payment authorisation expired before the seller confirmed'],
  ['payment authorisation cancelled', 'the payment authorisation was cancelled'],
];

export const GENERAL_FAILURE = 'the order could not be completed';

export function buyerFailureReason(stored: string | null): string | undefined {
  if (!stored) return undefined;
  return PHRASES.find(([opening]) => stored.startsWith(opening))?.[1] ?? GENERAL_FAILURE;
}
