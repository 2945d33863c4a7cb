import { randomUUID } from 'node:crypto';
import { PaymentProviderError, type AuthorisationResult, type PaymentProvider } from './payment-provider.js';
import { NO_PROVIDER_STATE, type PaymentRepository } from './payment.repository.js';

export type SandboxPaymentState = 'authorised' | 'captured' | 'voided';

/**
 * The sandbox provider of the contract (development, CI, staging): `tok_sandbox_ok`
 * authorises, `tok_sandbox_declined` is declined, `tok_sandbox_error` fails with a
 * provider error. Anything else is declined as an unknown test card. Its state is the
 * `provider_state` of the order's `payments` row (never process memory), so a replica can
 * capture or void what another authorised, and tests can check what was charged.
 */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox';
  /** One Postgres statement. */
  readonly callBudgetMs = 5_000;

  constructor(private readonly payments: PaymentRepository) {}

  async authorise(request: {
    reference: string;
    token: string;
    amountCents: number;
  }): Promise<AuthorisationResult> {
    if (request.token === 'tok_sandbox_error')
      throw new PaymentProviderError('sandbox provider error (tok_sandbox_error)');
    if (request.token !== 'tok_sandbox_ok') {
      return {
        outcome: 'declined',
        reason: request.token === 'tok_sandbox_declined' ? 'card declined' : 'unknown sandbox card',
      };
    }
    const moved = await this.payments.moveProviderState(request.reference, {
      from: [NO_PROVIDER_STATE, 'authorised'],
      to: 'authorised',
      providerReference: `sbx_${randomUUID()}`,
      minAmountCents: request.amountCents,
    });
    if (!moved?.providerReference)
      throw new PaymentProviderError(`no payment to authorise for ${request.reference}`);
    return { outcome: 'authorised', providerReference: moved.providerReference };
  }

  /** The sandbox never asks for authentication: what `authorise` recorded is the answer. */
  async resumeAuthorisation(request: { reference: string }): Promise<AuthorisationResult> {
    const payment = await this.payments.find(request.reference);
    if (payment?.providerState === 'authorised' && payment.providerReference)
      return { outcome: 'authorised', providerReference: payment.providerReference };
    return { outcome: 'declined', reason: 'no sandbox authorisation' };
  }

  async capture(request: { reference: string; amountCents: number }): Promise<void> {
    const moved = await this.payments.moveProviderState(request.reference, {
      from: ['authorised', 'captured'],
      to: 'captured',
      minAmountCents: request.amountCents,
    });
    if (moved) return;
    const payment = await this.payments.find(request.reference);
    if (payment?.providerState === 'voided')
      throw new PaymentProviderError(`authorisation ${request.reference} was voided`);
    if (payment?.providerState === 'authorised' || payment?.providerState === 'captured')
      throw new PaymentProviderError('capture above the authorised amount');
    throw new PaymentProviderError(`no authorisation for ${request.reference}`);
  }

  async void(request: { reference: string }): Promise<void> {
    const moved = await this.payments.moveProviderState(request.reference, {
      from: [NO_PROVIDER_STATE, 'authorised', 'voided'],
      to: 'voided',
    });
    if (moved) return;
    const payment = await this.payments.find(request.reference);
    if (payment?.providerState === 'captured')
      throw new PaymentProviderError(`payment ${request.reference} was already captured`);
    // No payment row: nothing was ever authorised, nothing to release.
  }

  /** Test mode inspection: the state of one order's payment. */
  async stateOf(reference: string): Promise<SandboxPaymentState | undefined> {
    const state = (await this.payments.find(reference))?.providerState;
    return (state ?? undefined) as SandboxPaymentState | undefined;
  }

  /** Test mode inspection: everything captured so far, cents (for one listing when given). */
  capturedCents(listingId?: string): Promise<number> {
    return this.payments.capturedCents(this.name, listingId);
  }
}
