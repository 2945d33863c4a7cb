import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SUBJECTS, type InventoryChangedV1, type OrderEventV1 } from '@hamiltix/contracts';
import type { Clock } from '@hamiltix/domain';
import {
  CLOCK,
  MessagingService,
  OutboxService,
  type ConsumerHandle,
  type MessageMeta,
} from '@hamiltix/platform';
import { forgetBrokerUpdatedAt, sellListingSeats } from '@hamiltix/persistence';
import { DataSource, type EntityManager } from 'typeorm';

/** NEVER RENAME: the durable consumer's name on the ORDERS stream. */
export const ORDER_EVENTS_DURABLE = 'ingestion-order-events';

/**
 * Checkout confirmed an order: those seats are gone now, not at the next pull. The
 * listing's quantity drops (and it is marked gone when nothing is left or no split fits
 * what is left); the next pull compares it with the broker again, which stays the truth.
 */
@Injectable()
export class OrderEventsConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(OrderEventsConsumer.name);
  private handle?: ConsumerHandle;

  constructor(
    private readonly messaging: MessagingService,
    private readonly outbox: OutboxService,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.handle = this.messaging.consume<OrderEventV1>({
      stream: 'ORDERS',
      durable: ORDER_EVENTS_DURABLE,
      filterSubject: SUBJECTS.orderEvent('confirmed'),
      handler: (payload, meta) => this.onConfirmed(payload, meta),
    });
  }

  get consumer(): ConsumerHandle | undefined {
    return this.handle;
  }

  async onConfirmed(order: OrderEventV1, meta: Pick<MessageMeta, 'manager' | 'messageId'>): Promise<void> {
    const work = (m: EntityManager) => this.applySale(m, order, meta.messageId);
    if (meta.manager) await work(meta.manager);
    else await this.dataSource.transaction(work);
  }

  private async applySale(m: EntityManager, order: OrderEventV1, messageId: string): Promise<void> {
    const row = await sellListingSeats(m, {
      listingId: order.listingId,
      quantity: order.quantity,
      messageId,
    });
    if (!row) {
      this.logger.log({
        message: 'sold listing already gone or unknown',
        listingId: order.listingId,
        orderId: order.orderId,
      });
      return;
    }
    // The next pull must read this event again, whatever its broker updated_at says.
    await forgetBrokerUpdatedAt(m, row.performance_id);
    const payload: InventoryChangedV1 = {
      showId: row.show_id,
      pullId: `order-${order.orderId}`.slice(0, 64),
      performanceIds: [row.performance_id],
      added: 0,
      changed: row.gone ? 0 : 1,
      removed: row.gone ? 1 : 0,
      at: this.clock.now().toISOString(),
    };
    await this.outbox.enqueue(m, SUBJECTS.inventoryChanged(row.show_id), payload);
  }
}
