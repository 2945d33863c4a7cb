import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { AlertSinkService } from './alerts/alert-sink.service.js';
import { AlertWebhookService } from './alerts/alert-webhook.service.js';
import { AlertService } from './alerts/alert.service.js';
import type { Clock } from '@hamiltix/domain';
import { CLOCK, clockProvider } from './clock/clock.provider.js';
import type { ServiceName } from './config/config.schema.js';
import { APP_CONFIG, loadConfig, type AppConfig } from './config/config.js';
import { DatabaseLifecycle, dataSourceProvider } from './database/database.providers.js';
import { AllExceptionsFilter } from './errors/all-exceptions.filter.js';
import { HealthController } from './health/health.controller.js';
import { HealthRegistry } from './health/health-registry.js';
import { CorrelationInterceptor } from './logging/correlation.interceptor.js';
import { MessagingModule } from './messaging/messaging.module.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsService } from './metrics/metrics.service.js';
import { REDIS, RedisLifecycle, redisProvider } from './redis/redis.providers.js';
import { RateLimitGuard } from './rate-limit/rate-limit.guard.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';
import { ShutdownService } from './shutdown/shutdown.service.js';

export interface PlatformOptions {
  service: ServiceName;
  /** Which shared servers the service uses; readiness checks exactly these. */
  postgres: boolean;
  redis: boolean;
  nats: boolean;
  /** A ready config (tests); otherwise it is loaded from the environment. */
  config?: Readonly<AppConfig>;
  /** The process's clock (tests pin one); the system clock otherwise. */
  clock?: Clock;
}

/**
 * Everything a service needs, in one import: config, logging context, metrics, health,
 * shutdown, the exception filter, alerts, and (as asked) Postgres, Redis and NATS.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    // Loaded when the module is instantiated, not when it is declared: bootstrapService
    // has validated the environment by then and turned any error into a clear exit.
    const providers: Provider[] = [
      { provide: APP_CONFIG, useFactory: () => options.config ?? loadConfig(options.service, process.env) },
      {
        provide: MetricsService,
        inject: [APP_CONFIG],
        useFactory: (config: AppConfig) => {
          const metrics = new MetricsService();
          metrics.setService(config.service, config.appEnv);
          return metrics;
        },
      },
      clockProvider(options.clock),
      HealthRegistry,
      ShutdownService,
      AlertWebhookService,
      AlertService,
      { provide: APP_FILTER, useClass: AllExceptionsFilter },
      { provide: APP_INTERCEPTOR, useClass: CorrelationInterceptor },
    ];
    const exports: (Provider | symbol | DynamicModule | typeof DataSource)[] = [
      APP_CONFIG,
      CLOCK,
      MetricsService,
      HealthRegistry,
      ShutdownService,
      AlertService,
      AlertWebhookService,
    ];
    const imports: DynamicModule[] = [];
    if (options.postgres) {
      providers.push(dataSourceProvider, DatabaseLifecycle);
      exports.push(DataSource);
    }
    if (options.redis) {
      providers.push(redisProvider, RedisLifecycle, RateLimiter, RateLimitGuard);
      exports.push(REDIS, RateLimiter, RateLimitGuard);
    }
    if (options.nats) {
      const messaging = MessagingModule.forRoot({ postgres: options.postgres });
      imports.push(messaging);
      providers.push(AlertSinkService);
      exports.push(messaging);
    }
    return {
      module: PlatformModule,
      global: true,
      imports: [TerminusModule.forRoot({ logger: false }), ...imports],
      controllers: [HealthController, MetricsController],
      providers,
      exports,
    };
  }
}
