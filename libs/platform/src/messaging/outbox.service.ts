import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CORRELATION_HEADER, validateMessage } from '@hamiltix/contracts';
import { insertOutboxMessage, type OutboxInsert } from '@hamiltix/persistence';
import type { EntityManager } from 'typeorm';
import { correlationId } from '../logging/correlation.js';
import { MessageValidationError } from './messaging.errors.js';

/** Postgres channel the relay LISTENs on; NOTIFY is delivered only when the enqueuing transaction commits. */
export const OUTBOX_CHANNEL = 'hamiltix_outbox';

/** One `outbox` row's values, ready for an INSERT, and the channel to NOTIFY at commit. */
export type OutboxRow = OutboxInsert;

/**
 * The outbox row for an event, without writing it: the payload is validated against the
 * subject's contract (throws MessageValidationError), a fresh message id is drawn, and the
 * current correlation id travels as a header unless the caller set one. OutboxService.enqueue
 * inserts it; a service that folds the insert into its own statement (checkout) uses it the
 * same way, so both write the same rows.
 */
export function outboxRow(
  subject: string,
  payload: unknown,
  headers: Record<string, string> = {},
  currentCorrelationId: () => string | undefined = correlationId,
): OutboxRow {
  const result = validateMessage(subject, payload);
  if (!result.ok) throw new MessageValidationError(subject, result.error);
  const id = currentCorrelationId();
  const allHeaders = id && !headers[CORRELATION_HEADER] ? { ...headers, [CORRELATION_HEADER]: id } : headers;
  return {
    messageId: randomUUID(),
    subject,
    payload: JSON.stringify(result.value),
    headers: JSON.stringify(allHeaders),
    channel: OUTBOX_CHANNEL,
  };
}

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
    const row = outboxRow(subject, payload, headers);
    // One round trip: the insert, and a NOTIFY that wakes the relay at commit (never before).
    await insertOutboxMessage(manager, row);
    return row.messageId;
  }
}
