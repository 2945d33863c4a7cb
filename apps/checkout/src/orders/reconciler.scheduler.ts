import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { APP_CONFIG, ShutdownService, type AppConfig } from '@hamiltix/platform';
import { CHECKOUT_BROKER_RETRY } from '../broker/checkout-broker.js';
import { IdempotencyStore } from '../idempotency/idempotency.store.js';
import { PAYMENT_PROVIDER, type PaymentProvider } from '../payments/payment-provider.js';
import { DEFAULT_PLACE_ORDER_OPTIONS } from './place-order.use-case.js';
import { ReconcileOrders } from './reconcile-orders.use-case.js';
import { reconcilerStuckAfterMs } from './stuck-age.js';

/**
 * Every 15 s: settle orders stuck for longer than the slowest step of the purchase flow
 * (stuck-age.ts: about 2 minutes with the defaults and Stripe). Hourly: forget idempotency
 * keys past 24 h.
 */
@Injectable()
export class ReconcilerScheduler {
  private readonly logger = new Logger(ReconcilerScheduler.name);
  private running = false;
  private readonly stuckAfterMs: number;

  constructor(
    @Inject(ReconcileOrders) private readonly reconcile: ReconcileOrders,
    @Inject(IdempotencyStore) private readonly idempotency: IdempotencyStore,
    private readonly shutdown: ShutdownService,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(PAYMENT_PROVIDER) payments: PaymentProvider,
  ) {
    this.stuckAfterMs = reconcilerStuckAfterMs({
      brokerTimeoutMs: config.broker.timeoutMs,
      brokerAttempts: CHECKOUT_BROKER_RETRY.maxAttempts,
      brokerRetryDelayMs: CHECKOUT_BROKER_RETRY.maxDelayMs,
      pendingWaitMs: DEFAULT_PLACE_ORDER_OPTIONS.brokerPendingWaitMs,
      paymentCallBudgetMs: payments.callBudgetMs,
    });
  }

  @Interval('checkout-reconciler', 15_000)
  async reconcileStuckOrders(): Promise<void> {
    if (this.running || this.shutdown.isShuttingDown) return;
    this.running = true;
    try {
      await this.shutdown.track(this.reconcile.execute({ olderThanMs: this.stuckAfterMs, limit: 100 }));
    } catch (error) {
      this.logger.error({ message: 'reconciliation round failed', err: error });
    } finally {
      this.running = false;
    }
  }

  @Interval('checkout-idempotency-purge', 3_600_000)
  async purgeIdempotencyKeys(): Promise<void> {
    try {
      const purged = await this.idempotency.purgeExpired();
      if (purged) this.logger.log(`purged ${purged} expired idempotency key(s)`);
    } catch (error) {
      this.logger.warn(`idempotency purge failed: ${(error as Error).message}`);
    }
  }
}
