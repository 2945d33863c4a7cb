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

/**
 * Pulls every `INGESTION_INTERVAL_SECONDS` (default 120) through @nestjs/schedule, and
 * once right after start so a fresh stack has inventory within seconds.
 */
@Injectable()
export class PullScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PullScheduler.name);
  private startup?: NodeJS.Timeout;

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
    this.startup = setTimeout(() => this.tick('startup'), 1_000);
    this.logger.log(`pulling every ${this.config.ingestion.intervalSeconds} s`);
  }

  onApplicationShutdown(): void {
    if (this.startup) clearTimeout(this.startup);
    if (this.registry.doesExist('interval', INTERVAL_NAME)) this.registry.deleteInterval(INTERVAL_NAME);
  }

  private tick(trigger: 'schedule' | 'startup'): void {
    if (this.shutdown.isShuttingDown) return;
    // PullService never lets an error escape unlogged; this catch keeps the timer alive.
    this.pulls
      .pull(trigger)
      .catch((error: unknown) =>
        this.logger.error({ message: 'scheduled pull crashed', reason: (error as Error).message }),
      );
  }
}
