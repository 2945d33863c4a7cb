import type { RankedSnapshots } from '../ranked-index/ranked-snapshots.js';
import { FrontCache } from './front-cache.js';
import { entryBytes, ResponseCache } from './response-cache.js';

const now = () => 1_000_000;

describe('search caches are bounded by bytes', () => {
  it('ResponseCache keeps its bytes under the budget, dropping the least recently used first', () => {
    const cache = new ResponseCache(now, 100_000);
    const body = 'x'.repeat(10_000);
    for (let i = 0; i < 20; i++) cache.setBody(`k${i}`, 'hamilton', body);
    expect(cache.bytes).toBeLessThanOrEqual(100_000);
    expect(cache.size).toBe(Math.floor(100_000 / entryBytes('k10', body)));
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get('k19')?.body).toBe(body);
    // Few large answers or many small ones: the same budget.
    for (let i = 0; i < 5000; i++) cache.setBody(`small${i}`, 'hamilton', '[]');
    expect(cache.bytes).toBeLessThanOrEqual(100_000);
    expect(cache.size).toBeLessThan(5000);
  });

  it('an answer larger than the whole budget is served but not kept', () => {
    const cache = new ResponseCache(now, 1000);
    const entry = cache.setBody('big', 'hamilton', 'y'.repeat(5000));
    expect(entry.body).toHaveLength(5000);
    expect(entry.etag).toMatch(/^W\//);
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('replacing, expiring and dropping entries gives their bytes back', () => {
    let t = 0;
    const cache = new ResponseCache(() => t, 1_000_000);
    cache.setBody('a', 'hamilton', 'x'.repeat(1000), 10);
    cache.setBody('a', 'hamilton', 'x'.repeat(2000), 10);
    expect(cache.bytes).toBe(entryBytes('a', 'x'.repeat(2000)));
    t = 20;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.bytes).toBe(0);
    cache.setBody('b', 'hamilton', 'z');
    cache.setBody('c', '_all', 'z');
    expect(cache.drop(['hamilton'])).toBe(1);
    expect(cache.bytes).toBe(entryBytes('c', 'z'));
    // answer(): the same shape, kept nowhere.
    expect(cache.answer('x', '[]').etag).toBe(cache.setBody('d', 'x', '[]').etag);
    expect(cache.size).toBe(2);
  });

  it('FrontCache counts URL and answer bytes, oldest first', () => {
    const snapshots = { peek: () => undefined } as unknown as RankedSnapshots;
    const front = new FrontCache(snapshots, { nowMs: now, startsAfterMs: now }, 50_000);
    const responses = new ResponseCache(now);
    const entry = responses.answer('hamilton', 'b'.repeat(1000));
    for (let i = 0; i < 100; i++) {
      const url = `/api/v1/listings?show=hamilton&section=${'s'.repeat(1500)}${i}`;
      front.remember(url, 'hamilton', 'v1', 0, entry);
    }
    expect(front.bytes).toBeLessThanOrEqual(50_000);
    expect(front.size).toBeGreaterThan(0);
    expect(front.size).toBeLessThan(100);
  });
});
