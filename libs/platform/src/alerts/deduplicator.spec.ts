import { Deduplicator } from './deduplicator.js';

describe('Deduplicator', () => {
  it('lets one event a window through and counts what it folded', () => {
    let now = 0;
    const d = new Deduplicator(60_000, () => now);
    expect(d.admit('a')).toBe(0);
    for (let i = 0; i < 999; i++) expect(d.admit('a')).toBeUndefined();
    expect(d.admit('b')).toBe(0);
    now = 60_001;
    expect(d.admit('a')).toBe(999);
    expect(d.admit('a')).toBeUndefined();
  });

  it('lets the next event through after a release, keeping the count', () => {
    const d = new Deduplicator(60_000, () => 0);
    expect(d.admit('a')).toBe(0);
    expect(d.admit('a')).toBeUndefined();
    d.release('a');
    expect(d.admit('a')).toBe(1);
    expect(d.admit('a')).toBeUndefined();
  });
});
