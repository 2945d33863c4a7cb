import type { ListingItemDto, ListingsPageDto, PerformanceDto } from '@hamiltix/contracts';
import { FixedClock } from '@hamiltix/domain';
import { MetricsService } from '@hamiltix/platform';
import type { FrontCache } from './cache/front-cache.js';
import type { RankedSnapshots } from './ranked-index/ranked-snapshots.js';
import { FRONT_CACHE, RANKED_SNAPSHOTS } from './search.tokens.js';
import { listingsOf, PANTAGES, VENUES, type FixturePerformance } from './testing/ranked-fixture.js';
import { startSearchApp, type SearchApp } from './testing/search-app.js';

/**
 * search-api at the instants that break naive time code, on a pinned clock (moved forward
 * only, scenario by scenario): both US daylight-saving Sundays of 2026, midnight in New York
 * while it is still the previous evening in Los Angeles, and a performance crossing its
 * sales cut-off (60 minutes before it starts) while the ranked index, written before, still
 * holds it. Start instants are written in UTC; the expected local times are spelled out.
 */
const [NY, CHI] = VENUES;
const LA = PANTAGES;
const MIN = 60_000;

const perf = (id: string, venue: FixturePerformance['venue'], utc: string): FixturePerformance => ({
  id,
  venue,
  startsAt: new Date(utc),
});

const P = {
  // Spring forward: 2 a.m. EST → 3 a.m. EDT in New York at 07:00Z, in Los Angeles at 10:00Z.
  springSatEve: perf('910001', NY, '2026-03-08T01:00:00Z'), // Sat 7 Mar 20:00 EST (Sunday in UTC)
  springNyMat: perf('910002', NY, '2026-03-08T18:00:00Z'), // Sun 14:00 EDT
  springNyEve: perf('910003', NY, '2026-03-08T23:00:00Z'), // Sun 19:00 EDT
  springLaMat: perf('910004', LA, '2026-03-08T21:00:00Z'), // Sun 14:00 PDT
  springLaEve: perf('910005', LA, '2026-03-09T02:00:00Z'), // Sun 19:00 PDT (Monday in UTC)
  // Fall back: 2 a.m. EDT → 1 a.m. EST in New York at 06:00Z, in Los Angeles at 09:00Z.
  fallSatEve: perf('910011', NY, '2026-11-01T00:00:00Z'), // Sat 31 Oct 20:00 EDT
  fallNyMat: perf('910012', NY, '2026-11-01T19:00:00Z'), // Sun 14:00 EST
  fallNyEve: perf('910013', NY, '2026-11-02T00:00:00Z'), // Sun 19:00 EST (Monday in UTC)
  fallLaMat: perf('910014', LA, '2026-11-01T22:00:00Z'), // Sun 14:00 PST
  fallLaEve: perf('910015', LA, '2026-11-02T03:00:00Z'), // Sun 19:00 PST
  // Midnight in New York (05:00Z, Saturday 5 Dec) is 21:00 on Friday 4 Dec in Los Angeles.
  laFriEarly: perf('910021', LA, '2026-12-05T03:30:00Z'), // Fri 19:30 PST: started
  laFriLate: perf('910022', LA, '2026-12-05T06:30:00Z'), // Fri 22:30 PST: on sale
  chiFri: perf('910023', CHI, '2026-12-05T02:00:00Z'), // Fri 20:00 CST: started
  nySatMat: perf('910024', NY, '2026-12-05T19:00:00Z'), // Sat 14:00 EST
  // The cut-off: A closes at 23:00Z on Wed 16 Dec, B at 18:00Z on Thu 17 Dec; C much later.
  a: perf('910031', NY, '2026-12-17T00:00:00Z'), // Wed 16 Dec 19:00 EST
  b: perf('910032', NY, '2026-12-17T19:00:00Z'), // Thu 17 Dec 14:00 EST
  c: perf('910033', NY, '2027-01-07T00:00:00Z'), // Wed 6 Jan 19:00 EST
};
const PERFS = Object.values(P);
const data = listingsOf(PERFS, PERFS.length * 3, new Date('2026-03-01T12:00:00Z'));
const clock = new FixedClock(data.at);
let s: SearchApp;

const cutoffOf = (p: FixturePerformance) => p.startsAt.getTime() - 60 * MIN;
const listingOf = (p: FixturePerformance) => data.listings.find((l) => l.doc.item.performance.id === p.id)!;
/** Moves the pinned clock (forward only: the scenarios run in time order). */
function at(instant: string | number): void {
  if (new Date(instant).getTime() < clock.now().getTime()) throw new Error('the clock only moves forward');
  clock.set(instant);
}

/** Every listing of a query, in date order, following the cursors. */
async function listed(query: string): Promise<ListingItemDto[]> {
  const items: ListingItemDto[] = [];
  let cursor: string | null = null;
  do {
    const c: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const r = await s.get(`/api/v1/listings?${query}&sort=date&limit=100${c}`);
    expect(r.status).toBe(200);
    const page = r.body as ListingsPageDto;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Performance id → startsAt of the listings a query shows. */
async function shown(query: string): Promise<Record<string, string>> {
  return Object.fromEntries((await listed(query)).map((i) => [i.performance.id, i.performance.startsAt]));
}

async function performances(query: string): Promise<Record<string, string>> {
  const r = await s.get(`/api/v1/performances?${query}`);
  expect(r.status).toBe(200);
  return Object.fromEntries((r.body as PerformanceDto[]).map((p) => [p.id, p.startsAt]));
}

async function degradedRedisDown(): Promise<number> {
  const metric = (await s.app.get(MetricsService).registry.getMetricsAsJSON()).find(
    (m) => m.name === 'hamiltix_search_degraded_total',
  );
  return (metric?.values ?? [])
    .filter((v) => v.labels.reason === 'redis-down')
    .reduce((n, v) => n + v.value, 0);
}

/**
 * Runs the checks from the ranked index, then again from Postgres with Redis stopped (the
 * pinned clock passes the pointer's TTL so the next request finds out), then brings Redis back.
 */
async function onBothPaths(check: () => Promise<void>): Promise<void> {
  await check();
  const before = await degradedRedisDown();
  await s.redisServer.stop();
  try {
    at(clock.now().getTime() + 1100);
    await check();
    expect(await degradedRedisDown()).toBeGreaterThan(before);
  } finally {
    await s.redisBack();
  }
}

beforeAll(async () => {
  s = await startSearchApp('search_cutoff', data, clock);
}, 60_000);

afterAll(async () => {
  await s?.close();
});

describe('daylight-saving Sundays: a matinee and an evening keep their local times and filters', () => {
  const sunday = {
    [P.springNyMat.id]: '2026-03-08T14:00:00-04:00',
    [P.springNyEve.id]: '2026-03-08T19:00:00-04:00',
    [P.springLaMat.id]: '2026-03-08T14:00:00-07:00',
    [P.springLaEve.id]: '2026-03-08T19:00:00-07:00',
  };
  const fallSunday = {
    [P.fallNyMat.id]: '2026-11-01T14:00:00-05:00',
    [P.fallNyEve.id]: '2026-11-01T19:00:00-05:00',
    [P.fallLaMat.id]: '2026-11-01T14:00:00-08:00',
    [P.fallLaEve.id]: '2026-11-01T19:00:00-08:00',
  };
  const pick = (o: Record<string, string>, ...ids: string[]) =>
    Object.fromEntries(ids.map((id) => [id, o[id]]));

  it.each([
    ['Saturday morning before the change', '2026-03-07T12:00:00Z', true],
    ['just after 2 a.m. became 3 a.m. in New York', '2026-03-08T07:30:00Z', false],
  ])('2026-03-08 (spring forward), clock at %s', async (_, instant, saturdayStillOn) => {
    at(instant);
    await onBothPaths(async () => {
      const weekend = 'from=2026-03-07&to=2026-03-08';
      expect(await shown('from=2026-03-08&to=2026-03-08')).toEqual(sunday);
      // The Saturday 20:00 show is Sunday in UTC: `days=sun` must not take it.
      expect(await shown(`${weekend}&days=sun`)).toEqual(sunday);
      expect(await shown(`${weekend}&days=sat`)).toEqual(
        saturdayStillOn ? { [P.springSatEve.id]: '2026-03-07T20:00:00-05:00' } : {},
      );
      expect(await shown(`${weekend}&days=sun&time=matinee`)).toEqual(
        pick(sunday, P.springNyMat.id, P.springLaMat.id),
      );
      expect(await shown(`${weekend}&days=sun&time=evening`)).toEqual(
        pick(sunday, P.springNyEve.id, P.springLaEve.id),
      );
      expect(await performances('from=2026-03-08&to=2026-03-08')).toEqual(sunday);
    });
  });

  it.each([
    ['Saturday noon before the change', '2026-10-31T12:00:00Z', true],
    ['01:30 EST in New York, still Saturday 23:30 PDT in Los Angeles', '2026-11-01T06:30:00Z', false],
  ])('2026-11-01 (fall back), clock at %s', async (_, instant, saturdayStillOn) => {
    at(instant);
    await onBothPaths(async () => {
      const weekend = 'from=2026-10-31&to=2026-11-01';
      // The Sunday evenings are Monday in UTC; still Sunday shows.
      expect(await shown('from=2026-11-01&to=2026-11-01')).toEqual(fallSunday);
      expect(await shown(`${weekend}&days=sun`)).toEqual(fallSunday);
      expect(await shown('days=mon&from=2026-11-01&to=2026-11-02')).toEqual({});
      expect(await shown(`${weekend}&days=sat`)).toEqual(
        saturdayStillOn ? { [P.fallSatEve.id]: '2026-10-31T20:00:00-04:00' } : {},
      );
      expect(await shown(`${weekend}&days=sun&time=matinee`)).toEqual(
        pick(fallSunday, P.fallNyMat.id, P.fallLaMat.id),
      );
      expect(await shown(`${weekend}&days=sun&time=evening`)).toEqual(
        pick(fallSunday, P.fallNyEve.id, P.fallLaEve.id),
      );
      expect(await performances('from=2026-11-01&to=2026-11-01')).toEqual(fallSunday);
    });
  });
});

describe('midnight in New York, still Friday evening in Los Angeles', () => {
  it('judges dates and days in each venue’s zone', async () => {
    at('2026-12-05T05:00:00Z');
    await onBothPaths(async () => {
      const late = { [P.laFriLate.id]: '2026-12-04T22:30:00-08:00' };
      const matinee = { [P.nySatMat.id]: '2026-12-05T14:00:00-05:00' };
      // Friday's earlier shows have started (not listed); the late Los Angeles show is still Friday.
      expect(await shown('from=2026-12-04&to=2026-12-04')).toEqual(late);
      expect(await shown('from=2026-12-05&to=2026-12-05')).toEqual(matinee);
      expect(await shown('from=2026-12-04&to=2026-12-05&days=fri')).toEqual(late);
      expect(await shown('from=2026-12-04&to=2026-12-05&days=sat')).toEqual(matinee);
      expect(await shown('from=2026-12-04&to=2026-12-05&time=evening')).toEqual(late);
      expect(await shown('from=2026-12-04&to=2026-12-05&city=los%20angeles')).toEqual(late);
      expect(await performances('from=2026-12-04&to=2026-12-04')).toEqual(late);
      expect(await performances('from=2026-12-05&to=2026-12-05')).toEqual(matinee);
    });
  });

  it('lists a theatre in /shows until its last performance closes, cached or not', async () => {
    const cities = async () => ((await s.get('/api/v1/shows')).body as { city: string }[]).map((x) => x.city);
    // Chicago's last show (Friday 20:00 CST) has started; Los Angeles' late show is on sale.
    expect(await cities()).toEqual(['Los Angeles', 'New York']);
    at(cutoffOf(P.laFriLate) - 10_000);
    expect(await cities()).toEqual(['Los Angeles', 'New York']);
    at(cutoffOf(P.laFriLate) + 1000);
    expect(await cities()).toEqual(['New York']);
  });
});

describe('the sales cut-off (60 minutes before the start), read at request time', () => {
  const url = '/api/v1/listings?sort=date&limit=50';
  const shownIds = async (q = 'show=hamilton') => new Set((await listed(q)).map((i) => i.performance.id));
  let etagBefore = '';

  it('shows a listing 5 minutes before its performance’s cut-off (listings, performances, detail)', async () => {
    at(cutoffOf(P.a) - 5 * MIN);
    expect(await shownIds()).toEqual(new Set([P.a.id, P.b.id, P.c.id]));
    expect(Object.keys(await performances('show=hamilton'))).toEqual([P.a.id, P.b.id, P.c.id]);
    const detail = await s.get(`/api/v1/listings/${listingOf(P.a).doc.item.id}`);
    expect(detail.status).toBe(200);
    expect(detail.headers['cache-control']).toBe('public, max-age=15, stale-while-revalidate=30');
  });

  it('tells HTTP caches to keep an answer no longer than its first cut-off', async () => {
    const cacheControls = async () =>
      Promise.all(
        [`/api/v1/listings/${listingOf(P.a).doc.item.id}`, url, '/api/v1/performances?show=hamilton'].map(
          async (u) => (await s.get(u)).headers['cache-control'],
        ),
      );
    at(cutoffOf(P.a) - 20_000);
    expect(await cacheControls()).toEqual(Array(3).fill('public, max-age=15'));
    at(cutoffOf(P.a) - 4_000);
    expect(await cacheControls()).toEqual(Array(3).fill('public, max-age=4'));
  });

  it('drops a remembered answer the moment a performance crosses its cut-off (same index version)', async () => {
    at(cutoffOf(P.a) - 100);
    const first = await s.get(url);
    etagBefore = first.headers.etag;
    const again = await s.get(url);
    expect(again.body).toEqual(first.body);
    expect([first, again].map((r) => r.headers['cache-control'])).toEqual(Array(2).fill('public, max-age=0'));
    const front = s.app.get<FrontCache>(FRONT_CACHE);
    expect(front.lookup(url)).toBeDefined();
    // 100 ms later (within the pointer's TTL: the same snapshot, checked just now) A has closed.
    at(cutoffOf(P.a));
    expect(front.lookup(url)).toBeUndefined();
    const after = await s.get(url, { 'if-none-match': etagBefore });
    expect(after.status).toBe(200);
    const ids = (after.body as ListingsPageDto).items.map((i) => i.performance.id);
    expect(ids).not.toContain(P.a.id);
    expect(ids).toContain(P.b.id);
  });

  it('does not show it one minute past the cut-off, though the ranked index (ranked before) still holds it', async () => {
    at(cutoffOf(P.a) + MIN);
    const snapshots = s.app.get<RankedSnapshots>(RANKED_SNAPSHOTS);
    expect(snapshots.held()).toEqual({ _all: 'v1', hamilton: 'v1' });
    expect((await snapshots.get('_all'))?.item(listingOf(P.a).doc.item.id)).toBeDefined();
    expect(await shownIds()).toEqual(new Set([P.b.id, P.c.id]));
    expect(await shownIds('from=2026-12-16&to=2026-12-16')).toEqual(new Set());
    const cached = await s.get(url, { 'if-none-match': etagBefore });
    expect(cached.status).toBe(200);
    expect((cached.body as ListingsPageDto).items.map((i) => i.performance.id)).not.toContain(P.a.id);
    expect(Object.keys(await performances('show=hamilton'))).toEqual([P.b.id, P.c.id]);
    const detail = await s.get(`/api/v1/listings/${listingOf(P.a).doc.item.id}`);
    expect(detail).toMatchObject({
      status: 404,
      body: {
        statusCode: 404,
        error: 'Not Found',
        message: 'Sales for this performance have closed.',
        reason: 'performance_closed',
      },
    });
  });

  it('does the same from Postgres when Redis is down, cached answers included', async () => {
    const b = listingOf(P.b).doc.item.id;
    const before = await degradedRedisDown();
    await s.redisServer.stop();
    try {
      at(cutoffOf(P.b) - 5 * MIN);
      expect(await shownIds()).toEqual(new Set([P.b.id, P.c.id]));
      expect(await degradedRedisDown()).toBeGreaterThan(before);
      expect(Object.keys(await performances('show=hamilton'))).toEqual([P.b.id, P.c.id]);
      expect((await s.get(`/api/v1/listings/${b}`)).status).toBe(200);
      // An answer cached 2 s before the cut-off (Postgres answers are kept up to 5 s)...
      at(cutoffOf(P.b) - 2000);
      expect(await shownIds()).toEqual(new Set([P.b.id, P.c.id]));
      // ...is not served 1 s after it.
      at(cutoffOf(P.b) + 1000);
      expect(await shownIds()).toEqual(new Set([P.c.id]));
      at(cutoffOf(P.b) + MIN);
      expect(await shownIds()).toEqual(new Set([P.c.id]));
      expect(Object.keys(await performances('show=hamilton'))).toEqual([P.c.id]);
      expect(await s.get(`/api/v1/listings/${b}`)).toMatchObject({
        status: 404,
        body: { reason: 'performance_closed', message: 'Sales for this performance have closed.' },
      });
    } finally {
      await s.redisBack();
    }
  }, 60_000);
});
