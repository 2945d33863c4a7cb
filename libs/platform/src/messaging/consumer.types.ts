import type { StreamKey } from '@hamiltix/contracts';
import type { EntityManager } from 'typeorm';

/** What a handler learns about the message besides its (validated) payload. */
export interface MessageMeta {
  subject: string;
  /** The publisher's `Nats-Msg-Id` (the outbox message id), else `<stream>:<sequence>`. */
  messageId: string;
  headers: Record<string, string>;
  redelivered: boolean;
  /** 1 on the first delivery. */
  deliveryCount: number;
  streamSequence: number;
  correlationId: string;
  /**
   * With Postgres: the transaction this message is handled in. Write through it, so the
   * handler's writes and the "processed" mark commit (or roll back) together.
   */
  manager?: EntityManager;
}

export interface ConsumeOptions<T> {
  stream: StreamKey;
  /**
   * Durable consumer name, shared by every replica of the service (queue-group
   * semantics: each message goes to one replica). Also the `consumer` key in
   * processed_messages. NEVER RENAME: a new name starts over from the stream's start.
   */
  durable: string;
  /** Narrows the stream, e.g. `orders.events.v1.confirmed`. */
  filterSubject?: string;
  handler: (payload: T, meta: MessageMeta) => Promise<void>;
  /** Deliveries before the message is dead-lettered (default 5). */
  maxDeliver?: number;
  /** How long a delivery may stay unacknowledged before redelivery (default 30 s; long handlers are kept alive). */
  ackWaitMs?: number;
  /** Messages handled at once by this replica (default 4). */
  concurrency?: number;
  /** With Postgres, skip messages already processed (default true). */
  idempotent?: boolean;
}

export interface ConsumerHandle {
  readonly durable: string;
  /** Stops fetching, lets in-flight handlers finish (bounded), and resolves. */
  stop(): Promise<void>;
}
