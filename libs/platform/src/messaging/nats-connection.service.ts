import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MessagingUnavailableError } from './messaging.errors.js';
import { RECONNECT_WAIT_MS } from './messaging.constants.js';
import { ensureStreams } from './streams.js';
import { sleep } from './sleep.js';

export type NatsConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';
type ConnectedListener = (nc: NatsConnection) => void;

/**
 * The service's one NATS connection. Connecting never blocks start-up and never crashes
 * the process: when NATS is away the service starts anyway, readiness reports NATS down,
 * and the connection keeps being retried in the background, forever. After every
 * (re)connect the JetStream streams of the contract are ensured, then listeners run
 * (consumers re-attach, the outbox relay wakes).
 */
@Injectable()
export class NatsConnectionService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(NatsConnectionService.name);
  private nc?: NatsConnection;
  private js?: JetStreamClient;
  private jsm?: JetStreamManager;
  private state: NatsConnectionState = 'idle';
  private streamsReady = false;
  private stopping = false;
  private readonly abort = new AbortController();
  private readonly listeners = new Set<ConnectedListener>();
  private waiters: Array<(nc: NatsConnection | undefined) => void> = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    this.start();
  }

  /** Starts connecting in the background (idempotent). */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'connecting';
    void this.connectLoop();
  }

  get status(): NatsConnectionState {
    return this.state;
  }

  isHealthy(): boolean {
    return this.state === 'connected' && this.streamsReady;
  }

  /** For readiness: resolves when connected and the streams exist, else throws naming why. */
  async check(): Promise<void> {
    if (this.state !== 'connected') {
      throw new MessagingUnavailableError(`${this.state} (servers ${this.config.natsServers.join(',')})`);
    }
    if (!this.streamsReady)
      throw new MessagingUnavailableError('connected but JetStream streams are not ready');
  }

  /** The connection if currently connected, else undefined. */
  connection(): NatsConnection | undefined {
    return this.state === 'connected' ? this.nc : undefined;
  }

  /** The connection, or throws MessagingUnavailableError (never waits). */
  require(): NatsConnection {
    const nc = this.connection();
    if (!nc) throw new MessagingUnavailableError(this.state);
    return nc;
  }

  jetstream(): JetStreamClient {
    const nc = this.require();
    this.js ??= jetstream(nc);
    return this.js;
  }

  async manager(): Promise<JetStreamManager> {
    const nc = this.require();
    this.jsm ??= await jetstreamManager(nc);
    return this.jsm;
  }

  /** Resolves with the connection once connected and the streams are ready; undefined when `signal` aborts first. */
  waitUntilReady(signal?: AbortSignal): Promise<NatsConnection | undefined> {
    if (this.isHealthy() && this.nc) return Promise.resolve(this.nc);
    if (signal?.aborted || this.stopping) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(undefined);
      };
      const waiter = (nc: NatsConnection | undefined) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(nc);
      };
      this.waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Runs after every (re)connect once the streams are ready; returns an unsubscribe function. */
  onReady(listener: ConnectedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  /** Drains (lets subscriptions finish what they have) and closes, bounded by the shutdown timeout. */
  async drain(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    for (const w of this.waiters.splice(0)) w(undefined);
    const nc = this.nc;
    this.state = 'closed';
    if (!nc || nc.isClosed()) return;
    try {
      const timeout = sleep(this.config.shutdownTimeoutMs).then(() => 'timeout' as const);
      const outcome = nc.isDraining()
        ? await Promise.race([nc.closed(), timeout])
        : await Promise.race([nc.drain(), timeout]);
      if (outcome === 'timeout')
        this.logger.warn(`NATS drain took over ${this.config.shutdownTimeoutMs} ms; closing`);
    } catch (error) {
      this.logger.warn(`NATS drain failed (${(error as Error).message}); closing`);
    } finally {
      if (!nc.isClosed()) await nc.close();
    }
  }

  private async connectLoop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const nc = await connect({
          servers: this.config.natsServers,
          ...natsCredentials(this.config.natsAuth),
          name: `hamiltix-${this.config.service}`,
          maxReconnectAttempts: -1,
          reconnectTimeWait: RECONNECT_WAIT_MS,
          timeout: 2_000,
        });
        if (this.stopping) {
          await nc.close();
          return;
        }
        this.attach(nc);
        return;
      } catch (error) {
        failures++;
        // One line at the first failure, then one every ~30 attempts: no log storm.
        if (failures === 1 || failures % 30 === 0) {
          this.logger.warn(
            `NATS not reachable at ${this.config.natsServers.join(',')} (${(error as Error).message}); retrying every ${RECONNECT_WAIT_MS} ms`,
          );
        }
        await sleep(RECONNECT_WAIT_MS, this.abort.signal);
      }
    }
  }

  private attach(nc: NatsConnection): void {
    this.nc = nc;
    this.js = undefined;
    this.jsm = undefined;
    this.state = 'connected';
    this.logger.log(`connected to NATS ${nc.getServer()}`);
    void this.watch(nc);
    void nc.closed().then((error) => {
      if (this.stopping) return;
      // Closed without being asked to (e.g. an auth error): start over rather than stay down.
      this.logger.error(
        `NATS connection closed unexpectedly${error ? `: ${error.message}` : ''}; reconnecting`,
      );
      this.state = 'connecting';
      this.streamsReady = false;
      void this.connectLoop();
    });
    void this.prepare(nc);
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (this.stopping) return;
      if (s.type === 'disconnect') {
        this.state = 'reconnecting';
        this.streamsReady = false;
        this.logger.warn(`disconnected from NATS ${s.server}; reconnecting`);
      } else if (s.type === 'reconnect') {
        this.state = 'connected';
        this.logger.log(`reconnected to NATS ${s.server}`);
        void this.prepare(nc);
      }
    }
  }

  /** Ensures the streams (retrying: JetStream can take a moment after a server restart), then notifies. */
  private async prepare(nc: NatsConnection): Promise<void> {
    for (let attempt = 1; !this.stopping && this.nc === nc && this.state === 'connected'; attempt++) {
      try {
        await ensureStreams(await this.manager());
        this.streamsReady = true;
        break;
      } catch (error) {
        if (attempt === 1 || attempt % 10 === 0) {
          this.logger.warn(`JetStream streams not ready yet (${(error as Error).message}); retrying`);
        }
        await sleep(Math.min(250 * attempt, 2_000), this.abort.signal);
      }
    }
    if (!this.streamsReady || this.stopping) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(nc);
    for (const l of this.listeners) {
      try {
        l(nc);
      } catch (error) {
        this.logger.error(`NATS ready listener failed: ${(error as Error).message}`);
      }
    }
  }
}

/** NATS_URL's user info as nats.js options (it does not read credentials from server URLs). */
function natsCredentials(auth: AppConfig['natsAuth']): { user?: string; pass?: string; token?: string } {
  if (!auth) return {};
  return 'token' in auth
    ? { token: auth.token.reveal() }
    : { user: auth.user.reveal(), pass: auth.pass.reveal() };
}
