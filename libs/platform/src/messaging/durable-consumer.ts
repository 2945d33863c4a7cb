import { Logger } from '@nestjs/common';
import {
  AckPolicy,
  DeliverPolicy,
  type ConsumerConfig,
  type ConsumerMessages,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { CORRELATION_HEADER, STREAMS, SUBJECTS } from '@hamiltix/contracts';
import { claimProcessedMessage, ping } from '@hamiltix/persistence';
import type { DataSource } from 'typeorm';
import { newCorrelationId, runWithCorrelationId } from '../logging/correlation.js';
import type { ConsumeOptions, ConsumerHandle, MessageMeta } from './consumer.types.js';
import { fromNatsHeaders, toNatsHeaders } from './message-headers.js';
import {
  DEAD_LETTER_CONSUMER_HEADER,
  DEAD_LETTER_REASON_HEADER,
  DEAD_LETTER_SUBJECT_HEADER,
} from './messaging.constants.js';
import type { MessagingMetrics } from './messaging-metrics.js';
import type { NatsConnectionService } from './nats-connection.service.js';
import { DEAD_LETTER_PREFIX, decodeValidated } from './payload.js';
import { isInfrastructureError } from './infrastructure-error.js';
import { Semaphore } from './semaphore.js';
import { sleep } from './sleep.js';

/** Extra deliveries beyond maxDeliver before a message that never gets acked is parked. */
const CRASH_LOOP_ALLOWANCE = 20;

/**
 * One durable JetStream pull consumer: created idempotently, re-attached after a
 * reconnect, messages validated, handled with bounded concurrency, acked on success,
 * nak'ed with growing delay on failure, dead-lettered (and termed) when invalid or
 * after maxDeliver attempts. Nothing a message does can stop the loop.
 */
export class DurableConsumer<T> implements ConsumerHandle {
  private readonly logger: Logger;
  private readonly streamName: string;
  private readonly maxDeliver: number;
  private readonly ackWaitMs: number;
  private readonly semaphore: Semaphore;
  private readonly inflight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private messages?: ConsumerMessages;
  private dependencyDown = false;
  private loop?: Promise<void>;

  constructor(
    private readonly options: ConsumeOptions<T>,
    private readonly connection: NatsConnectionService,
    private readonly metrics: MessagingMetrics,
    private readonly dataSource: DataSource | undefined,
    private readonly shutdownTimeoutMs: number,
  ) {
    this.logger = new Logger(`Consumer:${options.durable}`);
    this.streamName = STREAMS[options.stream].name;
    this.maxDeliver = options.maxDeliver ?? 5;
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
    this.semaphore = new Semaphore(options.concurrency ?? 4);
  }

  get durable(): string {
    return this.options.durable;
  }

  start(): this {
    this.loop ??= this.run();
    return this;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.messages?.close().catch(() => undefined);
    await this.loop;
    // Unacked messages still buffered go back to the stream after ack_wait (to another replica).
    const done = Promise.allSettled([...this.inflight]);
    const timedOut = await Promise.race([
      done.then(() => false),
      sleep(this.shutdownTimeoutMs).then(() => true),
    ]);
    if (timedOut)
      this.logger.warn(`${this.inflight.size} handler(s) still running after ${this.shutdownTimeoutMs} ms`);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      const nc = await this.connection.waitUntilReady(this.abort.signal);
      if (!nc || this.abort.signal.aborted) return;
      await this.waitForDatabase();
      if (this.abort.signal.aborted) return;
      try {
        await this.ensureConsumer();
        const consumer = await this.connection
          .jetstream()
          .consumers.get(this.streamName, this.options.durable);
        const messages = await consumer.consume({ max_messages: (this.options.concurrency ?? 4) * 2 });
        this.messages = messages;
        if (this.abort.signal.aborted) await messages.close();
        void this.watchStatus(messages);
        failures = 0;
        for await (const m of messages) {
          await this.semaphore.acquire();
          if (this.dependencyDown) {
            // Leave this one (and the buffered rest) to be redelivered once Postgres is back.
            this.semaphore.release();
            m.nak(1_000);
            await messages.close().catch(() => undefined);
            break;
          }
          const p = this.handle(m).finally(() => {
            this.semaphore.release();
            this.inflight.delete(p);
          });
          this.inflight.add(p);
        }
      } catch (error) {
        if (this.abort.signal.aborted) return;
        failures++;
        this.logger.warn(`consumer loop failed (${(error as Error).message}); restarting`);
        await sleep(Math.min(500 * 2 ** failures, 10_000), this.abort.signal);
      }
    }
  }

  /** With Postgres, handling waits until the database answers (at start, and after a failure). */
  private async waitForDatabase(): Promise<void> {
    const ds = this.dataSource;
    if (!ds || this.options.idempotent === false) return;
    for (let attempt = 1; !this.abort.signal.aborted; attempt++) {
      try {
        if (!ds.isInitialized) throw new Error('not connected');
        await ping(ds);
        if (this.dependencyDown) this.logger.log('Postgres is back; consuming again');
        this.dependencyDown = false;
        return;
      } catch (error) {
        if (attempt === 1)
          this.logger.warn(`waiting for Postgres before consuming (${(error as Error).message})`);
        await sleep(1_000, this.abort.signal);
      }
    }
  }

  /** When the consumer or stream vanished (a NATS server that lost its store), re-create it. */
  private async watchStatus(messages: ConsumerMessages): Promise<void> {
    for await (const s of messages.status()) {
      if (s.type === 'consumer_not_found' || s.type === 'consumer_deleted' || s.type === 'stream_not_found') {
        this.logger.warn(`JetStream reports ${s.type}; re-creating the consumer`);
        await messages.close().catch(() => undefined);
        return;
      }
    }
  }

  private async ensureConsumer(): Promise<void> {
    const jsm = await this.connection.manager();
    const wanted: Partial<ConsumerConfig> = {
      durable_name: this.options.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      // Unlimited on the server: we dead-letter handler failures at maxDeliver ourselves, but
      // retry forever while a dependency (Postgres) is away, so an outage loses nothing.
      max_deliver: -1,
      ack_wait: nanos(this.ackWaitMs),
      max_ack_pending: 1_000,
      ...(this.options.filterSubject ? { filter_subject: this.options.filterSubject } : {}),
    };
    const existing = await jsm.consumers.info(this.streamName, this.options.durable).catch(() => undefined);
    if (!existing) {
      await jsm.consumers.add(this.streamName, wanted);
      return;
    }
    const c = existing.config;
    if (
      c.max_deliver !== wanted.max_deliver ||
      c.ack_wait !== wanted.ack_wait ||
      (c.filter_subject ?? '') !== (this.options.filterSubject ?? '')
    ) {
      await jsm.consumers.update(this.streamName, this.options.durable, {
        max_deliver: wanted.max_deliver,
        ack_wait: wanted.ack_wait,
        filter_subject: this.options.filterSubject ?? '',
      });
    }
  }

  private async handle(m: JsMsg): Promise<void> {
    // How far behind this consumer is: what the stream still holds for it after this message.
    this.metrics.setConsumerPending(this.options.durable, m.info.pending);
    const headers = fromNatsHeaders(m.headers);
    const correlationId = m.headers?.get(CORRELATION_HEADER) || newCorrelationId();
    const meta: MessageMeta = {
      subject: m.subject,
      messageId: m.headers?.get('Nats-Msg-Id') || `${this.streamName}:${m.seq}`,
      headers,
      redelivered: m.redelivered,
      deliveryCount: m.info.deliveryCount,
      streamSequence: m.seq,
      correlationId,
    };
    await runWithCorrelationId(correlationId, async () => {
      const decoded = decodeValidated<T>(m.subject, m.data);
      if (!decoded.ok) {
        await this.deadLetter(m, meta, `invalid payload: ${decoded.error}`);
        return;
      }
      if (meta.deliveryCount > this.maxDeliver + CRASH_LOOP_ALLOWANCE) {
        // Delivered again and again without an ack or nak: it likely kills the process.
        await this.deadLetter(m, meta, `delivered ${meta.deliveryCount} times without success`);
        return;
      }
      // Long handlers tell JetStream they are alive rather than being redelivered mid-way.
      const keepAlive = setInterval(() => m.working(), Math.max(1_000, this.ackWaitMs / 2));
      keepAlive.unref();
      try {
        await this.process(decoded.value, meta);
        m.ack();
        this.metrics.increment('consumed');
      } catch (error) {
        this.metrics.increment('consumeFailures');
        const reason = (error as Error).message ?? String(error);
        if (isInfrastructureError(error)) {
          // Not the message's fault: retry later, never dead-letter, and stop fetching until it is back.
          this.logger.warn(
            `handling ${meta.subject} ${meta.messageId} failed, dependency away: ${reason}; pausing`,
          );
          this.dependencyDown = true;
          m.nak(5_000);
          // Stop fetching now; the loop resumes once waitForDatabase sees it back.
          void this.messages?.close().catch(() => undefined);
        } else if (meta.deliveryCount >= this.maxDeliver) {
          await this.deadLetter(m, meta, `handler failed ${meta.deliveryCount} times: ${reason}`);
        } else {
          const delayMs = Math.min(1_000 * 2 ** (meta.deliveryCount - 1), 30_000);
          this.logger.warn(
            `handling ${meta.subject} ${meta.messageId} failed (delivery ${meta.deliveryCount}/${this.maxDeliver}): ${reason}; retrying in ${delayMs} ms`,
          );
          m.nak(delayMs);
        }
      } finally {
        clearInterval(keepAlive);
      }
    });
  }

  /** Runs the handler; with Postgres inside a transaction that first claims the message id. */
  private async process(payload: T, meta: MessageMeta): Promise<void> {
    if (!this.dataSource || this.options.idempotent === false) {
      await this.options.handler(payload, meta);
      return;
    }
    let duplicate = false;
    await this.dataSource.transaction(async (manager) => {
      if (!(await claimProcessedMessage(manager, this.options.durable, meta.messageId))) {
        duplicate = true;
        return;
      }
      await this.options.handler(payload, { ...meta, manager });
    });
    if (duplicate) {
      this.metrics.increment('duplicatesSkipped');
      this.logger.debug(`skipped ${meta.subject} ${meta.messageId}: already processed`);
    }
  }

  /** Parks the message on `deadletter.v1.<subject>` with the reason, then terms it. Never throws. */
  private async deadLetter(m: JsMsg, meta: MessageMeta, reason: string): Promise<void> {
    if (m.subject.startsWith(DEAD_LETTER_PREFIX)) {
      // Never dead-letter a dead letter (no loops); it stays in its stream for 7 days.
      m.term(reason.slice(0, 200));
      this.logger.warn(`gave up on dead letter ${m.subject} ${meta.messageId}: ${reason}`);
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(meta.headers)) if (!/^nats-/i.test(k)) headers[k] = v;
    headers[DEAD_LETTER_REASON_HEADER] = reason.slice(0, 1_000).replace(/[\r\n]+/g, ' ');
    headers[DEAD_LETTER_SUBJECT_HEADER] = m.subject;
    headers[DEAD_LETTER_CONSUMER_HEADER] = this.options.durable;
    headers[CORRELATION_HEADER] = meta.correlationId;
    try {
      await this.connection.jetstream().publish(SUBJECTS.deadLetter(m.subject), m.data, {
        // Same id on a retry of this very dead-lettering: JetStream keeps one copy.
        msgID: `dl:${this.options.durable}:${meta.messageId}`,
        headers: toNatsHeaders(headers),
        timeout: 5_000,
      });
      m.term(reason.slice(0, 200));
      this.metrics.increment('deadLettered');
      this.logger.warn(`dead-lettered ${m.subject} ${meta.messageId}: ${reason}`);
    } catch (error) {
      // Could not park it: leave it in the stream and try again later rather than lose it.
      this.logger.error(
        `could not dead-letter ${m.subject} ${meta.messageId} (${(error as Error).message}); will retry`,
      );
      m.nak(5_000);
    }
  }
}
