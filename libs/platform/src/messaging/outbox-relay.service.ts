import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  countOutboxBacklog,
  deleteOldProcessedMessages,
  deletePublishedOutbox,
  listenOn,
  lockUnpublishedOutbox,
  markOutboxFailed,
  markOutboxPublished,
  tryLockOutboxRelay,
  type PendingOutboxRow,
} from '@hamiltix/persistence';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from './messaging.constants.js';
import { MessagingMetrics } from './messaging-metrics.js';
import { MessagingService } from './messaging.service.js';
import { NatsConnectionService } from './nats-connection.service.js';
import { OUTBOX_CHANNEL } from './outbox.service.js';
import { encodeJson } from './payload.js';
import { sleep } from './sleep.js';

type BatchOutcome = 'idle' | 'more' | 'failed';

/** Tuning of the relay; the defaults suit production, tests shorten them. */
export interface OutboxRelayTuning {
  batchSize: number;
  /** Safety-net poll when no NOTIFY arrives (e.g. the LISTEN connection is down). */
  pollIntervalMs: number;
  /** Backoff after a failed publish: doubles from min to max. */
  minBackoffMs: number;
  maxBackoffMs: number;
  cleanupIntervalMs: number;
}

export const DEFAULT_RELAY_TUNING: OutboxRelayTuning = {
  batchSize: 100,
  pollIntervalMs: 1_000,
  minBackoffMs: 200,
  maxBackoffMs: 10_000,
  cleanupIntervalMs: 10 * 60_000,
};

/**
 * Publishes outbox rows to JetStream in id order, once each (JetStream drops a re-send
 * by its `Nats-Msg-Id`), and marks them published. One relay at a time (a transaction
 * advisory lock; other replicas skip the round) keeps the global order; rows are taken
 * `FOR UPDATE SKIP LOCKED`. A failed publish stops the batch (later rows never overtake
 * it) and is retried with capped exponential backoff, counted in `attempts`/`last_error`.
 * Woken by NOTIFY at commit, and when NATS comes back; polls as a safety net.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly dataSource?: DataSource;
  private tuning: OutboxRelayTuning = DEFAULT_RELAY_TUNING;
  private running?: Promise<void>;
  private stopping = false;
  private abort = new AbortController();
  private wakeUp?: () => void;
  private wakePending = false;
  private failing = false;
  private listener?: pg.Client;
  private unsubscribe?: () => void;
  private lastCleanup = -Infinity;

  constructor(
    private readonly connection: NatsConnectionService,
    private readonly messaging: MessagingService,
    private readonly metrics: MessagingMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MESSAGING_OPTIONS) options: MessagingModuleOptions,
    @Optional() dataSource?: DataSource,
  ) {
    this.dataSource = options.postgres ? dataSource : undefined;
  }

  onApplicationBootstrap(): void {
    if (this.dataSource) this.start();
  }

  /** Starts the relay loop (idempotent). Tests may pass shorter timings. */
  start(tuning: Partial<OutboxRelayTuning> = {}): void {
    if (this.running || !this.dataSource) return;
    this.tuning = { ...DEFAULT_RELAY_TUNING, ...tuning };
    this.stopping = false;
    this.abort = new AbortController();
    this.unsubscribe = this.connection.onReady(() => this.wake(true));
    void this.listen();
    this.running = this.loop();
  }

  get isRunning(): boolean {
    return !!this.running;
  }

  /** Runs a round now. A NOTIFY does not cut a failure backoff short (NATS is away); NATS coming back does. */
  wake(natsBack = false): void {
    if (this.failing && !natsBack) return;
    // A wake during a round must not be lost: the round may have read the rows already.
    if (this.wakeUp) this.wakeUp();
    else this.wakePending = true;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.abort.abort();
    this.wakeUp?.();
    this.unsubscribe?.();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await Promise.race([this.running, sleep(this.config.shutdownTimeoutMs)]);
    this.running = undefined;
  }

  /** One relay round: publishes up to a batch. Exposed for tests and tools. */
  async relayOnce(): Promise<BatchOutcome> {
    const ds = this.dataSource;
    if (!ds) return 'idle';
    return ds.transaction(async (m) => {
      if (!(await tryLockOutboxRelay(m))) return 'idle'; // another replica is relaying right now
      const rows = await lockUnpublishedOutbox(m, this.tuning.batchSize);
      if (rows.length === 0) return 'idle';
      const published: string[] = [];
      let failure: { row: PendingOutboxRow; error: string } | undefined;
      if (!this.connection.isHealthy()) {
        failure = { row: rows[0], error: `NATS ${this.connection.status}` };
      } else {
        for (const row of rows) {
          try {
            await this.messaging.publishDurableRaw(
              row.subject,
              encodeJson(row.payload),
              row.message_id,
              row.headers,
            );
            published.push(row.id);
          } catch (error) {
            // Stop here: a later row must never be published before this one.
            failure = { row, error: (error as Error).message || String(error) };
            break;
          }
        }
      }
      if (published.length) {
        await markOutboxPublished(m, published);
        this.metrics.increment('outboxPublished', published.length);
      }
      if (failure) {
        await markOutboxFailed(m, failure.row.id, failure.error.slice(0, 1_000));
        this.metrics.increment('outboxFailures');
        return 'failed';
      }
      return rows.length === this.tuning.batchSize ? 'more' : 'idle';
    });
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let outcome: BatchOutcome;
      try {
        outcome = await this.relayOnce();
      } catch (error) {
        // Postgres trouble: same backoff as a NATS failure, nothing is lost (rows stay unpublished).
        if (failures === 0 || failures % 20 === 0)
          this.logger.warn(`outbox round failed: ${(error as Error).message}`);
        outcome = 'failed';
      }
      if (this.stopping) break;
      if (outcome === 'more') {
        failures = 0;
        this.failing = false;
        continue;
      }
      if (outcome === 'failed') {
        failures++;
        this.failing = true;
        if (failures === 1 || failures % 20 === 0) {
          this.logger.warn(`outbox publish failing (${failures}x); retrying with backoff`);
        }
      } else {
        if (this.failing) this.logger.log('outbox publishing again');
        failures = 0;
        this.failing = false;
        await this.housekeeping();
      }
      const delay = this.failing
        ? Math.min(this.tuning.minBackoffMs * 2 ** (failures - 1), this.tuning.maxBackoffMs)
        : this.tuning.pollIntervalMs;
      await this.pause(delay);
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.wakePending || this.stopping) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.wakeUp = done;
    });
  }

  /** Backlog gauge every idle round; old rows deleted now and then. */
  private async housekeeping(): Promise<void> {
    const ds = this.dataSource;
    if (!ds) return;
    try {
      this.metrics.setOutboxPending(await countOutboxBacklog(ds));
      if (performance.now() - this.lastCleanup < this.tuning.cleanupIntervalMs) return;
      this.lastCleanup = performance.now();
      // Published a day ago: JetStream's 2-minute duplicate window is long past.
      await deletePublishedOutbox(ds);
      // Beyond the streams' 7-day retention no redelivery can come, so the marks can go.
      await deleteOldProcessedMessages(ds);
    } catch (error) {
      this.logger.warn(`outbox housekeeping failed: ${(error as Error).message}`);
    }
  }

  /** LISTEN for enqueue notifications on a dedicated connection; re-established if it drops. */
  private async listen(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      const client = new pg.Client({ connectionString: this.databaseUrl(), connectionTimeoutMillis: 5_000 });
      try {
        const ended = new Promise<void>((resolve) => {
          client.once('end', () => resolve());
          client.once('error', (error) => {
            this.logger.warn(`outbox LISTEN connection lost: ${error.message}`);
            resolve();
          });
        });
        client.on('notification', () => this.wake());
        await client.connect();
        await listenOn(client, OUTBOX_CHANNEL);
        if (this.stopping) {
          await client.end();
          return;
        }
        this.listener = client;
        failures = 0;
        this.wake(); // anything enqueued while we were not listening
        await ended;
      } catch (error) {
        failures++;
        if (failures === 1)
          this.logger.warn(`outbox LISTEN failed (${(error as Error).message}); polling meanwhile`);
      }
      if (this.listener === client) this.listener = undefined;
      await client.end().catch(() => undefined);
      await sleep(Math.min(1_000 * 2 ** failures, 30_000), this.abort.signal);
    }
  }

  private databaseUrl(): string {
    const url = (this.dataSource?.options as { url?: string } | undefined)?.url;
    return url ?? this.config.databaseUrl.reveal();
  }
}
