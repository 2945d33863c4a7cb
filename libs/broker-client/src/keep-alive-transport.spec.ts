import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { keepAliveTransport, type KeepAliveTransport } from './keep-alive-transport.js';

describe('keepAliveTransport (a keep-alive fetch for the broker client)', () => {
  let server: http.Server;
  let base: string;
  let transport: KeepAliveTransport;
  const seen: {
    method?: string;
    url?: string;
    body: string;
    port?: number;
    headers: http.IncomingHttpHeaders;
  }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          body,
          port: req.socket.remotePort,
          headers: req.headers,
        });
        if (req.url?.startsWith('/slow')) return void setTimeout(() => res.end('late'), 500);
        res.writeHead(req.url === '/missing' ? 404 : 200, {
          'content-type': 'application/json',
          'retry-after': '3',
        });
        res.end(JSON.stringify({ ok: true, echo: body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    transport = keepAliveTransport({ maxSockets: 4, idleMs: 2_000 });
  });

  afterAll(async () => {
    transport.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => (seen.length = 0));

  const signal = () => AbortSignal.timeout(2_000);

  it('sends method, headers and body, and answers status, headers and text', async () => {
    const res = await transport.fetch(`${base}/v9/orders?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-token': 't' },
      body: '{"a":"é"}',
      signal: signal(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Retry-After')).toBe('3');
    expect(res.headers.get('x-absent')).toBeNull();
    expect(JSON.parse(await res.text())).toEqual({ ok: true, echo: '{"a":"é"}' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v9/orders?x=1', body: '{"a":"é"}' });
    expect(seen[0].headers['x-token']).toBe('t');
    expect(seen[0].headers['content-length']).toBe(String(Buffer.byteLength('{"a":"é"}')));
  });

  it('answers non-2xx statuses instead of throwing (the client decides)', async () => {
    const res = await transport.fetch(`${base}/missing`, { method: 'GET', headers: {}, signal: signal() });
    expect(res.status).toBe(404);
  });

  it('reuses one socket for sequential calls (keep-alive)', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await transport.fetch(`${base}/v9/listings/${i}`, {
        method: 'GET',
        headers: {},
        signal: signal(),
      });
      await res.text();
    }
    expect(new Set(seen.map((s) => s.port)).size).toBe(1);
  });

  it('rejects when the signal aborts (the caller’s timeout)', async () => {
    await expect(
      transport.fetch(`${base}/slow`, { method: 'GET', headers: {}, signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow();
  });

  it('rejects on a network error', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      transport.fetch(`http://127.0.0.1:${port}/`, { method: 'GET', headers: {}, signal: signal() }),
    ).rejects.toThrow();
  });
});
