// The dev server routes like the ingress: /api/v1/orders* to checkout, the rest of /api
// to search-api, streaming both ways; 502 JSON when an upstream is down; static files
// with the right types and cache headers; no escape from the site's folder.
import { spawn } from 'node:child_process';
import { createServer, IncomingMessage, request, Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDevServer } from '../dev-server.mjs';
import { closeServer, listen } from './browser.js';

const here = dirname(fileURLToPath(import.meta.url));

function upstream(name: string): Server {
  return createServer((req, res) => {
    if (req.url === '/api/v1/stream') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first;');
      setTimeout(() => res.end('second'), 400);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = req.url?.includes('status=409') ? 409 : req.method === 'POST' ? 201 : 200;
      res.writeHead(status, { 'content-type': 'application/json', 'x-upstream': name, etag: '"v1"' });
      res.end(
        JSON.stringify({
          name,
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
  });
}

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
  json: () => Record<string, unknown>;
}

function call(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // node:http rather than fetch: fetch would normalise "/../" out of the path.
    const req = request(`${base}${path}`, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

let search: Server;
let checkout: Server;
let notifier: Server;
let catcher: Server;
let dev: Server;
let base: string;
let searchUrl: string;

beforeAll(async () => {
  search = upstream('search');
  checkout = upstream('checkout');
  searchUrl = await listen(search);
  const checkoutUrl = await listen(checkout);
  notifier = upstream('notifier');
  const notifierUrl = await listen(notifier);
  // The local mail catcher's JSON (scripts/mail-catcher.mjs), with a hostile subject.
  catcher = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify([
        {
          id: 1,
          receivedAt: '2026-06-02T18:00:00.000Z',
          to: ['buyer@example.com'],
          subject: '<script>alert(1)</script> Confirm your alert',
          text: 'Confirm: http://127.0.0.1:8080/alerts#action=confirm&id=x&token=y',
          headers: { 'list-unsubscribe': '<http://127.0.0.1:8080/api/v1/alerts/x/unsubscribe?token=z>' },
        },
      ]),
    );
  });
  const mailCatcherUrl = await listen(catcher);
  dev = createDevServer({
    searchApiUrl: searchUrl,
    checkoutUrl,
    notifierUrl,
    mailCatcherUrl,
    appEnv: 'staging',
    log: () => undefined,
  }) as Server;
  base = await listen(dev);
});

afterAll(async () => {
  await Promise.all([
    closeServer(dev),
    closeServer(search),
    closeServer(checkout),
    closeServer(notifier),
    closeServer(catcher),
  ]);
});

describe('API proxy', () => {
  it('sends orders to checkout with body, headers and status passed through', async () => {
    const body = JSON.stringify({ listingId: '1', quantity: 2 });
    const res = await call(base, '/api/v1/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'key-12345678' },
      body,
    });
    expect(res.status).toBe(201);
    expect(res.headers['x-upstream']).toBe('checkout');
    const seen = res.json() as { headers: Record<string, string>; body: string; url: string };
    expect(seen.body).toBe(body);
    expect(seen.headers['idempotency-key']).toBe('key-12345678');
    expect(seen.headers['x-forwarded-for']).toBeTruthy();

    const get = await call(base, '/api/v1/orders/abc?x=1', { headers: { authorization: 'Bearer t' } });
    expect(get.json()).toMatchObject({ name: 'checkout', url: '/api/v1/orders/abc?x=1' });
    expect((get.json().headers as Record<string, string>).authorization).toBe('Bearer t');
  });

  it('sends alerts to the notifier', async () => {
    const res = await call(base, '/api/v1/alerts', { method: 'POST', body: '{}' });
    expect(res.headers['x-upstream']).toBe('notifier');
    const unsubscribe = await call(base, '/api/v1/alerts/abc/unsubscribe?token=t', { method: 'POST' });
    expect(unsubscribe.json()).toMatchObject({
      name: 'notifier',
      url: '/api/v1/alerts/abc/unsubscribe?token=t',
    });
    expect((await call(base, '/api/v1/alertsx')).headers['x-upstream']).toBe('search');
  });

  it('shows the local mailbox at /dev/mail, escaped, with the links clickable', async () => {
    const res = await call(base, '/dev/mail');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Confirm your alert');
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).toContain('<a href="http://127.0.0.1:8080/alerts#action=confirm&amp;id=x&amp;token=y">');
  });

  it('sends the rest of /api to search-api, query and upstream status intact', async () => {
    const res = await call(base, '/api/v1/listings?sort=deal&days=fri%2Csat');
    expect(res.json()).toMatchObject({ name: 'search', url: '/api/v1/listings?sort=deal&days=fri%2Csat' });
    expect(res.headers.etag).toBe('"v1"');
    expect((await call(base, '/api/v1/venues/richard-rodgers/seatmap')).headers['x-upstream']).toBe('search');
    expect((await call(base, '/api/v1/ordersheet')).headers['x-upstream']).toBe('search');
    expect((await call(base, '/api/v1/listings?status=409')).status).toBe(409);
  });

  it('streams answers instead of buffering them', async () => {
    const started = Date.now();
    const firstChunkAt = await new Promise<number>((resolve, reject) => {
      request(`${base}/api/v1/stream`, (res) =>
        res.once('data', () => resolve(Date.now() - started)).resume(),
      )
        .on('error', reject)
        .end();
    });
    expect(firstChunkAt).toBeLessThan(300);
  });

  it('answers 502 JSON when an upstream is down', async () => {
    const gone = createServer();
    const goneUrl = await listen(gone);
    await closeServer(gone);
    const lonely = createDevServer({
      searchApiUrl: goneUrl,
      checkoutUrl: goneUrl,
      log: () => undefined,
    }) as Server;
    const lonelyUrl = await listen(lonely);
    try {
      for (const path of ['/api/v1/listings', '/api/v1/orders']) {
        const res = await call(lonelyUrl, path, {
          method: path.endsWith('orders') ? 'POST' : 'GET',
          body: path.endsWith('orders') ? '{}' : undefined,
        });
        expect(res.status).toBe(502);
        expect(res.headers['content-type']).toContain('application/json');
        expect(res.json()).toMatchObject({ statusCode: 502, error: 'Bad Gateway' });
        expect(String(res.json().message)).toMatch(/try again/i);
      }
    } finally {
      await closeServer(lonely);
    }
  });
});

describe('static site', () => {
  it('serves pages with clean URLs, types and cache headers', async () => {
    const home = await call(base, '/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.headers['cache-control']).toBe('no-cache');
    expect(home.text).toContain('Best deals across all dates');
    const searchPage = await call(base, '/search?days=fri');
    expect(searchPage.text).toContain('id="filters"');
    expect((await call(base, '/assets/css/site.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await call(base, '/assets/js/index.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await call(base, '/assets/img/logo.svg')).headers['content-type']).toBe('image/svg+xml');
    const etag = String((await call(base, '/assets/js/index.js')).headers.etag);
    const again = await call(base, '/assets/js/index.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('puts every page into the one layout, header and footer included', async () => {
    for (const page of ['/', '/search', '/listing', '/checkout', '/order', '/alerts', '/no-such-page']) {
      const res = await call(base, page);
      expect(res.text.match(/<header class="site-header">/g)).toHaveLength(1);
      expect(res.text.match(/<footer class="site-footer">/g)).toHaveLength(1);
      expect(res.text).toMatch(/<title>[^<]+— Hamiltix<\/title>|<title>Hamiltix — /);
      expect(res.text).toMatch(/<main id="main"/);
      expect(res.text).not.toContain('<!-- page:');
    }
  });

  it('bundles the TypeScript on request, in memory, with a source map', async () => {
    const entry = await call(base, '/assets/js/checkout.js');
    expect(entry.status).toBe(200);
    // Bundled: no import of a module that exists only as TypeScript.
    expect(entry.text).not.toMatch(/from ["']\.\/(api|format)\.js["']/);
    expect(entry.text).toContain('sourceMappingURL=checkout.js.map');
    const map = await call(base, '/assets/js/checkout.js.map');
    expect(map.json().sources).toEqual(
      expect.arrayContaining([expect.stringMatching(/src\/ts\/checkout\.ts$/)]),
    );
    expect((await call(base, '/assets/js/nope.js')).status).toBe(404);
  });

  it('answers 404 for unknown paths and never leaves the site folder', async () => {
    const missing = await call(base, '/no-such-page');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('couldn’t find');
    for (const path of [
      '/../package.json',
      '/..%2f..%2fpackage.json',
      '/%2e%2e/dev-server.mjs',
      '/assets/%00',
    ]) {
      const res = await call(base, path);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('"name"');
    }
    expect((await call(base, '/', { method: 'POST', body: '' })).status).toBe(405);
  });

  it('serves run-time config and liveness', async () => {
    expect((await call(base, '/config.json')).json()).toEqual({
      appEnv: 'staging',
      paymentProvider: 'sandbox',
    });
    const live = await call(base, '/health/live');
    expect(live.status).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
  });
});

describe('command line', () => {
  it('starts on PORT and HOST from the environment', async () => {
    const probe = createServer();
    const port = Number(new URL(await listen(probe)).port);
    await closeServer(probe);
    const child = spawn(process.execPath, [join(here, '..', 'dev-server.mjs')], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SEARCH_API_URL: searchUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes(`127.0.0.1:${port}`) && resolve());
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const res = await call(`http://127.0.0.1:${port}`, '/api/v1/shows');
      expect(res.json()).toMatchObject({ name: 'search' });
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
