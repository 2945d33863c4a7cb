import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Clock } from '@hamiltix/domain';
import { CLOCK } from '@hamiltix/platform';
import { NotifierMetrics } from '../notifier.metrics.js';
import { PENDING_TTL_MS } from '../notifier.tokens.js';
import { SavedSearchRepository } from './saved-search.repository.js';

/** How often unconfirmed searches are swept and the searches gauge refreshed. */
export const SWEEP_INTERVAL_MS = 60_000;

/**
 * Deletes searches left unconfirmed for 7 days (their address with them) and keeps the
 * pending/active gauge current. Idempotent, so every replica may run it.
 */
@Injectable()
export class PendingSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PendingSweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly searches: SavedSearchRepository,
    private readonly metrics: NotifierMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.sweep().catch((e: Error) => this.logger.warn(`sweep failed: ${e.message}`)),
      SWEEP_INTERVAL_MS,
    );
    this.timer.unref();
    void this.sweep().catch((e: Error) => this.logger.warn(`sweep failed: ${e.message}`));
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Returns how many unconfirmed searches were deleted. */
  async sweep(): Promise<number> {
    const deleted = await this.searches.deletePendingBefore(
      new Date(this.clock.now().getTime() - PENDING_TTL_MS),
    );
    if (deleted) this.logger.log(`${deleted} unconfirmed alert(s) older than 7 days deleted`);
    const counts = await this.searches.countByStatus();
    for (const [status, n] of Object.entries(counts)) this.metrics.searches.set({ status }, n);
    return deleted;
  }
}
