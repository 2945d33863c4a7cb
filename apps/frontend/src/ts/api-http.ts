// How the pages talk to the public API (docs/architecture.md "Public HTTP API"): one request
// function, the error it throws with the server's `{ statusCode, error, message }`, and the
// readings of a failure every page needs. Money stays integer cents everywhere.
import type { ErrorDto, MoneyDto } from '@hamiltix/contracts';

/** The body of a non-2xx answer: `{ statusCode, error, message }` plus what the service adds. */
export interface ErrorBody extends Partial<Omit<ErrorDto, 'message'>> {
  message?: string | string[];
  reason?: string;
  code?: string;
  details?: { reason?: string; currentAllInPrice?: MoneyDto | number } | unknown[];
  currentAllInPrice?: MoneyDto | number;
  newAllInPrice?: MoneyDto | number;
  allowedQuantities?: number[];
  /** 402 `requires_action` (3-D Secure): the PaymentIntent's client secret for Stripe.js. */
  clientSecret?: string;
  errors?: unknown;
  issues?: unknown;
  fieldErrors?: unknown;
  /** checkout's 400: `["buyer.email Invalid email address", …]`. */
  fields?: unknown;
}

/** An API answer that was not 2xx, carrying the server's `{ statusCode, error, message }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;

  constructor(status: number, body: ErrorBody | undefined, fallback: string) {
    const message = (body && typeof body.message === 'string' && body.message) || fallback;
    super(Array.isArray(body?.message) ? body.message.join('; ') : message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body ?? {};
  }
}

/** What to tell the buyer about a failure: the API's message, else a plain apology. */
export function messageOf(err: unknown): string {
  return err instanceof Error && err.message ? err.message : 'Something went wrong. Please try again.';
}

/** The HTTP status of a failed API call (0: no answer), undefined for anything else. */
export function statusOf(err: unknown): number | undefined {
  return err instanceof ApiError ? err.status : undefined;
}

const NETWORK_MESSAGE = 'We could not reach Hamiltix. Check your connection and try again.';

interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

/** The answer's JSON, typed as the contract says it is (the server's shapes, not checked here). */
export async function request<T>(
  path: string,
  { method = 'GET', headers = {}, body, signal }: RequestOptions = {},
) {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, undefined, NETWORK_MESSAGE);
  }
  let data: unknown;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const fallback =
      res.status >= 500
        ? 'Hamiltix is having trouble right now. Please try again in a moment.'
        : `The request failed (${res.status}).`;
    throw new ApiError(
      res.status,
      data && typeof data === 'object' ? (data as ErrorBody) : undefined,
      fallback,
    );
  }
  return data as T;
}

export const num = (v: unknown, d = 0): number =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : d;

/** Money as integer cents, whether it comes as `{ amount }` or a number. */
export function cents(value: MoneyDto | number | null | undefined): number {
  if (value && typeof value === 'object') return Math.round(num(value.amount));
  return Math.round(num(value));
}

export function detailsOf(b: ErrorBody): { reason?: string; currentAllInPrice?: MoneyDto | number } {
  return b.details && !Array.isArray(b.details) && typeof b.details === 'object' ? b.details : {};
}

export function reasonOf(err: unknown): string {
  const b = err instanceof ApiError ? err.body : {};
  return String(b.reason ?? b.code ?? detailsOf(b).reason ?? '').toLowerCase();
}

/**
 * True when the API says the listing's performance is past its sales cut-off: search-api's
 * 404 and checkout's 409 both carry `reason: "performance_closed"`.
 */
export function isPerformanceClosed(err: unknown): boolean {
  return reasonOf(err) === 'performance_closed';
}
