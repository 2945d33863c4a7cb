import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { MetricsService, ShutdownService } from '@hamiltix/platform';
import type { Gauge } from 'prom-client';
import { IdempotencyStore } from '../idempotency/idempotency.store.js';
import { OrderRepository } from './order.repository.js';
import { ReconcileOrders } from './reconcile-orders.use-case.js';

/** Open orders untouched this long are stuck past what the reconciler settles on its own. */
export const STUCK_OPEN_MS = 10 * 60_000;

/**
 * Every 15 s: settle orders stuck for over a minute, then count those open for over 10 minutes
 * (checkout_orders_stuck_open; every replica reports the same table-wide count). Hourly: forget
 * idempotency keys past 24 h.
 */
@Injectable()
export class ReconcilerScheduler {
  private readonly logger = new Logger(ReconcilerScheduler.name);
  private readonly stuckOpen: Gauge;
  private running = false;

  constructor(
    @Inject(ReconcileOrders) private readonly reconcile: ReconcileOrders,
    @Inject(IdempotencyStore) private readonly idempotency: IdempotencyStore,
    @Inject(OrderRepository) private readonly orders: OrderRepository,
    private readonly shutdown: ShutdownService,
    metrics: MetricsService,
  ) {
    this.stuckOpen = metrics.gauge(
      'checkout_orders_stuck_open',
      'Orders in created / authorised / broker_pending untouched for over 10 minutes',
    );
  }

  @Interval('checkout-reconciler', 15_000)
  async reconcileStuckOrders(): Promise<void> {
    if (this.running || this.shutdown.isShuttingDown) return;
    this.running = true;
    try {
      await this.shutdown.track(this.reconcile.execute({ olderThanMs: 60_000, limit: 100 }));
      this.stuckOpen.set(await this.orders.countStuck(STUCK_OPEN_MS));
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
