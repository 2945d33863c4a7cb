/** Typed failures of the broker client. Callers branch on the class, never on message text. */
export class BrokerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The broker answered with a non-2xx status. `body` is the raw text (may be JSON). */
export class BrokerHttpError extends BrokerError {
  /** The broker's `Retry-After`, in ms, when it sent one. */
  retryAfterMs?: number;

  constructor(
    readonly status: number,
    readonly body: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(`broker ${method} ${path} answered ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
  }

  /** 429 and 5xx are worth retrying (for reads). */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

/** No answer within the per-request timeout. */
export class BrokerTimeoutError extends BrokerError {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly timeoutMs: number,
  ) {
    super(`broker ${method} ${path} timed out after ${timeoutMs} ms`);
  }
}

/** The connection failed (refused, reset, DNS...). */
export class BrokerNetworkError extends BrokerError {
  constructor(
    readonly method: string,
    readonly path: string,
    cause: unknown,
  ) {
    super(`broker ${method} ${path} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/** The circuit breaker is open: the broker failed repeatedly, so calls fail fast for a while. */
export class BrokerUnavailableError extends BrokerError {
  constructor(readonly path: string) {
    super(`broker unavailable (circuit open), ${path} not attempted`);
  }
}

/** A 2xx answer whose body is not what the API documents (not JSON, missing envelope). */
export class BrokerMalformedResponseError extends BrokerError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`broker ${path} answered a malformed body: ${reason}`);
  }
}
