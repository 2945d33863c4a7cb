import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { TooManyRequestsError } from '@hamiltix/platform';
import { SimulatedServerError } from '../http/broker-errors.js';
import { FaultsService } from './faults.service.js';

/**
 * Runs before the signature check on every broker API request, as a real upstream's
 * proxy would: added latency, the per-second rate limit (429 + Retry-After), then
 * random 500s.
 */
@Injectable()
export class FaultsGuard implements CanActivate {
  constructor(private readonly faults: FaultsService) {}

  async canActivate(_context: ExecutionContext): Promise<boolean> {
    const { latencyMs } = this.faults.current;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (!this.faults.admit()) {
      throw new TooManyRequestsError('rate limit exceeded; retry after the time in Retry-After', {
        retryAfterSeconds: 1,
      });
    }
    if (this.faults.shouldFail())
      throw new SimulatedServerError('simulated broker failure (sandbox errorRate fault)');
    return true;
  }
}
