/**
 * Typed domain errors. Throw these from use cases; the platform's exception filter maps
 * them to `{ statusCode, error, message }`. The message goes to the client as is, so it
 * must be something a person can act on and must never contain secrets or stack traces.
 */
export abstract class DomainError extends Error {
  abstract readonly statusCode: number;
  abstract readonly error: string;
  /** Extra JSON fields for the answer (e.g. the new price on a 409). */
  readonly details?: Record<string, unknown>;
  /** Seconds, sent as Retry-After. */
  readonly retryAfterSeconds?: number;

  constructor(
    message: string,
    options: { details?: Record<string, unknown>; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export class BadRequestError extends DomainError {
  readonly statusCode = 400;
  readonly error = 'Bad Request';
}
export class PaymentRequiredError extends DomainError {
  readonly statusCode = 402;
  readonly error = 'Payment Required';
}
export class UnauthorizedError extends DomainError {
  readonly statusCode = 401;
  readonly error = 'Unauthorized';
}
export class NotFoundError extends DomainError {
  readonly statusCode = 404;
  readonly error = 'Not Found';
}
export class ConflictError extends DomainError {
  readonly statusCode = 409;
  readonly error = 'Conflict';
}
export class UnprocessableError extends DomainError {
  readonly statusCode = 422;
  readonly error = 'Unprocessable Entity';
}
export class TooManyRequestsError extends DomainError {
  readonly statusCode = 429;
  readonly error = 'Too Many Requests';
}
export class UpstreamError extends DomainError {
  readonly statusCode = 502;
  readonly error = 'Bad Gateway';
}
export class UnavailableError extends DomainError {
  readonly statusCode = 503;
  readonly error = 'Service Unavailable';
}
