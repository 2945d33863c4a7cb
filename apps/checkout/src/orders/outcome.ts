/**
 * The answer of a use case, as HTTP will send it. PlaceOrder returns outcomes rather
 * than throwing, because the first answer to an `Idempotency-Key` is stored and replayed
 * byte for byte (errors included).
 */
export interface HttpOutcome {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  402: 'Payment Required',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** The error shape of docs/architecture.md "Public HTTP API": `{ statusCode, error, message }` plus optional details. */
export function problem(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): HttpOutcome {
  return {
    status,
    body: { statusCode: status, error: REASONS[status] ?? 'Error', message, ...extra },
    headers,
  };
}

/** Outcomes worth answering again for the same key: final, not transient. 5xx are not kept. */
export function isReplayable(outcome: HttpOutcome): boolean {
  return outcome.status < 500;
}
