import { DomainError } from '@hamiltix/platform';

/** A simulated server failure (the errorRate fault). */
export class SimulatedServerError extends DomainError {
  readonly statusCode = 500;
  readonly error = 'Internal Server Error';
}
