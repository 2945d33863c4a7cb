/** What the client needs from the outside world; everything has a sensible default but the credentials. */

/** The subset of `fetch` the client uses, so tests (and other runtimes) can substitute it. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export type BreakerState = 'closed' | 'open' | 'halfOpen';

/** Outcome of one HTTP attempt: the status, or what went wrong before one arrived. */
export type RequestOutcome = number | 'timeout' | 'network' | 'open';

export interface RequestInfo {
  method: string;
  /** Path template without ids would be nicer for metrics labels; we pass the resource (`events`, `listings`...). */
  resource: string;
  path: string;
  outcome: RequestOutcome;
  durationMs: number;
  /** 1 for the first try. */
  attempt: number;
}

/** Metrics hooks: the lib stays free of Nest and prom-client; the service wires these to its metrics. */
export interface BrokerClientHooks {
  onRequest?(info: RequestInfo): void;
  onRetry?(info: {
    method: string;
    resource: string;
    attempt: number;
    delayMs: number;
    reason: string;
  }): void;
  onBreakerStateChange?(state: BreakerState): void;
}

export interface RetryOptions {
  /** Tries in all, first included. Reads only; POST /v9/orders is never retried. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` above this is not waited for: the error is thrown instead. */
  maxRetryAfterMs: number;
}

export interface BreakerOptions {
  /** Percent of failed calls in the rolling window that opens the circuit. */
  errorThresholdPercentage: number;
  /** Calls needed in the window before the circuit may open. */
  volumeThreshold: number;
  /** How long the circuit stays open before one trial call (half-open). */
  resetTimeoutMs: number;
  rollingCountTimeoutMs: number;
}

export interface BrokerClientOptions {
  /** e.g. `https://api.ticketevolution.com` or the sandbox `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** X-Token (32 alphanumerics). */
  token: string;
  /** HMAC secret (40 chars). Never logged. */
  secret: string;
  /** Per request (one attempt), ms. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  breaker?: Partial<BreakerOptions>;
  fetch?: FetchLike;
  hooks?: BrokerClientHooks;
  /** For deterministic tests. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Max concurrent page requests when paging events. */
  pageConcurrency?: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
};
export const DEFAULT_BREAKER: BreakerOptions = {
  errorThresholdPercentage: 50,
  volumeThreshold: 10,
  resetTimeoutMs: 15_000,
  rollingCountTimeoutMs: 10_000,
};
