import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { FixedClock } from '@hamiltix/domain';
import type { FrontCache } from '../cache/front-cache.js';
import { FRONT_CACHE } from '../search.tokens.js';
import { makeListings } from '../testing/ranked-fixture.js';
import { startSearchApp, type SearchApp } from '../testing/search-app.js';
import { acceptedEncoding, COMPRESS_MIN_LENGTH, encodedBody, type Encodable } from './encoding.js';

describe('acceptedEncoding', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['identity', undefined],
    ['gzip', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
    ['GZIP;q=0.8, BR;q=0.9', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['br;q=0, *', 'gzip'],
    ['*', 'br'],
    ['*;q=0', undefined],
    ['deflate', undefined],
    [['gzip', 'br;q=0.1'], 'gzip'],
  ])('%j -> %s', (header, expected) => {
    expect(acceptedEncoding(header)).toBe(expected);
  });
});

describe('encodedBody', () => {
  const json = JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ id: String(i), price: 100 + i })));

  it('compresses once per answer and coding, and keeps the copy with the answer', () => {
    const answer: Encodable = { body: json };
    const br = encodedBody(answer, 'br')!;
    expect(brotliDecompressSync(br).toString()).toBe(json);
    expect(encodedBody(answer, 'br')).toBe(br);
    const gz = encodedBody(answer, 'gzip')!;
    expect(gunzipSync(gz).toString()).toBe(json);
    expect(answer.encoded).toEqual({ br, gzip: gz });
    // Both copies together fit in the body's length, as the caches' entryBytes counts them.
    expect(br.length + gz.length).toBeLessThanOrEqual(json.length);
  });

  it('leaves short bodies and bodies that hardly compress as they are', () => {
    expect(encodedBody({ body: 'x'.repeat(COMPRESS_MIN_LENGTH - 1) }, 'br')).toBeUndefined();
    // Random base64: a compressed copy would be ~75 % of the body, not worth a coding.
    const noise = Buffer.from(Array.from({ length: 3000 }, () => Math.floor(Math.random() * 256))).toString(
      'base64',
    );
    const answer: Encodable = { body: noise };
    expect(encodedBody(answer, 'gzip')).toBeUndefined();
    expect(answer.encoded).toEqual({ gzip: null });
  });
});

describe('search-api answers compressed (real Redis, Postgres and NATS)', () => {
  const NOW = new Date('2026-06-10T15:00:00Z');
  const clock = new FixedClock(NOW);
  const data = makeListings(300, 6, NOW);
  let search: SearchApp;

  /** The raw bytes and headers of a GET (fetch would decode the body). */
  const raw = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }>(
      (resolve, reject) => {
        const url = new URL(search.url + path);
        request(url, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }),
          );
        })
          .on('error', reject)
          .end();
      },
    );

  beforeAll(async () => {
    search = await startSearchApp('search_compression', data, clock);
  }, 60_000);
  afterAll(() => search?.close());

  const LISTINGS = '/api/v1/listings?show=hamilton&sort=deal&limit=100';

  it('sends br or gzip as accepted, the same bytes decoded, the same ETag, Vary on both', async () => {
    const plain = await raw(LISTINGS, { 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const body = plain.bytes.toString();
    expect(body.length).toBeGreaterThan(COMPRESS_MIN_LENGTH);

    const br = await raw(LISTINGS, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.bytes).toString()).toBe(body);
    expect(br.bytes.length).toBeLessThan(body.length / 4);

    const gz = await raw(LISTINGS, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.bytes).toString()).toBe(body);

    for (const r of [plain, br, gz]) {
      expect(r.headers.etag).toBe(plain.headers.etag);
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(r.headers.vary).toBe('Origin, Accept-Encoding');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('answers a URL from the fast path compressed the same, and 304 whatever the coding', async () => {
    const url = '/api/v1/listings?show=hamilton&sort=price&limit=50';
    const first = await raw(url, { 'accept-encoding': 'br' });
    const front = search.app.get<FrontCache>(FRONT_CACHE);
    const entry = front.lookup(url);
    // The second request is the fast path's (the answer is remembered by URL), same copy.
    expect(entry?.encoded?.br).toBeDefined();
    const second = await raw(url, { 'accept-encoding': 'br' });
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(second.headers['content-encoding']).toBe('br');
    expect(second.headers.vary).toBe('Origin, Accept-Encoding');
    const notModified = await raw(url, {
      'accept-encoding': 'gzip',
      'if-none-match': String(first.headers.etag),
    });
    expect(notModified.status).toBe(304);
    expect(notModified.bytes.length).toBe(0);
    expect(notModified.headers.vary).toBe('Origin, Accept-Encoding');
  });

  it('compresses performances, the seat map and the docs; leaves short answers alone', async () => {
    for (const path of [
      '/api/v1/performances?show=hamilton',
      '/api/v1/venues/richard-rodgers/seatmap',
      '/api/v1/openapi.json',
      '/api/v1/docs',
    ]) {
      const plain = await raw(path);
      const br = await raw(path, { 'accept-encoding': 'br' });
      expect([path, br.status, br.headers['content-encoding']]).toEqual([path, 200, 'br']);
      expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
      expect(br.headers['content-type']).toBe(plain.headers['content-type']);
    }
    expect((await raw('/api/v1/docs')).headers['content-type']).toBe('text/html; charset=utf-8');
    const shows = await raw('/api/v1/shows', { 'accept-encoding': 'br' });
    expect(shows.status).toBe(200);
    expect(shows.bytes.length).toBeLessThan(COMPRESS_MIN_LENGTH);
    expect(shows.headers['content-encoding']).toBeUndefined();
  });
});
