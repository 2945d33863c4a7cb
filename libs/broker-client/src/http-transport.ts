import CircuitBreaker from 'opossum';
import { fullJitterDelay, parseRetryAfter } from './backoff.js';
import {
  BrokerError,
  BrokerHttpError,
  BrokerMalformedResponseError,
  BrokerNetworkError,
  BrokerTimeoutError,
  BrokerUnavailableError,
} from './errors.js';
import {
  DEFAULT_BREAKER,
  DEFAULT_RETRY,
  type BreakerOptions,
  type BreakerState,
  type BrokerClientHooks,
  type BrokerClientOptions,
  type FetchLike,
  type RetryOptions,
} from './options.js';
import { canonicalQuery, signRequest } from './signing.js';

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** API path, e.g. `/v9/events`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Label for metrics (`events`, `listings`, `orders`...). */
  resource: string;
  signal?: AbortSignal;
}

interface Attempt {
  req: HttpRequest;
  url: string;
  headers: Record<string, string>;
  body?: string;
  attempt: number;
}

interface AttemptResult {
  status: number;
  text: string;
}

/**
 * Signed HTTP with per-attempt timeouts, retries for reads and a circuit breaker.
 * The breaker sees every attempt, so a broker that keeps failing opens it even while
 * reads are being retried; once open, calls fail fast with BrokerUnavailableError.
 */
export class HttpTransport {
  private readonly baseUrl: URL;
  /** Signed host: no protocol, no port (docs/domain.md §1). */
  private readonly signHost: string;
  private readonly basePath: string;
  private readonly timeoutMs: number;
  private readonly retry: RetryOptions;
  private readonly fetchFn: FetchLike;
  private readonly hooks: BrokerClientHooks;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly breaker: CircuitBreaker<[Attempt], AttemptResult>;

  constructor(private readonly options: BrokerClientOptions) {
    this.baseUrl = new URL(options.baseUrl);
    this.signHost = this.baseUrl.hostname;
    this.basePath = this.baseUrl.pathname.replace(/\/$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.fetchFn = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
    this.hooks = options.hooks ?? {};
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const b: BreakerOptions = { ...DEFAULT_BREAKER, ...options.breaker };
    this.breaker = new CircuitBreaker((a: Attempt) => this.attemptOnce(a), {
      name: 'broker',
      // The per-request AbortSignal is the timeout; opossum's own would leave the request running.
      timeout: false,
      errorThresholdPercentage: b.errorThresholdPercentage,
      volumeThreshold: b.volumeThreshold,
      resetTimeout: b.resetTimeoutMs,
      rollingCountTimeout: b.rollingCountTimeoutMs,
      enableSnapshots: false,
      // A 4xx (bad id, validation) or a 429 says nothing about the broker's health: 429 is
      // handled by Retry-After, and counting it would open the circuit under mere throttling.
      errorFilter: (err: unknown) => err instanceof BrokerHttpError && err.status < 500,
    });
    const emit = (state: BreakerState) => () => this.hooks.onBreakerStateChange?.(state);
    this.breaker.on('open', emit('open'));
    this.breaker.on('halfOpen', emit('halfOpen'));
    this.breaker.on('close', emit('closed'));
  }

  get breakerState(): BreakerState {
    return this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'halfOpen' : 'closed';
  }

  /** Stops the breaker's timers. */
  shutdown(): void {
    this.breaker.shutdown();
  }

  /** Sends the request; returns the parsed JSON body of a 2xx answer. */
  async request<T = unknown>(req: HttpRequest): Promise<T> {
    const query = req.query ? canonicalQuery(req.query) : '';
    const path = this.basePath + req.path;
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const signature = signRequest(this.options.secret, {
      method: req.method,
      host: this.signHost,
      path,
      query,
      body,
    });
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-token': this.options.token,
      'x-signature': signature,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const url = `${this.baseUrl.origin}${path}?${query}`;
    // Only reads are retried: a POST /v9/orders that timed out may have been placed.
    const maxAttempts = req.method === 'GET' ? Math.max(1, this.retry.maxAttempts) : 1;

    for (let attempt = 1; ; attempt++) {
      let result: AttemptResult;
      try {
        result = await this.fire({ req, url, headers, body, attempt });
      } catch (error) {
        const delay = this.retryDelay(error, attempt, maxAttempts);
        if (delay === undefined) throw error;
        this.hooks.onRetry?.({
          method: req.method,
          resource: req.resource,
          attempt,
          delayMs: delay,
          reason: (error as Error).message,
        });
        await this.sleep(delay);
        if (req.signal?.aborted) throw error;
        continue;
      }
      if (!result.text) return undefined as T;
      try {
        return JSON.parse(result.text) as T;
      } catch {
        throw new BrokerMalformedResponseError(req.path, 'body is not JSON');
      }
    }
  }

  private async fire(a: Attempt): Promise<AttemptResult> {
    try {
      return await this.breaker.fire(a);
    } catch (error) {
      if ((error as { code?: string }).code === 'EOPENBREAKER') {
        this.hooks.onRequest?.({
          method: a.req.method,
          resource: a.req.resource,
          path: a.req.path,
          outcome: 'open',
          durationMs: 0,
          attempt: a.attempt,
        });
        throw new BrokerUnavailableError(a.req.path);
      }
      throw error;
    }
  }

  /** Milliseconds to wait before the next attempt, or undefined to give up and throw. */
  private retryDelay(error: unknown, attempt: number, maxAttempts: number): number | undefined {
    if (attempt >= maxAttempts) return undefined;
    const jitter = fullJitterDelay(attempt - 1, this.retry.baseDelayMs, this.retry.maxDelayMs, this.random);
    if (error instanceof BrokerHttpError) {
      if (!error.retryable) return undefined;
      if (error.retryAfterMs !== undefined) {
        if (error.retryAfterMs > this.retry.maxRetryAfterMs) return undefined;
        // Never earlier than the broker asked; a little jitter on top de-synchronises replicas.
        return error.retryAfterMs + Math.floor(jitter / 4);
      }
      return jitter;
    }
    if (error instanceof BrokerTimeoutError || error instanceof BrokerNetworkError) return jitter;
    return undefined;
  }

  private async attemptOnce(a: Attempt): Promise<AttemptResult> {
    const { req } = a;
    const started = performance.now();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
    const report = (outcome: number | 'timeout' | 'network') =>
      this.hooks.onRequest?.({
        method: req.method,
        resource: req.resource,
        path: req.path,
        outcome,
        durationMs: performance.now() - started,
        attempt: a.attempt,
      });
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const res = await this.fetchFn(a.url, { method: req.method, headers: a.headers, body: a.body, signal });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      // Reading the body is covered by the same signal.
      text = await res.text();
    } catch (error) {
      if (timeout.aborted) {
        report('timeout');
        throw new BrokerTimeoutError(req.method, req.path, this.timeoutMs);
      }
      if (error instanceof BrokerError) throw error;
      report('network');
      throw new BrokerNetworkError(req.method, req.path, error);
    }
    report(status);
    if (status < 200 || status >= 300) {
      const err = new BrokerHttpError(status, text, req.method, req.path);
      err.retryAfterMs = parseRetryAfter(retryAfter);
      throw err;
    }
    return { status, text };
  }
}
