import {
  ALL_SHOWS,
  SUBJECTS,
  applyRankedDelta,
  decodeRankedSnapshot,
  encodeRankedColumns,
  encodeRankedDelta,
  encodeRankedSnapshot,
  rankedKeys,
  type ListingsPageDto,
} from '@hamiltix/contracts';
import { FixedClock } from '@hamiltix/domain';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { cheaperBy, makeListings, replicaQueries, writeRankedIndex } from './testing/ranked-fixture.js';
import type { RankedSnapshots } from './ranked-index/ranked-snapshots.js';
import { RANKED_SNAPSHOTS } from './search.tokens.js';
import { startSearchApp, type SearchAnswer, type SearchApp } from './testing/search-app.js';

// Two search-api replicas (two Nest apps with their own clients, caches and snapshots) on
// one Postgres database, one Redis and one NATS: for the same ranking version they must
// answer byte for byte alike, with the same ETags, and take each other's cursors.

const NOW = new Date('2026-06-10T15:00:00Z');
const clock = new FixedClock(NOW);
const data = makeListings(400, 8, NOW);
const docs = data.listings.map((l) => l.doc);
let a: SearchApp;
let b: SearchApp;

const QUERIES = replicaQueries(docs[3].item.id);

/** What must be identical between replicas: status, body, and the caching headers. */
const comparable = (r: SearchAnswer) => ({
  status: r.status,
  body: r.body,
  etag: r.headers.etag,
  cacheControl: r.headers['cache-control'],
  contentType: r.headers['content-type'],
});

/** Walks every page of a query, asking the replicas in turn (each page on the one after the last). */
async function walk(query: string, replicas: SearchApp[]): Promise<{ items: unknown[]; cursors: string[] }> {
  const items: unknown[] = [];
  const cursors: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; ; page++) {
    const r = await replicas[page % replicas.length].get(
      `/api/v1/listings?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(r.status).toBe(200);
    const body = r.body as ListingsPageDto;
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return { items, cursors };
    cursors.push(cursor);
  }
}

beforeAll(async () => {
  a = await startSearchApp('search_replicas', data, clock);
  b = await startSearchApp('search_replicas', data, clock, a.stores);
}, 60_000);

afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('two search-api replicas on the same stores', () => {
  it('answer alike, with the same ETags, on every endpoint', async () => {
    for (const url of QUERIES) {
      const [ra, rb] = await Promise.all([a.get(url), b.get(url)]);
      expect(comparable(rb)).toEqual(comparable(ra));
      if (ra.status === 200) expect(ra.headers.etag).toBeTruthy();
    }
  });

  it('honour each other ETags with a 304', async () => {
    for (const url of QUERIES.slice(0, 7)) {
      const ra = await a.get(url);
      const rb = await b.get(url, { 'if-none-match': ra.headers.etag });
      expect(rb.status).toBe(304);
    }
  });

  it('issue the same cursors and continue each other pages', async () => {
    for (const q of [
      'sort=deal&limit=17',
      'sort=price&quantity=2&limit=9',
      'sort=date&city=new%20york&limit=25',
    ]) {
      const alone = await walk(q, [a]);
      const alternating = await walk(q, [a, b]);
      const onB = await walk(q, [b]);
      expect(alone.cursors.length).toBeGreaterThan(1);
      expect(alternating).toEqual(alone);
      expect(onB).toEqual(alone);
    }
  });

  it('move to a new ranking version together, and agree on it', async () => {
    const before = await a.get('/api/v1/listings?sort=price&limit=5');
    // Ranking writes v2 (the cheapest listing got cheaper) and announces it.
    const cheapest = (before.body as ListingsPageDto).items[0];
    const v2 = cheaperBy(docs, cheapest.id, 100);
    const writer = new Redis(a.redisServer.url);
    await writeRankedIndex(writer, 'hamilton', 'v2', v2);
    await writeRankedIndex(writer, ALL_SHOWS, 'v2', v2);
    await writer.set('hx:v1:current-snapshot:hamilton', 'v2');
    await writer.set(`hx:v1:current-snapshot:${ALL_SHOWS}`, 'v2');
    writer.disconnect();
    const nc = await connect({ servers: a.stores.natsServer.url });
    nc.publish(
      SUBJECTS.rankingsUpdated('hamilton'),
      JSON.stringify({
        showId: 'hamilton',
        version: 'v2',
        listings: v2.length,
        at: clock.now().toISOString(),
      }),
    );
    await nc.drain();
    clock.advance(1100);
    const url = '/api/v1/listings?sort=price&limit=5';
    const deadline = Date.now() + 10_000;
    const moved = (r: SearchAnswer) =>
      (r.body as ListingsPageDto).items[0].allInPrice.amount === cheapest.allInPrice.amount - 100;
    let [ra, rb] = await Promise.all([a.get(url), b.get(url)]);
    while (!moved(ra) || !moved(rb)) {
      if (Date.now() > deadline) throw new Error('the replicas did not both move to v2');
      await new Promise((r) => setTimeout(r, 100));
      [ra, rb] = await Promise.all([a.get(url), b.get(url)]);
    }
    expect(comparable(rb)).toEqual(comparable(ra));
    expect(ra.headers.etag).not.toBe(before.headers.etag);
    expect(await walk('sort=deal&limit=31', [a, b])).toEqual(await walk('sort=deal&limit=31', [b]));
  });

  it('apply a ranked delta together, without the new version in Redis, as a replica loading it from there answers', async () => {
    // v2 is live (previous test). Ranking re-scored one performance: its cheapest listing got
    // 250 cheaper and the rest are as they were. The delta carries that performance's rows.
    const v2 = cheaperBy(
      docs,
      ((await a.get('/api/v1/listings?sort=price&limit=1')).body as ListingsPageDto).items[0].id,
      100,
    );
    const target = v2.reduce((m, d) => (d.allInCents < m.allInCents ? d : m));
    const performance = target.item.performance.id;
    const v3 = cheaperBy(v2, target.item.id, 250);
    const rows = v3.filter((d) => d.item.performance.id === performance);
    const delta = { showId: 'hamilton', performances: [performance] };
    const message = encodeRankedDelta(
      {
        ...delta,
        scopes: [
          { scope: 'hamilton', base: 'v2', version: 'v3' },
          { scope: ALL_SHOWS, base: 'v2', version: 'v3', copyOf: 'hamilton' },
        ],
      },
      encodeRankedSnapshot(rows),
    );
    const loads = (app: SearchApp) => app.app.get<RankedSnapshots>(RANKED_SNAPSHOTS).held();
    expect(loads(a)).toEqual({ hamilton: 'v2', [ALL_SHOWS]: 'v2' });
    const nc = await connect({ servers: a.stores.natsServer.url });
    nc.publish(SUBJECTS.rankingsDelta('hamilton'), message);
    await nc.flush();
    const urls = ['/api/v1/listings?sort=price&limit=5', '/api/v1/listings?show=hamilton&sort=price&limit=5'];
    const moved = (r: SearchAnswer) =>
      (r.body as ListingsPageDto).items[0].allInPrice.amount === target.item.allInPrice.amount - 250;
    const deadline = Date.now() + 10_000;
    for (const url of urls) {
      while (!moved(await a.get(url)) || !moved(await b.get(url))) {
        if (Date.now() > deadline) throw new Error('the replicas did not both apply the delta');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    // Nothing of v3 is in Redis: both moved on the delta alone, and stay there while Redis
    // still names v2 (ranking writes v3 after sending the delta).
    const writer = new Redis(a.redisServer.url);
    expect(await writer.exists(rankedKeys.snapshot('hamilton', 'v3'))).toBe(0);
    clock.advance(1100);
    for (const url of urls) {
      const [ra, rb] = await Promise.all([a.get(url), b.get(url)]);
      expect(moved(ra)).toBe(true);
      expect(comparable(rb)).toEqual(comparable(ra));
    }
    expect(loads(b)).toEqual({ hamilton: 'v3', [ALL_SHOWS]: 'v3' });
    const walked = await walk('sort=deal&limit=31', [a, b]);
    expect(walked).toEqual(await walk('sort=deal&limit=31', [b]));

    // Ranking then writes v3 as it does (the delta applied to v2's bytes) and swaps it in;
    // a replica that loads v3 from Redis answers byte for byte as the two that applied it.
    const bytes = encodeRankedColumns(
      applyRankedDelta(decodeRankedSnapshot(encodeRankedSnapshot(v2)), {
        ...delta,
        rows: decodeRankedSnapshot(encodeRankedSnapshot(rows)),
      }),
    );
    for (const scope of ['hamilton', ALL_SHOWS]) {
      await writer.set(rankedKeys.snapshot(scope, 'v3'), Buffer.from(bytes));
      await writer.set(rankedKeys.currentSnapshot(scope), 'v3');
    }
    writer.disconnect();
    const c = await startSearchApp('search_replicas', data, clock, a.stores);
    try {
      clock.advance(1100);
      expect(await c.app.get<RankedSnapshots>(RANKED_SNAPSHOTS).ready('hamilton')).toBeTruthy();
      await c.app.get<RankedSnapshots>(RANKED_SNAPSHOTS).ready(ALL_SHOWS);
      for (const url of [...urls, ...QUERIES]) {
        const [ra, rc] = await Promise.all([a.get(url), c.get(url)]);
        expect(comparable(rc)).toEqual(comparable(ra));
      }
      expect(await walk('sort=deal&limit=31', [c])).toEqual(walked);
      expect(await walk('sort=date&city=new%20york&limit=25', [a, c])).toEqual(
        await walk('sort=date&city=new%20york&limit=25', [b]),
      );
      expect(loads(a)).toEqual({ hamilton: 'v3', [ALL_SHOWS]: 'v3' });
    } finally {
      await nc.drain();
      await c.close();
    }
  });

  it('answer alike from the Postgres fallback while Redis is down', async () => {
    await a.redisServer.stop();
    clock.advance(1100);
    const fallback = await walk('sort=quality&limit=40', [a, b]);
    expect(fallback.cursors.length).toBeGreaterThan(1);
    expect(fallback).toEqual(await walk('sort=quality&limit=40', [b]));
    for (const url of QUERIES) expect(comparable(await b.get(url))).toEqual(comparable(await a.get(url)));
  });
});
