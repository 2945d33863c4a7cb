import { randomUUID } from 'node:crypto';
import { PaymentProviderError, type AuthorisationResult, type PaymentProvider } from './payment-provider.js';

export type SandboxPaymentState = 'authorised' | 'captured' | 'voided';

/**
 * The sandbox provider of the contract (development, CI, staging): `tok_sandbox_ok`
 * authorises, `tok_sandbox_declined` is declined, `tok_sandbox_error` fails with a
 * provider error. Anything else is declined as an unknown test card. State is kept in
 * memory, like a provider's test mode, so tests can check what was charged.
 */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox';
  private readonly payments = new Map<
    string,
    { state: SandboxPaymentState; amountCents: number; providerReference: string }
  >();

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
    const existing = this.payments.get(request.reference);
    if (existing) return { outcome: 'authorised', providerReference: existing.providerReference };
    const providerReference = `sbx_${randomUUID()}`;
    this.payments.set(request.reference, {
      state: 'authorised',
      amountCents: request.amountCents,
      providerReference,
    });
    return { outcome: 'authorised', providerReference };
  }

  async capture(request: { reference: string; amountCents: number }): Promise<void> {
    const payment = this.payments.get(request.reference);
    if (!payment) throw new PaymentProviderError(`no authorisation for ${request.reference}`);
    if (payment.state === 'voided')
      throw new PaymentProviderError(`authorisation ${request.reference} was voided`);
    if (request.amountCents > payment.amountCents)
      throw new PaymentProviderError('capture above the authorised amount');
    payment.state = 'captured';
  }

  async void(request: { reference: string }): Promise<void> {
    const payment = this.payments.get(request.reference);
    if (!payment) return;
    if (payment.state === 'captured')
      throw new PaymentProviderError(`payment ${request.reference} was already captured`);
    payment.state = 'voided';
  }

  /** Test mode inspection: the state of one order's payment. */
  stateOf(reference: string): SandboxPaymentState | undefined {
    return this.payments.get(reference)?.state;
  }

  /** Test mode inspection: everything captured so far, cents. */
  capturedCents(): number {
    let total = 0;
    for (const p of this.payments.values()) if (p.state === 'captured') total += p.amountCents;
    return total;
  }
}
