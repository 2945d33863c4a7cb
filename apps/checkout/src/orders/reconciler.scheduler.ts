import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { type Clock } from '@hamiltix/domain';
import { APP_CONFIG, CLOCK, MetricsService, ShutdownService, type AppConfig } from '@hamiltix/platform';
import type { Gauge } from 'prom-client';
import { CHECKOUT_BROKER_RETRY } from '../broker/checkout-broker.js';
import { IdempotencyStore } from '../idempotency/idempotency.store.js';
import { PAYMENT_PROVIDER, type PaymentProvider } from '../payments/payment-provider.js';
import { OrderRepository } from './order.repository.js';
import { DEFAULT_PLACE_ORDER_OPTIONS } from './place-order.use-case.js';
import { ReconcileOrders } from './reconcile-orders.use-case.js';
import { reconcilerStuckAfterMs } from './stuck-age.js';

/** Open orders untouched this long are stuck past what the reconciler settles on its own. */
export const STUCK_OPEN_MS = 10 * 60_000;

/**
 * Every 15 s: settle orders stuck for longer than the slowest step of the purchase flow
 * (stuck-age.ts: about 2 minutes with the defaults and Stripe), then count those open for over
 * 10 minutes (checkout_orders_stuck_open; every replica reports the same table-wide count).
 * Hourly: forget idempotency keys past 24 h, and the seat holds of performances that have begun.
 */
@Injectable()
export class ReconcilerScheduler {
  private readonly logger = new Logger(ReconcilerScheduler.name);
  private readonly stuckOpen: Gauge;
  private running = false;
  private readonly stuckAfterMs: number;

  constructor(
    @Inject(ReconcileOrders) private readonly reconcile: ReconcileOrders,
    @Inject(IdempotencyStore) private readonly idempotency: IdempotencyStore,
    @Inject(OrderRepository) private readonly orders: OrderRepository,
    private readonly shutdown: ShutdownService,
    metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(PAYMENT_PROVIDER) payments: PaymentProvider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.stuckOpen = metrics.gauge(
      'checkout_orders_stuck_open',
      'Orders in created / authorised / broker_pending untouched for over 10 minutes',
    );
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
      this.stuckOpen.set(await this.orders.countStuck(STUCK_OPEN_MS));
    } catch (error) {
      this.logger.error({ message: 'reconciliation round failed', err: error });
    } finally {
      this.running = false;
    }
  }

  @Interval('checkout-housekeeping', 3_600_000)
  async housekeeping(): Promise<void> {
    try {
      const purged = await this.idempotency.purgeExpired();
      if (purged) this.logger.log(`purged ${purged} expired idempotency key(s)`);
      const holds = await this.orders.purgeSpentHolds(this.clock.now());
      if (holds) this.logger.log(`purged ${holds} seat hold row(s) of performances that have begun`);
    } catch (error) {
      this.logger.warn(`housekeeping failed: ${(error as Error).message}`);
    }
  }
}
