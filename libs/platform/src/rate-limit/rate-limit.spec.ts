import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Logger, Module, Post, UseGuards } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FixedClock } from '@hamiltix/domain';
import { Redis } from 'ioredis';
import { configureApp, createFastifyAdapter } from '../bootstrap/bootstrap.js';
import { loadConfig } from '../config/config.js';
import { REDIS } from '../redis/redis.providers.js';
import { PlatformModule } from '../platform.module.js';
import { startRedisServer, type PrivateServer } from '../testing/index.js';
import { installRateLimitHook, RATE_LIMIT_FLUSH_MS, RateLimiter, RateLimitGuard } from './index.js';

// Mid-minute, so the fixed one-minute window never turns over during a test.
const clock = new FixedClock('2026-06-02T18:00:30Z');
const LIMIT = 3;

@Controller()
class ProbeController {
  /** A Nest route behind the guard (as checkout's POST /api/v1/orders). */
  @Post('orders')
  @UseGuards(RateLimitGuard)
  order(): { ok: true } {
    return { ok: true };
  }

  /** A route under /api/, limited by the onRequest hook (as search-api's). */
  @Get('api/ping')
  ping(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

async function startApp(redisUrl: string, hops: number): Promise<NestFastifyApplication> {
  const config = loadConfig('checkout', {
    REDIS_URL: redisUrl,
    RATE_LIMIT_PER_MINUTE: String(LIMIT),
    TRUSTED_PROXY_HOPS: String(hops),
    LOG_LEVEL: 'silent',
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({
        service: 'checkout',
        postgres: false,
        redis: true,
        nats: false,
        config,
        clock,
      }),
      ProbeModule,
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createFastifyAdapter(config.trustedProxyHops),
    { logger: false },
  );
  installRateLimitHook(app.getHttpAdapter().getInstance(), app.get(RateLimiter), (r) =>
    r.url.startsWith('/api/'),
  );
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  for (let i = 0; i < 100 && app.get<Redis>(REDIS).status !== 'ready'; i++)
    await new Promise((r) => setTimeout(r, 20));
  return app;
}

/** A reverse proxy as nginx's `X-Forwarded-For $proxy_add_x_forwarded_for` (compose's gateway, the ingress). */
function startProxy(targetPort: number): Promise<Server> {
  const proxy = createServer((req, res) => {
    const previous = req.headers['x-forwarded-for'];
    const forwarded = `${previous ? `${String(previous)}, ` : ''}${req.socket.remoteAddress}`;
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: targetPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': forwarded },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  return new Promise((done) => proxy.listen(0, '127.0.0.1', () => done(proxy)));
}

/** One HTTP request from a chosen loopback address, so each "client" has its own. */
function send(
  port: number,
  from: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((done, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, localAddress: from }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

const spoofed = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}, 203.0.113.${(i * 7) % 250}` });

describe('the rate limiter (private redis-server, real HTTP)', () => {
  let redis: PrivateServer;
  let behindProxy: NestFastifyApplication;
  let direct: NestFastifyApplication;
  let proxy: Server;
  let proxyPort: number;
  let directPort: number;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    redis = await startRedisServer();
    behindProxy = await startApp(redis.url, 1);
    direct = await startApp(redis.url, 0);
    proxy = await startProxy((behindProxy.getHttpServer().address() as AddressInfo).port);
    proxyPort = (proxy.address() as AddressInfo).port;
    directPort = (direct.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((r) => proxy?.close(r));
    await behindProxy?.close();
    await direct?.close();
    await redis?.dispose();
  });

  it('limits a client rotating X-Forwarded-For through one trusted proxy hop (guarded route)', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= LIMIT + 2; i++)
      statuses.push((await send(proxyPort, '127.0.0.2', 'POST', '/orders', spoofed(i))).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const refused = await send(proxyPort, '127.0.0.2', 'POST', '/orders', spoofed(99));
    expect(Number(refused.headers['retry-after'])).toBe(30);
    expect(JSON.parse(refused.body)).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Too many requests from your address (at most 3 a minute). Wait 30 seconds and try again.',
    });
    // Another client behind the same proxy has its own budget.
    expect((await send(proxyPort, '127.0.0.3', 'POST', '/orders', spoofed(1))).status).toBe(201);
  });

  it('limits the same way through the onRequest hook, with the same answer', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= LIMIT + 1; i++)
      statuses.push((await send(proxyPort, '127.0.0.4', 'GET', '/api/ping', spoofed(i))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await send(proxyPort, '127.0.0.4', 'GET', '/api/ping');
    expect(refused.headers['retry-after']).toBe('30');
    expect(JSON.parse(refused.body).message).toMatch(/^Too many requests from your address/);
    // Outside the hook's URL space nothing is counted.
    expect((await send(proxyPort, '127.0.0.4', 'GET', '/health/live')).status).toBe(200);
  });

  it('with no trusted proxy, X-Forwarded-For is ignored: the socket peer is the client', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= LIMIT + 1; i++)
      statuses.push((await send(directPort, '127.0.0.5', 'POST', '/orders', spoofed(i))).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it('counts in one Redis key per service, client and minute of the injected clock', async () => {
    // The limiter adds its hits to Redis every RATE_LIMIT_FLUSH_MS; flush() does it now.
    await direct.get(RateLimiter).flush();
    const client = new Redis(redis.url);
    const window = Math.floor(clock.now().getTime() / 60_000);
    expect(await client.get(`hx:ratelimit:checkout:${window}:127.0.0.5`)).toBe(String(LIMIT + 1));
    expect(await client.ttl(`hx:ratelimit:checkout:${window}:127.0.0.5`)).toBeGreaterThan(0);
    expect(await client.keys('*198.51.100*')).toEqual([]);
    client.disconnect();
  });

  it('shares the counts of replicas through Redis, at the next flush of each', async () => {
    const config = loadConfig('checkout', { RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    const [ra, rb] = [new Redis(redis.url), new Redis(redis.url)];
    const [a, b] = [new RateLimiter(config, ra, clock), new RateLimiter(config, rb, clock)];
    try {
      expect([a.check('127.0.0.20').allowed, a.check('127.0.0.20').allowed]).toEqual([true, true]);
      await a.flush();
      // b has not heard of a's two yet: its own first hit is judged alone.
      expect(b.check('127.0.0.20').allowed).toBe(true);
      await b.flush();
      // Now it has: 2 (a) + 2 (b) > 3.
      expect(b.check('127.0.0.20').allowed).toBe(false);
      // The timer sends without being asked (RATE_LIMIT_FLUSH_MS) and learns a's count from the total.
      const key = `hx:ratelimit:checkout:${Math.floor(clock.now().getTime() / 60_000)}:127.0.0.20`;
      for (let i = 0; i < 50 && (await ra.get(key)) !== '4'; i++)
        await new Promise((r) => setTimeout(r, RATE_LIMIT_FLUSH_MS));
      expect(await ra.get(key)).toBe('4');
      expect(await ra.ttl(key)).toBeGreaterThan(0);
      // a learns b's hits with its own next send: until then its third hit is judged on its own
      // count (the bounded lag: one flush interval per other replica).
      expect(a.check('127.0.0.20').allowed).toBe(true);
      await a.flush();
      expect(a.check('127.0.0.20').allowed).toBe(false);
    } finally {
      a.onModuleDestroy();
      b.onModuleDestroy();
      ra.disconnect();
      rb.disconnect();
    }
  });

  it('is off at 0; with Redis away each replica still enforces the limit on its own counts', async () => {
    const off = new RateLimiter(
      loadConfig('checkout', {}),
      new Redis(redis.url, { lazyConnect: true }),
      clock,
    );
    expect(off.enabled).toBe(false);
    for (let i = 0; i < 20; i++) expect(off.check('127.0.0.9').allowed).toBe(true);
    const away = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    const limiter = new RateLimiter(loadConfig('checkout', { RATE_LIMIT_PER_MINUTE: '2' }), away, clock);
    try {
      expect([limiter.check('127.0.0.9').allowed, limiter.check('127.0.0.9').allowed]).toEqual([true, true]);
      // The send fails (logged, kept for the next one); requests are still judged, never held.
      await limiter.flush();
      expect(limiter.check('127.0.0.9').allowed).toBe(false);
      expect(limiter.check('127.0.0.10').allowed).toBe(true);
    } finally {
      limiter.onModuleDestroy();
      away.disconnect();
    }
  });
});
