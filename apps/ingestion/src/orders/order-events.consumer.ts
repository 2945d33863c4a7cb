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
    const rows = (await m.query(
      // What is left is on sale only in the splits that still fit; when none fits (or nothing
      // is left) the listing is gone: search never offers a quantity checkout would refuse.
      `UPDATE listings l SET
         quantity = GREATEST(l.quantity - $2, 0),
         splits = CASE WHEN cardinality(x.left_splits) = 0 THEN l.splits ELSE x.left_splits END,
         removed_at = CASE WHEN cardinality(x.left_splits) = 0 THEN now() ELSE NULL END,
         content_hash = 'sold:' || $3,
         updated_at = now()
       FROM (SELECT ARRAY(SELECT s FROM unnest(splits) s WHERE s <= quantity - $2 ORDER BY s) AS left_splits
               FROM listings WHERE id = $1) x
       WHERE l.id = $1 AND l.removed_at IS NULL
       RETURNING l.show_id, l.performance_id::text AS performance_id, l.removed_at IS NOT NULL AS gone`,
      [order.listingId, order.quantity, messageId],
    )) as
      | [{ show_id: string; performance_id: string; gone: boolean }[], number]
      | { show_id: string; performance_id: string; gone: boolean }[];
    const updated = Array.isArray(rows[0])
      ? (rows[0] as { show_id: string; performance_id: string; gone: boolean }[])
      : (rows as { show_id: string; performance_id: string; gone: boolean }[]);
    const row = updated[0];
    if (!row) {
      this.logger.log({
        message: 'sold listing already gone or unknown',
        listingId: order.listingId,
        orderId: order.orderId,
      });
      return;
    }
    // The next pull must read this event again, whatever its broker updated_at says.
    await m.query('UPDATE performances SET broker_updated_at = NULL WHERE id = $1', [row.performance_id]);
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
