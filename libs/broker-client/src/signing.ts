import { createHmac } from 'node:crypto';

/**
 * The broker's request signature (docs/domain.md §1, Ticket Evolution v9):
 *   X-Signature = base64(HMAC-SHA256(secret, STRING))
 *   STRING = `${METHOD} ${host}${path}?${query}`
 * - no protocol and no port in the host;
 * - query keys sorted alphabetically (values left as sent, already URL-encoded);
 * - the `?` is always present, even with no query;
 * - for POST/PUT/DELETE the JSON body goes where the query would be.
 * Pure apart from the HMAC, so both the client and the sandbox use it.
 */
export function canonicalQuery(
  search: string | URLSearchParams | Record<string, string | number | undefined>,
): string {
  let pairs: [string, string][];
  if (typeof search === 'string') {
    const raw = search.startsWith('?') ? search.slice(1) : search;
    pairs = raw
      ? raw.split('&').map((kv) => {
          const i = kv.indexOf('=');
          return i < 0 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)];
        })
      : [];
  } else if (search instanceof URLSearchParams) {
    pairs = [...search.entries()].map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)]);
  } else {
    pairs = Object.entries(search)
      .filter((e): e is [string, string | number] => e[1] !== undefined)
      .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(String(v))]);
  }
  // Stable sort on the key only keeps repeated keys in their sent order.
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

export interface SignableRequest {
  method: string;
  /** Host without protocol or port, e.g. `api.sandbox.ticketevolution.com`. */
  host: string;
  /** Path starting with `/`, e.g. `/v9/listings`. */
  path: string;
  /** Query string (with or without `?`), for GET. */
  query?: string;
  /** Raw JSON body, for POST/PUT/DELETE: exactly the bytes sent. */
  body?: string;
}

export function stringToSign(req: SignableRequest): string {
  const method = req.method.toUpperCase();
  const hostOnly = req.host.replace(/^[a-z]+:\/\//i, '').replace(/:\d+$/, '');
  const hasBody = method === 'POST' || method === 'PUT' || method === 'DELETE';
  const tail = hasBody ? (req.body ?? '') : canonicalQuery(req.query ?? '');
  return `${method} ${hostOnly}${req.path}?${tail}`;
}

export function signRequest(secret: string, req: SignableRequest): string {
  return createHmac('sha256', secret).update(stringToSign(req), 'utf8').digest('base64');
}

/** Constant-time comparison of a received signature with the expected one. */
export function verifySignature(
  secret: string,
  req: SignableRequest,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signRequest(secret, req));
  const got = Buffer.from(signature);
  if (expected.length !== got.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected[i] ^ got[i];
  return diff === 0;
}
