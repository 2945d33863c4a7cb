import { ALL_SHOWS, SUBJECTS, type ListingsPageDto } from '@hamiltix/contracts';
import { createTestDatabase, type TestDatabase } from '@hamiltix/persistence/testing';
import {
  buildDist,
  startAppProcess,
  startNatsServer,
  startRedisServer,
  type AppProcess,
  type PrivateServer,
} from '@hamiltix/platform/testing';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import {
  cheaperBy,
  makeListings,
  replicaQueries,
  seedPostgres,
  writeRankedIndex,
} from './testing/ranked-fixture.js';

// Two search-api replicas as two real processes (built dist/, as `npm start` and the e2e
// stack run them) on one Postgres database, one Redis and one NATS. For the same ranking
// version they answer byte for byte alike, with the same ETags, and continue each other's
// cursors; after a new version is announced they agree again. search-replicas.spec.ts
// checks the same with two Nest apps in one process (and the Postgres fallback).

const NOW = new Date('2026-06-10T15:00:00Z');
const data = makeListings(400, 8, NOW);
const docs = data.listings.map((l) => l.doc);

let db: TestDatabase;
let redis: PrivateServer;
let nats: PrivateServer;
let replicas: AppProcess[] = [];

const QUERIES = replicaQueries(docs[3].item.id);

interface Answer {
  status: number;
  body: string;
  etag: string | null;
  cacheControl: string | null;
  contentType: string | null;
}

async function get(p: AppProcess, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  // No Accept-Encoding: the bodies compare as text.
  const r = await fetch(p.url + path, { headers: { 'accept-encoding': 'identity', ...headers } });
  return {
    status: r.status,
    body: await r.text(),
    etag: r.headers.get('etag'),
    cacheControl: r.headers.get('cache-control'),
    contentType: r.headers.get('content-type'),
  };
}

/** Walks every page of a query, asking the replicas in turn. */
async function walk(query: string, on: AppProcess[]): Promise<{ items: unknown[]; cursors: string[] }> {
  const items: unknown[] = [];
  const cursors: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; ; page++) {
    const r = await get(
      on[page % on.length],
      `/api/v1/listings?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as ListingsPageDto;
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return { items, cursors };
    cursors.push(cursor);
  }
}

/** Loads of a scope's snapshots this process has finished (its /metrics). */
async function loads(p: AppProcess, scope: string): Promise<number> {
  const text = await (await fetch(`${p.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) => l.startsWith('hamiltix_search_snapshot_load_seconds_count') && l.includes(`scope="${scope}"`),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  buildDist();
  [db, redis, nats] = await Promise.all([
    createTestDatabase('search_processes'),
    startRedisServer(),
    startNatsServer(),
  ]);
  await seedPostgres(db.dataSource, data);
  const writer = new Redis(redis.url);
  await writeRankedIndex(writer, ALL_SHOWS, 'v1', docs, { builtAt: data.at });
  await writeRankedIndex(writer, 'hamilton', 'v1', docs, { builtAt: data.at });
  writer.disconnect();
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    NATS_URL: nats.url,
    RATE_LIMIT_PER_MINUTE: '0',
    // Both on the fixture's instant, anchored to the same system-clock reading.
    CLOCK_START_AT: `${NOW.toISOString()}@${Date.now()}`,
  };
  replicas = await Promise.all(
    [0, 1].map(() => startAppProcess('search-api', env, { readyPath: '/health/ready' })),
  );
  // Snapshots load on a scope's first request (answered from Postgres meanwhile).
  for (const p of replicas) {
    await get(p, '/api/v1/listings');
    await get(p, '/api/v1/listings?show=hamilton');
  }
  await eventually('both replicas hold both snapshots', async () => {
    for (const p of replicas)
      if ((await loads(p, ALL_SHOWS)) < 1 || (await loads(p, 'hamilton')) < 1) return false;
    return true;
  });
}, 60_000);

afterAll(async () => {
  await Promise.all(replicas.map((p) => p.stop()));
  await Promise.all([db?.drop(), redis?.dispose(), nats?.dispose()]);
});

describe('two search-api processes on the same stores', () => {
  it('answer alike, with the same ETags, on every endpoint', async () => {
    const [a, b] = replicas;
    for (const url of QUERIES) {
      const [ra, rb] = await Promise.all([get(a, url), get(b, url)]);
      expect({ url, ...rb }).toEqual({ url, ...ra });
      if (ra.status === 200) expect(ra.etag).toBeTruthy();
    }
  });

  it("honour each other's ETags with a 304", async () => {
    const [a, b] = replicas;
    for (const url of QUERIES.slice(0, 7)) {
      const ra = await get(a, url);
      expect({ url, status: (await get(b, url, { 'if-none-match': ra.etag! })).status }).toEqual({
        url,
        status: 304,
      });
    }
  });

  it('issue the same cursors and continue each other pages', async () => {
    const [a, b] = replicas;
    for (const q of [
      'sort=deal&limit=17',
      'sort=price&quantity=2&limit=9',
      'sort=date&city=new%20york&limit=25',
    ]) {
      const alone = await walk(q, [a]);
      expect(alone.cursors.length).toBeGreaterThan(1);
      expect(await walk(q, [a, b])).toEqual(alone);
      expect(await walk(q, [b])).toEqual(alone);
    }
  });

  it('move to a new ranking version together, and agree on it', async () => {
    const [a, b] = replicas;
    const url = '/api/v1/listings?sort=price&limit=5';
    const before = await get(a, url);
    const cheapest = (JSON.parse(before.body) as ListingsPageDto).items[0];
    const v2 = cheaperBy(docs, cheapest.id, 100);
    const writer = new Redis(redis.url);
    await writeRankedIndex(writer, 'hamilton', 'v2', v2);
    await writeRankedIndex(writer, ALL_SHOWS, 'v2', v2);
    await writer.set('hx:v1:current-snapshot:hamilton', 'v2');
    await writer.set(`hx:v1:current-snapshot:${ALL_SHOWS}`, 'v2');
    writer.disconnect();
    const nc = await connect({ servers: nats.url });
    nc.publish(
      SUBJECTS.rankingsUpdated('hamilton'),
      JSON.stringify({ showId: 'hamilton', version: 'v2', listings: v2.length, at: NOW.toISOString() }),
    );
    await nc.drain();
    const moved = (r: Answer) =>
      (JSON.parse(r.body) as ListingsPageDto).items[0].allInPrice.amount === cheapest.allInPrice.amount - 100;
    await eventually('both replicas on v2', async () => moved(await get(a, url)) && moved(await get(b, url)));
    const [ra, rb] = await Promise.all([get(a, url), get(b, url)]);
    expect(rb).toEqual(ra);
    expect(ra.etag).not.toBe(before.etag);
    expect(await walk('sort=deal&limit=31', [a, b])).toEqual(await walk('sort=deal&limit=31', [b]));
  });
});
