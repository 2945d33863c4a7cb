import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ListingsPageDto } from '@hamiltix/contracts';
import { FixedClock } from '@hamiltix/domain';
import type { DataSource } from 'typeorm';
import { DataSource as DataSourceToken } from 'typeorm';
import { upsertShow } from '@hamiltix/persistence';
import type { FrontCache } from './cache/front-cache.js';
import type { ResponseCache } from './cache/response-cache.js';
import type { RankedSnapshots } from './ranked-index/ranked-snapshots.js';
import { FRONT_CACHE, RANKED_SNAPSHOTS, RESPONSE_CACHE } from './search.tokens.js';
import { KnownShows } from './shows/known-shows.service.js';
import { makeListings } from './testing/ranked-fixture.js';
import { startSearchApp, type SearchApp } from './testing/search-app.js';

// A `show` value naming no show must cost no memory: no cache entry, no snapshot scope.
// Heap measured after a full GC (V8's gc, exposed for this file), never timed.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const data = makeListings(300, 6, new Date('2026-05-01T12:00:00Z'));
const clock = new FixedClock(data.at);
let s: SearchApp;

beforeAll(async () => {
  s = await startSearchApp('unknown_shows', data, clock);
}, 60_000);
afterAll(async () => {
  await s?.close();
});

/** GETs `urls`, `concurrency` at a time; returns the status counts. */
async function getAll(urls: string[], concurrency = 32): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  for (let i = 0; i < urls.length; i += concurrency) {
    const answers = await Promise.all(urls.slice(i, i + concurrency).map((u) => s.get(u)));
    for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  }
  return statuses;
}

const unknownUrls = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) =>
    (from + i) % 2
      ? `/api/v1/listings?show=no-such-show-${from + i}`
      : `/api/v1/performances?show=no-such-show-${from + i}`,
  );

describe('unknown show values (search-api on Postgres, Redis, NATS)', () => {
  it('answer an empty result, as before', async () => {
    const listings = await s.get('/api/v1/listings?show=wicked');
    expect(listings.status).toBe(200);
    expect(listings.body as ListingsPageDto).toEqual({ items: [], nextCursor: null });
    expect(listings.headers.etag).toMatch(/^W\//);
    const performances = await s.get('/api/v1/performances?show=wicked');
    expect(performances.status).toBe(200);
    expect(performances.body).toEqual([]);
    // A real show still answers from the ranked index and is cached.
    const hamilton = await s.get('/api/v1/listings?show=hamilton&limit=5');
    expect((hamilton.body as ListingsPageDto).items).toHaveLength(5);
  });

  it('10,000 requests with distinct unknown shows leave no entries and the heap within 20 MB', async () => {
    const cache = s.app.get<ResponseCache>(RESPONSE_CACHE);
    const front = s.app.get<FrontCache>(FRONT_CACHE);
    const snapshots = s.app.get<RankedSnapshots>(RANKED_SNAPSHOTS);
    // Warm up (JIT, sockets, pools) with unknown shows too, then measure from there.
    await getAll(unknownUrls(0, 500));
    const before = {
      heap: heapAfterGc(),
      entries: cache.size,
      bytes: cache.bytes,
      front: front.size,
      scopes: snapshots.scopeCount,
    };
    expect(await getAll(unknownUrls(1_000_000, 10_000))).toEqual({ 200: 10_000 });
    const grown = heapAfterGc() - before.heap;
    console.log(`heapUsed after 10,000 unknown shows: ${(grown / 1024 / 1024).toFixed(2)} MB more`);
    expect(grown).toBeLessThan(20 * 1024 * 1024);
    expect({
      entries: cache.size,
      bytes: cache.bytes,
      front: front.size,
      scopes: snapshots.scopeCount,
    }).toEqual({
      entries: before.entries,
      bytes: before.bytes,
      front: before.front,
      scopes: before.scopes,
    });
  }, 120_000);

  it('a show added to the catalogue is known at the next re-check; Postgres away counts every show as known', async () => {
    const db = s.app.get<DataSource>(DataSourceToken);
    const shows = new KnownShows(db, 0);
    // Before a first read nothing waits on Postgres and every show counts as known.
    expect(await shows.has('hadestown')).toBe(true);
    await shows.refresh();
    expect(await shows.has('hamilton')).toBe(true);
    expect(await shows.has('hadestown')).toBe(false);
    await upsertShow(db, { id: 'hadestown', title: 'Hadestown', brokerPerformerId: 78 });
    expect(await shows.has('hadestown')).toBe(true);
    const away = new KnownShows(
      { query: () => Promise.reject(new Error('down')) } as unknown as DataSource,
      0,
    );
    expect(await away.has('anything')).toBe(true);
  });
});
