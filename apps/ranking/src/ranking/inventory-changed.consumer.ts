import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SUBJECT_PATTERNS, type InventoryChangedV1 } from '@hamiltix/contracts';
import { MessagingService, type ConsumerHandle } from '@hamiltix/platform';
import { ShowRanker } from './show-ranker.service.js';

/** NEVER RENAME: the durable consumer's name on the INVENTORY stream (shared by replicas). */
export const INVENTORY_DURABLE = 'ranking';

/**
 * inventory.changed.v1.<showId> → rank that show again. Idempotent twice over: the
 * platform skips message ids already processed, and a ranking recomputes the show from
 * Postgres, so handling a message again only produces the same ranking.
 */
@Injectable()
export class InventoryChangedConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(InventoryChangedConsumer.name);
  private handle?: ConsumerHandle;

  constructor(
    private readonly messaging: MessagingService,
    private readonly ranker: ShowRanker,
  ) {}

  onApplicationBootstrap(): void {
    this.handle = this.messaging.consume<InventoryChangedV1>({
      stream: 'INVENTORY',
      durable: INVENTORY_DURABLE,
      filterSubject: SUBJECT_PATTERNS.inventoryChanged,
      // Rankings of big shows can take a few seconds on a busy node.
      ackWaitMs: 60_000,
      handler: async (payload) => {
        this.logger.debug(`inventory changed for ${payload.showId} (pull ${payload.pullId})`);
        await this.ranker.request(payload.showId, payload.performanceIds);
      },
    });
  }

  get consumer(): ConsumerHandle | undefined {
    return this.handle;
  }
}
