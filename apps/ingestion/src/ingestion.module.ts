import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { BrokerBudget } from './broker/broker-budget.js';
import { brokerClientProvider } from './broker/broker-client.provider.js';
import { IngestionMetrics } from './metrics/ingestion-metrics.js';
import { OrderEventsConsumer } from './orders/order-events.consumer.js';
import { FetchInventory } from './pull/fetch-inventory.js';
import { PullController } from './pull/pull.controller.js';
import { PullLock } from './pull/pull-lock.js';
import { PullScheduler } from './pull/pull.scheduler.js';
import { PullService } from './pull/pull.service.js';
import { CatalogueStore } from './store/catalogue-store.js';
import { ListingStore } from './store/listing-store.js';

export interface IngestionModuleOptions {
  /** Pull on a timer and at start (off in tests, which pull through /admin/refresh). */
  schedule?: boolean;
  /** Consume orders.events.v1.confirmed. */
  consumeOrders?: boolean;
}

@Module({})
export class IngestionModule {
  static forRoot(options: IngestionModuleOptions = {}): DynamicModule {
    const providers: Provider[] = [
      BrokerBudget,
      IngestionMetrics,
      brokerClientProvider,
      FetchInventory,
      CatalogueStore,
      ListingStore,
      PullLock,
      PullService,
    ];
    if (options.schedule !== false) providers.push(PullScheduler);
    if (options.consumeOrders !== false) providers.push(OrderEventsConsumer);
    return { module: IngestionModule, controllers: [PullController], providers, exports: [PullService] };
  }
}
