// One Idempotency-Key per checkout attempt, kept in sessionStorage with the body it was sent
// with: the same body reuses it (a retry after a timeout, even after a reload, can never pay
// twice); a changed body (other card, accepted new price, other quantity) gets a fresh one.

function newKey(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

export interface AttemptKey {
  /** The attempt's key: reused while the body is the same. */
  keyFor(bodyJson: string): string;
  /** The attempt is over (bought, refused for good): the next one gets a new key. */
  forget(): void;
}

/** The attempt keys of one listing's checkout. */
export function attemptKeyFor(listingId: string): AttemptKey {
  const ATTEMPT_KEY = `hamiltix.checkout.${listingId}`;
  return {
    keyFor(bodyJson) {
      try {
        const saved = JSON.parse(sessionStorage.getItem(ATTEMPT_KEY) ?? 'null') as {
          key?: unknown;
          body?: unknown;
        } | null;
        if (saved && saved.body === bodyJson && typeof saved.key === 'string') return saved.key;
      } catch {
        sessionStorage.removeItem(ATTEMPT_KEY);
      }
      const key = newKey();
      sessionStorage.setItem(ATTEMPT_KEY, JSON.stringify({ key, body: bodyJson }));
      return key;
    },
    forget() {
      sessionStorage.removeItem(ATTEMPT_KEY);
    },
  };
}
