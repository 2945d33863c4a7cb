import {
  capturedCents,
  countFailedPaymentCall,
  findPayment,
  findPaymentByProviderReference,
  movePaymentProviderState,
  recordPaymentProviderState,
  type PaymentRow,
} from '@hamiltix/persistence';
import type { DataSource } from 'typeorm';

export { NO_PROVIDER_STATE } from '@hamiltix/persistence';

/** An order's payment row as the providers and the webhook see it. */
export type PaymentRecord = PaymentRow;

/**
 * The provider's side of the `payments` rows (the row itself is created with the order and
 * its `status` moved by the order's statements), through @hamiltix/persistence
 * (queries/payments.ts). Kept in Postgres, never in process memory, so any replica can
 * capture or void what another one authorised.
 */
export class PaymentRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(orderId: string): Promise<PaymentRecord | undefined> {
    return findPayment(this.dataSource, orderId);
  }

  findByProviderReference(providerReference: string): Promise<PaymentRecord | undefined> {
    return findPaymentByProviderReference(this.dataSource, providerReference);
  }

  /**
   * Compare-and-set of the provider state: moves it to `to` only from one of `from`
   * (`NO_PROVIDER_STATE` for "never recorded") and, when `minAmountCents` is given, only if
   * the payment's amount covers it. The provider reference is kept once set.
   * Undefined when nothing moved.
   */
  moveProviderState(
    orderId: string,
    move: { from: string[]; to: string; providerReference?: string; minAmountCents?: number },
  ): Promise<PaymentRecord | undefined> {
    return movePaymentProviderState(this.dataSource, orderId, move);
  }

  /** Counts a capture or cancel call that failed without an answer (see PaymentEntity.providerRetries). */
  countFailedCall(orderId: string): Promise<void> {
    return countFailedPaymentCall(this.dataSource, orderId);
  }

  /** Everything a provider holds as captured, cents, for one listing or all (test-mode inspection). */
  capturedCents(provider: string, listingId?: string): Promise<number> {
    return capturedCents(this.dataSource, provider, listingId);
  }

  /** Records what the provider reported (a webhook, a lookup), whatever the state was. */
  recordProviderState(orderId: string, providerReference: string, providerState: string): Promise<void> {
    return recordPaymentProviderState(this.dataSource, orderId, providerReference, providerState);
  }
}
