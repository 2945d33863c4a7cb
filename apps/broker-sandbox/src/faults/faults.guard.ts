import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { MetricsService, TooManyRequestsError } from '@hamiltix/platform';
import type { Counter } from 'prom-client';
import { SimulatedServerError } from '../http/broker-errors.js';
import { FaultsService } from './faults.service.js';

/**
 * Runs before the signature check on every broker API request, as a real upstream's
 * proxy would: added latency, the per-second rate limit (429 + Retry-After), then
 * random 500s.
 */
@Injectable()
export class FaultsGuard implements CanActivate {
  private readonly injected: Counter<'kind'>;

  constructor(
    private readonly faults: FaultsService,
    metrics: MetricsService,
  ) {
    this.injected = metrics.counter(
      'sandbox_faults_injected_total',
      'Broker sandbox faults answered, by kind',
      ['kind'],
    );
  }

  async canActivate(_context: ExecutionContext): Promise<boolean> {
    const { latencyMs } = this.faults.current;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (!this.faults.admit()) {
      this.injected.inc({ kind: 'rate_limit' });
      throw new TooManyRequestsError('rate limit exceeded; retry after the time in Retry-After', {
        retryAfterSeconds: 1,
      });
    }
    if (this.faults.shouldFail()) {
      this.injected.inc({ kind: 'error' });
      throw new SimulatedServerError('simulated broker failure (sandbox errorRate fault)');
    }
    return true;
  }
}
