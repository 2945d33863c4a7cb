import { correlationId, OUTBOX_CHANNEL, outboxRow } from '@hamiltix/platform';
import type { OutboxMessage, OutboxPort } from './order-events.port.js';

/**
 * Order events for the platform's transactional outbox, as row values that checkout's own
 * statements insert (OrderRepository.markConfirmed / markFailed): the status change, the
 * payment, the hold and the event are then ONE statement, atomic without BEGIN/COMMIT
 * round trips. The row is built by the platform's `outboxRow` — the same validation,
 * message id and correlation header as OutboxService.enqueue — and the statement NOTIFYs
 * its channel, delivered at commit exactly as enqueue's.
 */
export class OrderOutbox implements OutboxPort {
  readonly channel = OUTBOX_CHANNEL;

  constructor(private readonly currentCorrelationId: () => string | undefined = correlationId) {}

  message(subject: string, payload: unknown): OutboxMessage {
    return outboxRow(subject, payload, {}, this.currentCorrelationId);
  }
}
