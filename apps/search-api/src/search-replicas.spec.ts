import { ALL_SHOWS, SUBJECTS, type ListingsPageDto } from '@hamiltix/contracts';
import { FixedClock } from '@hamiltix/domain';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { cheaperBy, makeListings, replicaQueries, writeRankedIndex } from './testing/ranked-fixture.js';
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

  it('answer alike from the Postgres fallback while Redis is down', async () => {
    await a.redisServer.stop();
    clock.advance(1100);
    const fallback = await walk('sort=quality&limit=40', [a, b]);
    expect(fallback.cursors.length).toBeGreaterThan(1);
    expect(fallback).toEqual(await walk('sort=quality&limit=40', [b]));
    for (const url of QUERIES) expect(comparable(await b.get(url))).toEqual(comparable(await a.get(url)));
  });
});
