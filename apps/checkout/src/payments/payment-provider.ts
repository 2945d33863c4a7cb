/**
 * A payment provider seen from checkout. Card data never reaches Hamiltix: the browser
 * swaps the card for a token at the provider. Every call is keyed by our order id
 * (`reference`) and is idempotent, so a retry or the reconciler can repeat it safely.
 */
export interface PaymentProvider {
  readonly name: string;
  /** The longest one call may take, retries included, ms (the reconciler's stuck age is derived from it). */
  readonly callBudgetMs: number;
  /** Reserves the amount on the buyer's card; nothing is charged until capture. */
  authorise(request: { reference: string; token: string; amountCents: number }): Promise<AuthorisationResult>;
  /**
   * The authorisation as it stands after the buyer was asked to authenticate it (an
   * `requires_action` answer of `authorise`, 3-D Secure): authorised, still waiting, or declined.
   */
  resumeAuthorisation(request: { reference: string }): Promise<AuthorisationResult>;
  /** Charges an authorised amount. */
  capture(request: { reference: string; amountCents: number }): Promise<void>;
  /** Releases an authorisation (no-op when there is none): the buyer is not charged. */
  void(request: { reference: string }): Promise<void>;
}

export type AuthorisationResult =
  | { outcome: 'authorised'; providerReference: string }
  | { outcome: 'declined'; reason: string }
  /**
   * The card's bank asks the buyer to authenticate (3-D Secure): nothing is held yet. The
   * website completes it with the provider's script (Stripe.js `handleNextAction` with
   * `clientSecret`), then the order continues (resumeAuthorisation).
   */
  | { outcome: 'requires_action'; providerReference: string; clientSecret: string };

/** The provider failed (outage, timeout, bad answer): the outcome of the call is not known to be a success. */
export class PaymentProviderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaymentProviderError';
  }
}

/** Nest injection token for the PaymentProvider. */
export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');
