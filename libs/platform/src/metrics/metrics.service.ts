import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const METRIC_PREFIX = 'hamiltix_';

/**
 * The service's Prometheus registry: process metrics, the HTTP request histogram and
 * service metrics made with the helpers below (names get the `hamiltix_` prefix).
 * Asking twice for the same name returns the same metric.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = this.histogram(
      'http_request_duration_seconds',
      'HTTP request duration by route and status',
      ['method', 'route', 'status'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
  }

  setService(service: string, appEnv: string): void {
    this.registry.setDefaultLabels({ service, env: appEnv });
  }

  counter<L extends string = string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.getOrCreate(
      name,
      () => new Counter<L>({ name: METRIC_PREFIX + name, help, labelNames, registers: [this.registry] }),
    );
  }

  gauge<L extends string = string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.getOrCreate(
      name,
      () => new Gauge<L>({ name: METRIC_PREFIX + name, help, labelNames, registers: [this.registry] }),
    );
  }

  histogram<L extends string = string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets?: number[],
  ): Histogram<L> {
    return this.getOrCreate(
      name,
      () =>
        new Histogram<L>({
          name: METRIC_PREFIX + name,
          help,
          labelNames,
          buckets,
          registers: [this.registry],
        }),
    );
  }

  async render(): Promise<string> {
    return this.registry.metrics();
  }

  private getOrCreate<T>(name: string, make: () => T): T {
    const existing = this.registry.getSingleMetric(METRIC_PREFIX + name);
    return (existing as T | undefined) ?? make();
  }
}
