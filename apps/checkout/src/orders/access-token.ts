import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The bearer token that lets a buyer read their order. Only its SHA-256 is stored with
 * the order; comparisons run in constant time.
 */
export function generateAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function accessTokenMatches(token: string, storedHash: string): boolean {
  const given = createHash('sha256').update(token, 'utf8').digest();
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === given.length && timingSafeEqual(given, stored);
}

/** Idempotency keys are stored hashed too: the key is the only thing that unseals a stored answer. */
export function hashIdempotencyKey(key: string): string {
  return createHash('sha256')
    .update('idempotency:' + key, 'utf8')
    .digest('hex');
}

/**
 * A replayed answer must carry the same access token, yet the token must not sit in the
 * database in clear. It is stored sealed (AES-256-GCM) with a key derived from the raw
 * Idempotency-Key, which only the client holds (the database keeps only its hash).
 */
export function sealWithKey(plaintext: string, idempotencyKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(idempotencyKey), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function unsealWithKey(sealed: string, idempotencyKey: string): string | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(idempotencyKey), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    // A wrong key or a damaged value: the caller answers without replaying the token.
    return undefined;
  }
}

function sealingKey(idempotencyKey: string): Buffer {
  return createHash('sha256')
    .update('seal:' + idempotencyKey, 'utf8')
    .digest();
}

/** Stable hash of a validated request: same fields, same hash, whatever the key order or spacing. */
export function hashRequest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + canonicalJson(v)).join(',') + '}';
  }
  return JSON.stringify(value);
}
