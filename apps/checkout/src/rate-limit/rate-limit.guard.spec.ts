import { FixedClock } from '@hamiltix/domain';
import type { ExecutionContext } from '@nestjs/common';
import { loadConfig, TooManyRequestsError } from '@hamiltix/platform';
import { Redis } from 'ioredis';
import { startRedisServer, type PrivateServer } from '@hamiltix/platform/testing';
import { clientOf, RateLimitGuard } from './rate-limit.guard.js';

const context = (headers: Record<string, string>, remoteAddress = '10.0.0.9') =>
  ({
    switchToHttp: () => ({ getRequest: () => ({ headers, socket: { remoteAddress } }) }),
  }) as unknown as ExecutionContext;

// Mid-minute, so the fixed one-minute window never turns over during a test.
const clock = new FixedClock('2026-06-02T18:00:30Z');

describe('RateLimitGuard (private redis-server)', () => {
  let server: PrivateServer;
  let redis: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    await redis.connect();
  });
  afterAll(async () => {
    redis.disconnect();
    await server.dispose();
  });

  it('lets RATE_LIMIT_PER_MINUTE orders per client through, then answers 429 with Retry-After', async () => {
    const guard = new RateLimitGuard(
      loadConfig('checkout', { RATE_LIMIT_PER_MINUTE: '3' }),
      redis,
      'test:rl:',
      clock,
    );
    const alice = context({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' });
    for (let i = 0; i < 3; i++) expect(await guard.canActivate(alice)).toBe(true);
    const error = await guard.canActivate(alice).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBeGreaterThan(0);
    // Another client is counted apart.
    expect(await guard.canActivate(context({ 'x-forwarded-for': '198.51.100.2' }))).toBe(true);
  });

  it('is off at 0 (the development default) and fails open when Redis is away', async () => {
    const off = new RateLimitGuard(
      loadConfig('checkout', { APP_ENV: 'development' }),
      redis,
      'test:rl:',
      clock,
    );
    for (let i = 0; i < 50; i++) expect(await off.canActivate(context({}))).toBe(true);
    const away = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    const guard = new RateLimitGuard(
      loadConfig('checkout', { RATE_LIMIT_PER_MINUTE: '1' }),
      away,
      'test:rl:',
      clock,
    );
    expect(await guard.canActivate(context({}))).toBe(true);
    expect(await guard.canActivate(context({}))).toBe(true);
    away.disconnect();
  });

  it('takes the client from the first X-Forwarded-For address, else the peer', () => {
    const req = (headers: Record<string, string>) =>
      ({ headers, socket: { remoteAddress: '10.1.1.1' } }) as never;
    expect(clientOf(req({ 'x-forwarded-for': ' 203.0.113.7 , 10.0.0.1' }))).toBe('203.0.113.7');
    expect(clientOf(req({}))).toBe('10.1.1.1');
  });
});
