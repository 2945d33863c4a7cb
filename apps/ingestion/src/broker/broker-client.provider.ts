import type { Provider } from '@nestjs/common';
import { BrokerClient } from '@hamiltix/broker-client';
import { APP_CONFIG, type AppConfig } from '@hamiltix/platform';
import { IngestionMetrics } from '../metrics/ingestion-metrics.js';

export const BROKER_CLIENT = Symbol('BROKER_CLIENT');

/** The broker client, configured from BROKER_* and reporting to the ingestion metrics. */
export const brokerClientProvider: Provider = {
  provide: BROKER_CLIENT,
  inject: [APP_CONFIG, IngestionMetrics],
  useFactory: (config: AppConfig, metrics: IngestionMetrics) =>
    new BrokerClient({
      baseUrl: config.broker.baseUrl,
      token: config.broker.token.reveal(),
      secret: config.broker.secret.reveal(),
      timeoutMs: config.broker.timeoutMs,
      hooks: metrics.brokerHooks(),
    }),
};
