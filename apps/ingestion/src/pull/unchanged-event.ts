/**
 * An event whose broker `updated_at` has not moved since our last clean read is not read
 * again, but never for longer than FULL_REREAD_MS: a broker that forgets to bump
 * `updated_at` is caught within that time.
 */
export const FULL_REREAD_MS = 10 * 60_000;

/** The broker sends `updated_at` in whole seconds. */
const UPDATED_AT_RESOLUTION_MS = 1_000;

export interface EventReadState {
  /** The broker's `updated_at` when we last read the event cleanly. */
  brokerUpdatedAt: Date | null;
  /** When that read began (never later than the read itself). */
  lastPulledAt: Date | null;
}

/**
 * True when the event's listings need not be read again. Equal `updated_at` is not enough
 * on its own: a change made after our read but within the same second as the stored
 * `updated_at` carries the same value. So the stored second must have ended before our
 * read began; only then does any later change show a later `updated_at`. A read older than
 * `maxAgeMs` counts as changed (the full pull's safety net; a changes pull trusts
 * `updated_at` alone and passes Infinity).
 */
export function isUnchangedSinceRead(
  state: EventReadState | undefined,
  updatedAt: Date | null,
  now: Date,
  maxAgeMs = FULL_REREAD_MS,
): boolean {
  if (!state?.brokerUpdatedAt || !state.lastPulledAt || !updatedAt) return false;
  if (now.getTime() - state.lastPulledAt.getTime() > maxAgeMs) return false;
  if (state.brokerUpdatedAt.getTime() !== updatedAt.getTime()) return false;
  return state.brokerUpdatedAt.getTime() + UPDATED_AT_RESOLUTION_MS <= state.lastPulledAt.getTime();
}
