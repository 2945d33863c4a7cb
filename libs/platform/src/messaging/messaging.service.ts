import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import { RequestError, TimeoutError, NoRespondersError as NatsNoRespondersError } from '@nats-io/nats-core';
import { CORRELATION_HEADER, schemaForSubject } from '@hamiltix/contracts';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { correlationId } from '../logging/correlation.js';
import type { ConsumeOptions, ConsumerHandle } from './consumer.types.js';
import { DurableConsumer } from './durable-consumer.js';
import { toNatsHeaders } from './message-headers.js';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  MESSAGING_OPTIONS,
  type MessagingModuleOptions,
} from './messaging.constants.js';
import { MessagingUnavailableError, NoRespondersError, RequestTimeoutError } from './messaging.errors.js';
import { MessagingMetrics } from './messaging-metrics.js';
import { NatsConnectionService } from './nats-connection.service.js';
import { encodeJson, encodeValidated } from './payload.js';

export interface DurablePublishResult {
  /** Stream sequence of the stored message. */
  seq: number;
  /** True when JetStream had this msgID already (inside the duplicate window) and dropped this copy. */
  duplicate: boolean;
}

/**
 * Publishing and consuming for services. Every payload is validated against the
 * contract schema of its subject on the way out and on the way in; the correlation id
 * travels in the `x-correlation-id` header.
 */
@Injectable()
export class MessagingService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(MessagingService.name);
  private readonly consumers = new Set<DurableConsumer<unknown>>();
  private readonly dataSource?: DataSource;

  constructor(
    private readonly connection: NatsConnectionService,
    private readonly metrics: MessagingMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MESSAGING_OPTIONS) options: MessagingModuleOptions,
    @Optional() dataSource?: DataSource,
  ) {
    if (options.postgres && !dataSource) {
      throw new Error('MessagingModule.forRoot({ postgres: true }) needs a TypeORM DataSource provider');
    }
    this.dataSource = options.postgres ? dataSource : undefined;
  }

  /**
   * Core NATS publish (at most once: for signals whose loss is harmless, e.g. cache
   * invalidation). Throws MessageValidationError on a bad payload, MessagingUnavailableError
   * when not connected. Events that must not be lost go through OutboxService.
   */
  publish(subject: string, payload: unknown, headers?: Record<string, string>): void {
    const data = encodeValidated(subject, payload);
    try {
      this.connection.require().publish(subject, data, { headers: toNatsHeaders(withCorrelation(headers)) });
      this.metrics.increment('published');
    } catch (error) {
      this.metrics.increment('publishFailures');
      throw error;
    }
  }

  /**
   * JetStream publish, acknowledged by the server once stored. `msgId` becomes
   * `Nats-Msg-Id`: a re-publish with the same id within the duplicate window is dropped.
   */
  async publishDurable(
    subject: string,
    payload: unknown,
    msgId: string,
    headers?: Record<string, string>,
  ): Promise<DurablePublishResult> {
    const data = encodeValidated(subject, payload);
    return this.publishDurableRaw(subject, data, msgId, withCorrelation(headers));
  }

  /** Publishes already validated bytes (the outbox relay's path). */
  async publishDurableRaw(
    subject: string,
    data: Uint8Array,
    msgId: string,
    headers?: Record<string, string>,
    timeoutMs = 5_000,
  ): Promise<DurablePublishResult> {
    try {
      const ack = await this.connection.jetstream().publish(subject, data, {
        msgID: msgId,
        headers: toNatsHeaders(headers),
        timeout: timeoutMs,
      });
      this.metrics.increment('published');
      return { seq: ack.seq, duplicate: ack.duplicate };
    } catch (error) {
      this.metrics.increment('publishFailures');
      throw error;
    }
  }

  /**
   * Request/reply with a mandatory timeout (default 2 s). Throws RequestTimeoutError,
   * NoRespondersError or MessagingUnavailableError. Payloads of subjects with a contract
   * schema are validated; the reply is parsed as JSON.
   */
  async request<R = unknown>(
    subject: string,
    payload: unknown,
    options: { timeoutMs?: number; headers?: Record<string, string> } = {},
  ): Promise<R> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const data = schemaForSubject(subject) ? encodeValidated(subject, payload) : encodeJson(payload);
    const nc = this.connection.require();
    try {
      const reply = await nc.request(subject, data, {
        timeout: timeoutMs,
        headers: toNatsHeaders(withCorrelation(options.headers)),
      });
      return reply.json<R>();
    } catch (error) {
      if (error instanceof TimeoutError) throw new RequestTimeoutError(subject, timeoutMs);
      if (
        error instanceof NatsNoRespondersError ||
        (error instanceof RequestError && error.isNoResponders())
      ) {
        throw new NoRespondersError(subject);
      }
      if (error instanceof Error && /timeout/i.test(error.name + error.message)) {
        throw new RequestTimeoutError(subject, timeoutMs);
      }
      throw error instanceof Error && /closed|disconnect/i.test(error.message)
        ? new MessagingUnavailableError(error.message)
        : error;
    }
  }

  /**
   * Starts a durable consumer (shared by all replicas: each message handled by one).
   * Returns at once; the consumer attaches when NATS is ready and re-attaches after
   * reconnects. See ConsumeOptions for acks, retries and dead-lettering.
   */
  consume<T>(options: ConsumeOptions<T>): ConsumerHandle {
    const consumer = new DurableConsumer<T>(
      options,
      this.connection,
      this.metrics,
      this.dataSource,
      this.config.shutdownTimeoutMs,
    );
    this.consumers.add(consumer as DurableConsumer<unknown>);
    consumer.start();
    this.logger.log(
      `consuming ${options.stream}${options.filterSubject ? ` (${options.filterSubject})` : ''} as "${options.durable}"`,
    );
    return {
      durable: options.durable,
      stop: async () => {
        this.consumers.delete(consumer as DurableConsumer<unknown>);
        await consumer.stop();
      },
    };
  }

  /** Stops every consumer: no new messages, in-flight handlers finish (bounded by SHUTDOWN_TIMEOUT_MS). */
  async beforeApplicationShutdown(): Promise<void> {
    const all = [...this.consumers];
    this.consumers.clear();
    await Promise.all(all.map((c) => c.stop()));
  }
}

function withCorrelation(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  const id = correlationId();
  if (!id || headers?.[CORRELATION_HEADER]) return headers;
  return { ...headers, [CORRELATION_HEADER]: id };
}
