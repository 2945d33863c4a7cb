import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { HealthRegistry } from '../health/health-registry.js';

/** Injection token for the shared ioredis client: `@Inject(REDIS) redis: Redis`. */
export const REDIS = Symbol('REDIS');

/**
 * Redis holds derived data only, so a Redis outage must degrade, never crash: no
 * offline queue (commands fail fast instead of piling up), one retry per command,
 * reconnecting in the background with capped backoff.
 */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}

export const redisProvider = {
  provide: REDIS,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => createRedis(config.redisUrl.reveal(), `hamiltix-${config.service}`),
};

@Injectable()
export class RedisLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private lastError = -Infinity;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly health: HealthRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    this.redis.on('error', (error: Error) => {
      // One line per 10 s at most while Redis is away.
      if (performance.now() - this.lastError > 10_000) {
        this.lastError = performance.now();
        this.logger.warn({ message: 'Redis unavailable', reason: error.message });
      }
    });
    this.redis.on('ready', () => this.logger.log('connected to Redis'));
    this.health.register('redis', async () => {
      if (this.redis.status !== 'ready') throw new Error(`not connected (${this.redis.status})`);
      await this.redis.ping();
    });
    this.redis.connect().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
