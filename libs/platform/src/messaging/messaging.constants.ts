/** Options of MessagingModule.forRoot. */
export interface MessagingModuleOptions {
  /**
   * When true the service has Postgres (a TypeORM DataSource is provided): consumers
   * become idempotent through `processed_messages` and the outbox relay runs.
   */
  postgres: boolean;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** How long JetStream remembers a `Nats-Msg-Id` to drop a re-publish (the outbox relay may re-send). */
export const DUPLICATE_WINDOW_MS = 2 * 60_000;
/** Stream retention: long enough to survive a long outage of a consumer, short enough to stay small. */
export const STREAM_MAX_AGE_MS = 7 * 24 * 3600_000;
/** Time between reconnect attempts to NATS (plus jitter); retried forever. */
export const RECONNECT_WAIT_MS = 1_000;
/** Default timeout of request/reply calls: every call has one. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 2_000;
/** Header naming why a message was dead-lettered. */
export const DEAD_LETTER_REASON_HEADER = 'x-dead-letter-reason';
/** Header naming the subject a dead-lettered message was consumed from. */
export const DEAD_LETTER_SUBJECT_HEADER = 'x-original-subject';
/** Header naming the durable consumer that rejected a message. */
export const DEAD_LETTER_CONSUMER_HEADER = 'x-dead-letter-consumer';
