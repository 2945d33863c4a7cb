import type { Counter } from 'prom-client';
import type { AuthorisationResult, PaymentProvider } from './payment-provider.js';

export type PaymentOperation = 'authorise' | 'capture' | 'void';

/**
 * Counts the provider's failures by operation (checkout_payment_provider_errors_total), wherever
 * the call comes from: a purchase, or the reconciler retrying a capture or void. A decline is an
 * answer, not an error. A failed capture is the one that matters most: the broker has accepted
 * the order and the buyer is not charged yet (the reconciler retries it).
 */
export class InstrumentedPaymentProvider implements PaymentProvider {
  constructor(
    readonly inner: PaymentProvider,
    private readonly errors: Counter<'operation'>,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  get callBudgetMs(): number {
    return this.inner.callBudgetMs;
  }

  authorise(request: {
    reference: string;
    token: string;
    amountCents: number;
  }): Promise<AuthorisationResult> {
    return this.counted('authorise', () => this.inner.authorise(request));
  }

  resumeAuthorisation(request: { reference: string }): Promise<AuthorisationResult> {
    return this.counted('authorise', () => this.inner.resumeAuthorisation(request));
  }

  capture(request: { reference: string; amountCents: number }): Promise<void> {
    return this.counted('capture', () => this.inner.capture(request));
  }

  void(request: { reference: string }): Promise<void> {
    return this.counted('void', () => this.inner.void(request));
  }

  private async counted<T>(operation: PaymentOperation, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      this.errors.inc({ operation });
      throw error;
    }
  }
}
