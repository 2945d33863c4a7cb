import { Module, type DynamicModule } from '@nestjs/common';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from './messaging.constants.js';
import { MessagingMetrics } from './messaging-metrics.js';
import { MessagingObservability } from './messaging-observability.js';
import { MessagingService } from './messaging.service.js';
import { NatsConnectionService } from './nats-connection.service.js';
import { OutboxRelay } from './outbox-relay.service.js';
import { OutboxService } from './outbox.service.js';

/**
 * NATS + JetStream for a service. Needs APP_CONFIG (and, with `postgres: true`, a
 * TypeORM DataSource) from a global module (PlatformModule provides both).
 * Lifecycle: connects on init without blocking; the outbox relay starts on bootstrap;
 * on shutdown the relay stops, consumers finish in-flight messages, then the
 * connection drains.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        MessagingMetrics,
        NatsConnectionService,
        MessagingService,
        OutboxService,
        OutboxRelay,
        MessagingObservability,
      ],
      exports: [MessagingMetrics, NatsConnectionService, MessagingService, OutboxService, OutboxRelay],
    };
  }
}
