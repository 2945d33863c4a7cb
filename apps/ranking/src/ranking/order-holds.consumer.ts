import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SUBJECT_PATTERNS, type OrderEventV1 } from '@hamiltix/contracts';
import { MessagingService, type ConsumerHandle } from '@hamiltix/platform';
import { ShowListingsRepository } from './show-listings.repository.js';
import { ShowRanker } from './show-ranker.service.js';

/** NEVER RENAME: the durable consumer's name on the ORDERS stream (shared by replicas). */
export const ORDER_HOLDS_DURABLE = 'ranking-order-holds';

/**
 * orders.events.v1.held / .failed → rank the listing's show again: checkout's open holds are
 * not for sale (ShowListingsRepository.activeListings subtracts them), so a listing whose
 * seats are all held leaves search at once, and comes back when the order fails.
 * `confirmed` is left to ingestion, which takes the sale off the listing and then announces
 * inventory.changed (ranking on the event itself would read the hold already ended and the
 * sale not yet applied).
 */
@Injectable()
export class OrderHoldsConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(OrderHoldsConsumer.name);
  private handle?: ConsumerHandle;

  constructor(
    private readonly messaging: MessagingService,
    private readonly repository: ShowListingsRepository,
    private readonly ranker: ShowRanker,
  ) {}

  onApplicationBootstrap(): void {
    this.handle = this.messaging.consume<OrderEventV1>({
      stream: 'ORDERS',
      durable: ORDER_HOLDS_DURABLE,
      filterSubject: SUBJECT_PATTERNS.orderEvents,
      ackWaitMs: 60_000,
      handler: (payload) => this.onOrderEvent(payload),
    });
  }

  get consumer(): ConsumerHandle | undefined {
    return this.handle;
  }

  async onOrderEvent(event: OrderEventV1): Promise<void> {
    if (event.status !== 'held' && event.status !== 'failed') return;
    const showId = await this.repository.showOfListing(event.listingId);
    if (!showId) return; // a listing not stored yet is not on sale here either
    this.logger.debug(`order ${event.orderId} ${event.status}: ranking ${showId} again`);
    // The held listing's performance only: an incremental ranking when the fit is held.
    await this.ranker.request(showId, [event.performanceId]);
  }
}
