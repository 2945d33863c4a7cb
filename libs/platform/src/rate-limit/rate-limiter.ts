import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Clock } from '@hamiltix/domain';
import type { Redis } from 'ioredis';
import { CLOCK } from '../clock/clock.provider.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { REDIS } from '../redis/redis.providers.js';
import { fixedWindow, WindowCounter } from './window-counter.js';

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the client's window resets (for Retry-After); at least 1. */
  retryAfterSeconds: number;
  /** What to tell a refused client ('' when allowed). */
  message: string;
}

const WINDOW_SECONDS = 60;
/** How often this process adds its new hits to the shared counts (and learns the others'). */
export const RATE_LIMIT_FLUSH_MS = 100;
/** Clients remembered at most; past it, those with nothing left to send are forgotten. */
const MAX_CLIENTS = 100_000;

/** One client's hits in the current window, as this process knows them. */
interface ClientCount {
  window: number;
  /** Hits this process counted in the window. */
  mine: number;
  /** Of `mine`, how many have been sent to Redis (or are on their way). */
  sent: number;
  /** Hits other processes had added by this process's last answered send. */
  others: number;
}

/**
 * The one rate limiter: RATE_LIMIT_PER_MINUTE requests per client per service (0 = off,
 * the development default), in fixed one-minute windows of the injected CLOCK, shared by every
 * replica through Redis (`hx:ratelimit:<service>:<window>:<client>`).
 *
 * A request is judged at once, from memory: this process's own hits plus the other replicas'
 * as of its last exchange with Redis. Every RATE_LIMIT_FLUSH_MS (while there is something to
 * send) one MULTI adds each client's new hits (INCRBY) and reads back the totals. So a request
 * costs a Map update, not a Redis round trip (which was 3–4 times the rest of a cached search
 * answer), and a client spreading requests over R replicas gets at most (R − 1) flush
 * intervals' worth beyond the limit. When Redis is away each replica still enforces the limit
 * on its own counts (never refusing a client under it: its own hits are a part of the total);
 * a warning is logged at most once a minute. The client is Fastify's `request.ip`, which
 * honours X-Forwarded-For only through TRUSTED_PROXY_HOPS proxies (bootstrap.ts): a client
 * cannot pick its own address.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  readonly perMinute: number;
  private readonly counter: WindowCounter;
  private readonly clients = new Map<string, ClientCount>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  /** Hits counted since the last send began. */
  private dirty = false;
  /** Shut down: nothing more is scheduled, and a send cut short by Redis closing is not news. */
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS) redis: Redis,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.perMinute = config.rateLimitPerMinute;
    this.counter = new WindowCounter(
      redis,
      `hx:ratelimit:${config.service}:`,
      new Logger(RateLimiter.name),
      'rate limit',
    );
  }

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  /** Counts one request of `client` (an IP address) and says whether it may go on. */
  check(client: string | undefined): RateDecision {
    const { window, retryAfterSeconds } = fixedWindow(this.clock.now().getTime(), WINDOW_SECONDS);
    if (!this.enabled) return { allowed: true, retryAfterSeconds, message: '' };
    const key = (client || 'unknown').slice(0, 64);
    let count = this.clients.get(key);
    if (!count || count.window !== window) {
      count = { window, mine: 0, sent: 0, others: 0 };
      this.clients.set(key, count);
    }
    count.mine++;
    this.dirty = true;
    this.schedule();
    if (count.others + count.mine <= this.perMinute) return { allowed: true, retryAfterSeconds, message: '' };
    return {
      allowed: false,
      retryAfterSeconds,
      message: `Too many requests from your address (at most ${this.perMinute} a minute). Wait ${retryAfterSeconds} seconds and try again.`,
    };
  }

  /**
   * Sends the hits not sent yet and learns the totals (the timer does this; tests and shutdown
   * may call it). Resolves when this and any send already under way are answered.
   */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing;
    this.flushing = this.send().finally(() => {
      this.flushing = undefined;
      if (this.dirty) this.schedule();
    });
    await this.flushing;
  }

  onModuleDestroy(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One flush RATE_LIMIT_FLUSH_MS from now, unless one is due or under way (it reschedules). */
  private schedule(): void {
    if (this.timer || this.flushing || !this.dirty || this.closed) return;
    this.timer = setTimeout(() => void this.flush(), RATE_LIMIT_FLUSH_MS).unref();
  }

  private async send(): Promise<void> {
    this.dirty = false;
    const current = fixedWindow(this.clock.now().getTime(), WINDOW_SECONDS).window;
    const batch: { key: string; count: ClientCount; adding: number }[] = [];
    for (const [key, count] of this.clients) {
      // Hits of an ended window no longer decide anything: dropped, not sent.
      if (count.window !== current) this.clients.delete(key);
      else if (count.mine > count.sent) batch.push({ key, count, adding: count.mine - count.sent });
    }
    if (batch.length === 0) return;
    for (const { count, adding } of batch) count.sent += adding;
    try {
      const totals = await this.counter.add(
        batch.map(({ key, count, adding }) => ({ key, window: count.window, adding })),
        WINDOW_SECONDS,
      );
      batch.forEach(({ count }, i) => {
        const total = totals[i];
        // What the others had added when Redis counted this send (all of `sent` included).
        if (Number.isFinite(total)) count.others = Math.max(count.others, total - count.sent);
      });
    } catch (error) {
      // Sent again at the next flush; meanwhile this process's own counts still decide.
      for (const { count, adding } of batch) count.sent -= adding;
      this.dirty = true;
      if (!this.closed) this.counter.warnUnavailable(error as Error, 'counted by this replica alone');
    }
    if (this.clients.size > MAX_CLIENTS)
      for (const [key, count] of this.clients) if (count.sent === count.mine) this.clients.delete(key);
  }
}
