import { MessagingUnavailableError } from './messaging.errors.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

/**
 * True when a handler failed because a dependency (Postgres, NATS) is away rather than
 * because of the message: such a message is retried later and never dead-lettered.
 */
export function isInfrastructureError(error: unknown): boolean {
  if (error instanceof MessagingUnavailableError) return true;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown } | undefined;
  if (!e || typeof e !== 'object') return false;
  if (e.driverError && isInfrastructureError(e.driverError)) return true;
  const code = typeof e.code === 'string' ? e.code : '';
  // 08xxx connection exceptions, 57P01-03 server shutting down / cannot connect now.
  if (NETWORK_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Connection is not established|DataSource is not initialized|connect ECONNREFUSED/i.test(
    message,
  );
}
