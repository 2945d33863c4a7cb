import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The correlation id of the work in progress (an HTTP request, a NATS message), carried
 * through async calls by AsyncLocalStorage so logs and outgoing messages can name it
 * without threading it through every signature.
 */
const storage = new AsyncLocalStorage<string>();

/** The current correlation id, or undefined outside any correlated work. */
export function correlationId(): string | undefined {
  return storage.getStore();
}

/** Runs `fn` with `id` as the current correlation id (for everything it awaits too). */
export function runWithCorrelationId<T>(id: string, fn: () => T): T {
  return storage.run(id, fn);
}

/** A fresh correlation id, for work that starts without one (a schedule, a message without the header). */
export function newCorrelationId(): string {
  return randomUUID();
}
