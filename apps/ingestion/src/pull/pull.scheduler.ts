import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, ShutdownService, type AppConfig } from '@hamiltix/platform';
import { PullService } from './pull.service.js';

const INTERVAL_NAME = 'ingestion-pull';
const CHANGES_INTERVAL_NAME = 'ingestion-changes';

/**
 * Pulls every `INGESTION_INTERVAL_SECONDS` (default 120) through @nestjs/schedule, and
 * once right after start so a fresh stack has inventory within seconds; in between, every
 * `INGESTION_CHANGES_INTERVAL_SECONDS` (default 15; 0 = off), a changes pull reads only
 * the events whose broker `updated_at` moved, within the broker budget. A changes tick that
 * finds a pull running here (a full pull, or a long changes pull) is run once that pull ends,
 * not a whole interval later: a change made meanwhile waits for the rest of that pull only.
 */
@Injectable()
export class PullScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PullScheduler.name);
  private startup?: NodeJS.Timeout;
  /** A changes pull is due as soon as the pull running here ends. */
  private catchUp = false;

  constructor(
    private readonly pulls: PullService,
    private readonly registry: SchedulerRegistry,
    private readonly shutdown: ShutdownService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = this.config.ingestion.intervalSeconds * 1000;
    this.registry.addInterval(
      INTERVAL_NAME,
      setInterval(() => this.tick('schedule'), everyMs),
    );
    const changesMs = this.config.ingestion.changesIntervalSeconds * 1000;
    if (changesMs > 0)
      this.registry.addInterval(
        CHANGES_INTERVAL_NAME,
        setInterval(() => this.tick('changes'), changesMs),
      );
    this.startup = setTimeout(() => this.tick('startup'), 1_000);
    this.logger.log(
      `pulling every ${this.config.ingestion.intervalSeconds} s` +
        (changesMs > 0 ? `, changed events every ${this.config.ingestion.changesIntervalSeconds} s` : ''),
    );
  }

  onApplicationShutdown(): void {
    if (this.startup) clearTimeout(this.startup);
    for (const name of [INTERVAL_NAME, CHANGES_INTERVAL_NAME])
      if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
  }

  private tick(trigger: 'schedule' | 'startup' | 'changes'): void {
    if (this.shutdown.isShuttingDown) return;
    // PullService never lets an error escape unlogged; this catch keeps the timer alive.
    this.pulls
      .pull(trigger)
      .then((summary) => {
        if (trigger !== 'changes' || summary.outcome !== 'skipped' || !this.pulls.inProgress) return;
        if (this.catchUp) return;
        this.catchUp = true;
        void this.pulls.idle().then(() => {
          this.catchUp = false;
          this.tick('changes');
        });
      })
      .catch((error: unknown) =>
        this.logger.error({ message: 'scheduled pull crashed', reason: (error as Error).message }),
      );
  }
}
