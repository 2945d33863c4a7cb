import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CORRELATION_HEADER, validateMessage } from '@hamiltix/contracts';
import type { EntityManager } from 'typeorm';
import { correlationId } from '../logging/correlation.js';
import { MessageValidationError } from './messaging.errors.js';

/** Postgres channel the relay LISTENs on; NOTIFY is delivered only when the enqueuing transaction commits. */
export const OUTBOX_CHANNEL = 'hamiltix_outbox';

/**
 * Transactional outbox: write an event in the same transaction as the change it
 * describes, so both happen or neither does. OutboxRelay publishes it to JetStream
 * (with `Nats-Msg-Id = message_id`) after commit, retrying until NATS takes it.
 */
@Injectable()
export class OutboxService {
  /**
   * Validates the payload against the subject's contract (throws MessageValidationError)
   * and inserts it through `manager` (use the caller's transaction manager). Returns the
   * message id, which is the JetStream de-duplication id and the consumers' message id.
   */
  async enqueue(
    manager: EntityManager,
    subject: string,
    payload: unknown,
    headers: Record<string, string> = {},
  ): Promise<string> {
    const result = validateMessage(subject, payload);
    if (!result.ok) throw new MessageValidationError(subject, result.error);
    const messageId = randomUUID();
    const id = correlationId();
    const allHeaders =
      id && !headers[CORRELATION_HEADER] ? { ...headers, [CORRELATION_HEADER]: id } : headers;
    // One round trip: the insert, and a NOTIFY that wakes the relay at commit (never before).
    await manager.query(
      `WITH ins AS (
         INSERT INTO outbox (message_id, subject, payload, headers) VALUES ($1, $2, $3::jsonb, $4::jsonb)
       ) SELECT pg_notify($5, '')`,
      [messageId, subject, JSON.stringify(result.value), JSON.stringify(allHeaders), OUTBOX_CHANNEL],
    );
    return messageId;
  }
}
