import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { ShutdownService } from '@hamiltix/platform';
import { IdempotencyStore } from '../idempotency/idempotency.store.js';
import { ReconcileOrders } from './reconcile-orders.use-case.js';

/** Every 15 s: settle orders stuck for over a minute. Hourly: forget idempotency keys past 24 h. */
@Injectable()
export class ReconcilerScheduler {
  private readonly logger = new Logger(ReconcilerScheduler.name);
  private running = false;

  constructor(
    @Inject(ReconcileOrders) private readonly reconcile: ReconcileOrders,
    @Inject(IdempotencyStore) private readonly idempotency: IdempotencyStore,
    private readonly shutdown: ShutdownService,
  ) {}

  @Interval('checkout-reconciler', 15_000)
  async reconcileStuckOrders(): Promise<void> {
    if (this.running || this.shutdown.isShuttingDown) return;
    this.running = true;
    try {
      await this.shutdown.track(this.reconcile.execute({ olderThanMs: 60_000, limit: 100 }));
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
