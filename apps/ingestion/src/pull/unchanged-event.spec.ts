import { FULL_REREAD_MS, isUnchangedSinceRead } from './unchanged-event.js';

const at = (iso: string) => new Date(iso);

describe('isUnchangedSinceRead', () => {
  const updated = at('2026-11-26T18:00:00Z');
  const read = { brokerUpdatedAt: updated, lastPulledAt: at('2026-11-26T18:00:05Z') };
  const now = at('2026-11-26T18:02:00Z');

  it('skips an event whose updated_at has not moved since a clean read', () => {
    expect(isUnchangedSinceRead(read, updated, now)).toBe(true);
  });

  it('reads it again when updated_at moved', () => {
    expect(isUnchangedSinceRead(read, at('2026-11-26T18:01:00Z'), now)).toBe(false);
  });

  it('reads it again when the stored second had not ended before the read (a later change in that second looks the same)', () => {
    const sameSecond = { brokerUpdatedAt: updated, lastPulledAt: at('2026-11-26T18:00:00.400Z') };
    expect(isUnchangedSinceRead(sameSecond, updated, now)).toBe(false);
  });

  it('reads everything again after FULL_REREAD_MS, and whatever it knows nothing about', () => {
    expect(
      isUnchangedSinceRead(read, updated, new Date(read.lastPulledAt.getTime() + FULL_REREAD_MS + 1)),
    ).toBe(false);
    expect(isUnchangedSinceRead(undefined, updated, now)).toBe(false);
    expect(
      isUnchangedSinceRead({ brokerUpdatedAt: null, lastPulledAt: read.lastPulledAt }, updated, now),
    ).toBe(false);
    expect(isUnchangedSinceRead(read, null, now)).toBe(false);
  });

  it('a changes pull (no age limit) trusts updated_at alone, however old the read', () => {
    const later = new Date(read.lastPulledAt.getTime() + 10 * FULL_REREAD_MS);
    expect(isUnchangedSinceRead(read, updated, later, Infinity)).toBe(true);
    expect(isUnchangedSinceRead(read, at('2026-11-26T18:01:00Z'), later, Infinity)).toBe(false);
  });
});
