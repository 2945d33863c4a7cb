import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource, ping } from '@hamiltix/persistence';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { HealthRegistry } from '../health/health-registry.js';

const RETRY_MS = 2_000;

export const dataSourceProvider = {
  provide: DataSource,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    createDataSource({
      url: config.databaseUrl.reveal(),
      applicationName: `hamiltix-${config.service}`,
      poolSize: 10,
    }),
};

/**
 * Opens the data source at start. When Postgres is away the service still starts
 * (readiness reports it down, requests get 503) and keeps trying in the background.
 */
@Injectable()
export class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private timer?: NodeJS.Timeout;
  private closing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    this.health.register('postgres', async () => {
      if (!this.dataSource.isInitialized) throw new Error('not connected');
      await ping(this.dataSource);
    });
    await this.tryConnect();
  }

  private async tryConnect(): Promise<void> {
    if (this.closing || this.dataSource.isInitialized) return;
    try {
      await this.dataSource.initialize();
      this.logger.log('connected to Postgres');
    } catch (error) {
      this.logger.warn({
        message: `Postgres unreachable; retrying every ${RETRY_MS} ms`,
        reason: (error as Error).message,
      });
      this.timer = setTimeout(() => void this.tryConnect(), RETRY_MS);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearTimeout(this.timer);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
