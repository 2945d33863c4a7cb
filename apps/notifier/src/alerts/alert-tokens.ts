import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Tokens of a saved search. The access token (manage link) and the confirmation token are
 * random and stored only as SHA-256. The unsubscribe token must be put in every alert mail
 * long after the access token was last seen, so it is derived: HMAC-SHA256 of the search id
 * under ALERT_TOKEN_KEY (the notifier's own key; it holds no broker secret), never stored.
 */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function tokenMatches(token: unknown, storedHash: string | null): boolean {
  if (typeof token !== 'string' || token.length === 0 || token.length > 200 || !storedHash) return false;
  const given = createHash('sha256').update(token, 'utf8').digest();
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === given.length && timingSafeEqual(given, stored);
}

export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHash('sha256').update(`hamiltix-alerts-unsubscribe:${secret}`, 'utf8').digest();
  }

  tokenFor(searchId: string): string {
    return createHmac('sha256', this.key).update(searchId, 'utf8').digest('base64url');
  }

  matches(searchId: string, token: unknown): boolean {
    if (typeof token !== 'string' || token.length > 200) return false;
    const expected = Buffer.from(this.tokenFor(searchId), 'utf8');
    const given = Buffer.from(token, 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/** A stable, non-reversible key for an email address (rate-limit counters; never the address itself). */
export function addressKey(email: string): string {
  return createHash('sha256').update(`hamiltix-address:${email}`, 'utf8').digest('hex').slice(0, 32);
}
