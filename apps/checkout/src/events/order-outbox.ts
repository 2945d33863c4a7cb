import { randomUUID } from 'node:crypto';
import { CORRELATION_HEADER, validateMessage } from '@hamiltix/contracts';
import { correlationId, MessageValidationError, OUTBOX_CHANNEL } from '@hamiltix/platform';
import type { OutboxMessage, OutboxPort } from './order-events.port.js';

/**
 * Order events for the platform's transactional outbox, as row values that checkout's own
 * statements insert (OrderRepository.markConfirmed / markFailed): the status change, the
 * payment, the hold and the event are then ONE statement, atomic without BEGIN/COMMIT
 * round trips. It does what OutboxService.enqueue does before its insert — the payload is
 * validated against the subject's contract, the correlation id travels as a header — and
 * the statement NOTIFYs the relay's channel, delivered at commit exactly as enqueue's.
 */
export class OrderOutbox implements OutboxPort {
  readonly channel = OUTBOX_CHANNEL;

  constructor(private readonly currentCorrelationId: () => string | undefined = correlationId) {}

  message(subject: string, payload: unknown): OutboxMessage {
    const result = validateMessage(subject, payload);
    if (!result.ok) throw new MessageValidationError(subject, result.error);
    const id = this.currentCorrelationId();
    return {
      messageId: randomUUID(),
      subject,
      payload: JSON.stringify(result.value),
      headers: JSON.stringify(id ? { [CORRELATION_HEADER]: id } : {}),
      channel: this.channel,
    };
  }
}
