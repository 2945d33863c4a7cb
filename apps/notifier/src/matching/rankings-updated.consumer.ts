import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SUBJECT_PATTERNS, type RankingsUpdatedV1 } from '@hamiltix/contracts';
import type { Clock } from '@hamiltix/domain';
import { CLOCK, MessagingService, type ConsumerHandle } from '@hamiltix/platform';
import { NotifyRanking } from './notify-ranking.use-case.js';

/** NEVER RENAME: the notifier's durable consumer on the RANKINGS stream (shared by replicas). */
export const RANKINGS_DURABLE = 'notifier';

/**
 * A ranking older than this is not matched: a newer one of the same show has followed (ranking
 * announces every rebuild), and a first deployment must not replay a week of the stream into
 * mail. The newest ranking of each show is always matched.
 */
export const STALE_RANKING_MS = 60 * 60 * 1000;

/**
 * rankings.updated.v1.<showId> → match the show's new ranking against its saved searches.
 * Durable (a restart loses nothing), idempotent (the platform skips processed message ids,
 * and a match mails only what was not mailed at that price), one at a time per replica.
 */
@Injectable()
export class RankingsUpdatedConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(RankingsUpdatedConsumer.name);
  private handle?: ConsumerHandle;

  constructor(
    private readonly messaging: MessagingService,
    private readonly notify: NotifyRanking,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.handle = this.messaging.consume<RankingsUpdatedV1>({
      stream: 'RANKINGS',
      durable: RANKINGS_DURABLE,
      filterSubject: SUBJECT_PATTERNS.rankingsUpdated,
      ackWaitMs: 60_000,
      concurrency: 1,
      handler: async (event) => {
        const age = this.clock.now().getTime() - Date.parse(event.at);
        if (age > STALE_RANKING_MS) {
          this.logger.debug(
            `ranking ${event.version} of ${event.showId} is ${Math.round(age / 60_000)} min old; skipped`,
          );
          return;
        }
        await this.notify.execute(event.showId);
      },
    });
  }

  get consumer(): ConsumerHandle | undefined {
    return this.handle;
  }
}
