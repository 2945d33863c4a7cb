import Stripe from 'stripe';
import { PaymentProviderError, type AuthorisationResult, type PaymentProvider } from './payment-provider.js';
import type { PaymentRecord, PaymentRepository } from './payment.repository.js';

export interface StripeClientOptions {
  secretKey: string;
  /** Undefined = Stripe's own API; tests and local development point it at a stand-in. */
  apiUrl?: string;
  timeoutMs?: number;
}

const STRIPE_TIMEOUT_MS = 10_000;
/** Automatic retries of a failed call (safe: every POST carries our Idempotency-Key). */
const STRIPE_NETWORK_RETRIES = 1;
/** The client's longest back-off before a retry (stripe-node's MAX_NETWORK_RETRY_DELAY_SEC). */
const STRIPE_MAX_RETRY_DELAY_MS = 5_000;

/** The longest one Stripe call may take, retries included, ms. */
export function stripeCallBudgetMs(timeoutMs = STRIPE_TIMEOUT_MS): number {
  return (1 + STRIPE_NETWORK_RETRIES) * timeoutMs + STRIPE_NETWORK_RETRIES * STRIPE_MAX_RETRY_DELAY_MS;
}

/** The official client, pointed at `apiUrl` when given (host, port and protocol are its options). */
export function createStripeClient(options: StripeClientOptions): Stripe {
  const url = options.apiUrl ? new URL(options.apiUrl) : undefined;
  return new Stripe(options.secretKey, {
    maxNetworkRetries: STRIPE_NETWORK_RETRIES,
    timeout: options.timeoutMs ?? STRIPE_TIMEOUT_MS,
    telemetry: false,
    appInfo: { name: 'hamiltix-checkout' },
    ...(url
      ? {
          host: url.hostname,
          port: url.port || (url.protocol === 'https:' ? '443' : '80'),
          protocol: url.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  });
}

/**
 * Stripe's `Idempotency-Key` for one step of one order: a retry, a second replica or a
 * reconciler pass repeating the step gets Stripe's first answer back, never a second charge.
 * Stripe replays a key's first answer even when it was a 500, so a capture or cancel that
 * failed without an answer is retried under `retry` + 1 (payments.provider_retries); a
 * PaymentIntent is captured at most once whatever the key, and each pass first reads its state.
 */
export function stripeIdempotencyKey(
  orderId: string,
  step: 'create' | 'confirm' | 'capture' | 'cancel',
  retry = 0,
): string {
  return `hamiltix-order-${orderId}-${step}${retry ? `-retry${retry}` : ''}`;
}

/**
 * Real payments through Stripe: one PaymentIntent per order (USD, the order's all-in total
 * in cents, `capture_method: manual`), confirmed with the PaymentMethod the website's
 * Payment Element created (`pm_…`, the order's `paymentToken`); captured when the broker
 * accepts, cancelled otherwise. The intent id is written to `payments` before the intent is
 * confirmed, so whatever replica (or reconciler pass) comes next can find, capture or cancel
 * it; capture and void first ask Stripe for the intent's state.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe';

  constructor(
    private readonly stripe: Stripe,
    private readonly payments: PaymentRepository,
    readonly callBudgetMs = stripeCallBudgetMs(),
  ) {}

  async authorise(request: {
    reference: string;
    token: string;
    amountCents: number;
  }): Promise<AuthorisationResult> {
    const payment = await this.payments.find(request.reference);
    if (!payment) throw new PaymentProviderError(`no payment row for order ${request.reference}`);
    const intentId = payment.providerReference ?? (await this.createIntent(payment, request.amountCents));
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.stripe.paymentIntents.confirm(
        intentId,
        { payment_method: request.token },
        { idempotencyKey: stripeIdempotencyKey(request.reference, 'confirm') },
      );
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        await this.payments.recordProviderState(request.reference, intentId, 'requires_payment_method');
        return { outcome: 'declined', reason: error.decline_code ?? error.code ?? 'card declined' };
      }
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.param === 'payment_method')
        return { outcome: 'declined', reason: 'unusable payment method' };
      throw providerError('confirm', request.reference, error);
    }
    await this.payments.recordProviderState(request.reference, intent.id, intent.status);
    const result = authorisation(intent);
    // Neither held nor refused yet (`processing`: a method that settles later): the order is
    // declined now, so cancel the intent before it can hold the buyer's money for nothing. A
    // cancel that fails throws: the order stays open and the reconciler cancels it later.
    if (result.outcome === 'declined' && UNSETTLED.has(intent.status)) await this.void(request);
    return result;
  }

  /**
   * After 3-D Secure: the intent's state as Stripe has it now (the buyer's authentication
   * happened between the page and Stripe). `requires_capture` → authorised;
   * `requires_action` → still waiting; `requires_payment_method` (authentication failed) or
   * `canceled` → declined.
   */
  async resumeAuthorisation(request: { reference: string }): Promise<AuthorisationResult> {
    const { intent } = await this.current(request.reference);
    if (!intent) throw new PaymentProviderError(`no PaymentIntent for order ${request.reference}`);
    return authorisation(intent);
  }

  async capture(request: { reference: string; amountCents: number }): Promise<void> {
    const { intent, retries } = await this.current(request.reference);
    if (!intent) throw new PaymentProviderError(`no PaymentIntent for order ${request.reference}`);
    if (intent.status === 'succeeded') return; // captured already (an earlier pass, another replica)
    if (intent.status === 'canceled')
      throw new PaymentProviderError(
        `PaymentIntent ${intent.id} was cancelled (${intent.cancellation_reason ?? 'no reason given'})`,
      );
    if (intent.status !== 'requires_capture')
      throw new PaymentProviderError(`PaymentIntent ${intent.id} cannot be captured (${intent.status})`);
    if (intent.amount_capturable < request.amountCents)
      throw new PaymentProviderError('capture above the authorised amount');
    let captured: Stripe.PaymentIntent;
    try {
      captured = await this.stripe.paymentIntents.capture(
        intent.id,
        { amount_to_capture: request.amountCents },
        { idempotencyKey: stripeIdempotencyKey(request.reference, 'capture', retries) },
      );
    } catch (error) {
      throw await this.failedCall('capture', request.reference, error);
    }
    await this.payments.recordProviderState(request.reference, captured.id, captured.status);
    if (captured.status !== 'succeeded')
      throw new PaymentProviderError(`PaymentIntent ${captured.id} is ${captured.status} after capture`);
  }

  async void(request: { reference: string }): Promise<void> {
    const { intent, retries } = await this.current(request.reference);
    // No intent recorded: none was ever confirmed (the id is stored before confirming), nothing is held.
    if (!intent || intent.status === 'canceled') return;
    if (intent.status === 'succeeded')
      throw new PaymentProviderError(`PaymentIntent ${intent.id} was already captured`);
    let cancelled: Stripe.PaymentIntent;
    try {
      cancelled = await this.stripe.paymentIntents.cancel(
        intent.id,
        {},
        { idempotencyKey: stripeIdempotencyKey(request.reference, 'cancel', retries) },
      );
    } catch (error) {
      throw await this.failedCall('cancel', request.reference, error);
    }
    await this.payments.recordProviderState(request.reference, cancelled.id, cancelled.status);
  }

  private async createIntent(payment: PaymentRecord, amountCents: number): Promise<string> {
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.stripe.paymentIntents.create(
        {
          amount: amountCents,
          currency: 'usd',
          capture_method: 'manual',
          // Cards and wallets confirmed in the page; nothing that redirects the buyer away.
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          description: `Hamiltix order ${payment.orderId}`,
          metadata: { order_id: payment.orderId },
        },
        { idempotencyKey: stripeIdempotencyKey(payment.orderId, 'create') },
      );
    } catch (error) {
      throw providerError('create', payment.orderId, error);
    }
    await this.payments.recordProviderState(payment.orderId, intent.id, intent.status);
    return intent.id;
  }

  /**
   * A capture or cancel that failed: Stripe answered with an error of its own (4xx: the
   * state did not allow it — the next pass reads the state again), or gave no usable answer
   * (5xx, network), after which the same key would replay the failure: counted, so the next
   * call uses a new key.
   */
  private async failedCall(step: string, orderId: string, error: unknown): Promise<PaymentProviderError> {
    const answered =
      error instanceof Stripe.errors.StripeError &&
      typeof error.statusCode === 'number' &&
      error.statusCode >= 400 &&
      error.statusCode < 500;
    if (!answered) await this.payments.countFailedCall(orderId);
    return providerError(step, orderId, error);
  }

  /** The order's intent as Stripe has it now (recorded in `payments`), undefined when none was created. */
  private async current(orderId: string): Promise<{ intent?: Stripe.PaymentIntent; retries: number }> {
    const payment = await this.payments.find(orderId);
    if (!payment?.providerReference) return { retries: 0 };
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.stripe.paymentIntents.retrieve(payment.providerReference);
    } catch (error) {
      throw providerError('retrieve', orderId, error);
    }
    if (intent.status !== payment.providerState)
      await this.payments.recordProviderState(orderId, intent.id, intent.status);
    return { intent, retries: payment.providerRetries };
  }
}

/** States an intent can leave for `requires_capture` without the buyer: cancelled when the order is declined. */
const UNSETTLED = new Set<Stripe.PaymentIntent.Status>(['processing', 'requires_confirmation']);

/** What a confirmed (or re-read) PaymentIntent means for the order. */
function authorisation(intent: Stripe.PaymentIntent): AuthorisationResult {
  if (intent.status === 'requires_capture' || intent.status === 'succeeded')
    return { outcome: 'authorised', providerReference: intent.id };
  // 3-D Secure: the page runs Stripe.js handleNextAction with the client secret.
  if (intent.status === 'requires_action' && intent.client_secret)
    return { outcome: 'requires_action', providerReference: intent.id, clientSecret: intent.client_secret };
  const error = intent.last_payment_error;
  const why = error ? (error.decline_code ?? error.code ?? error.type) : intent.status;
  // requires_payment_method (declined, or authentication failed), canceled...: no money held.
  return { outcome: 'declined', reason: `payment not authorised (${why})` };
}

function providerError(step: string, orderId: string, error: unknown): PaymentProviderError {
  const detail =
    error instanceof Stripe.errors.StripeError
      ? `${error.type}${error.code ? ` ${error.code}` : ''}: ${error.message}`
      : (error as Error).message;
  return new PaymentProviderError(`Stripe ${step} for order ${orderId} failed: ${detail}`, { cause: error });
}
