import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type TestDatabase } from '@hamiltix/persistence/testing';
import { configureApp, createFastifyAdapter } from './bootstrap/bootstrap.js';
import { loadConfig } from './config/config.js';
import { ConflictError } from './errors/domain-errors.js';
import { PlatformModule } from './platform.module.js';
import { ShutdownService } from './shutdown/shutdown.service.js';
import {
  startNatsServer,
  startPushReceiver,
  startRedisServer,
  type PrivateServer,
  type PushReceiver,
} from './testing/index.js';

@Controller('t')
class ProbeController {
  @Get('boom')
  boom(): never {
    throw new Error('database row 42 has secret=hunter2');
  }
  @Get('conflict')
  conflict(): never {
    throw new ConflictError('Those seats were just sold.', { details: { currentAllInPrice: 12000 } });
  }
  @Post('echo')
  echo(@Body() body: unknown): unknown {
    return body;
  }
}

const eventually = async (check: () => Promise<boolean>, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('condition not met in time');
};

describe('platform (real Postgres, private NATS and Redis)', () => {
  let db: TestDatabase;
  let nats: PrivateServer;
  let redis: PrivateServer;
  let receiver: PushReceiver;
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    [db, nats, redis, receiver] = await Promise.all([
      createTestDatabase('platform'),
      startNatsServer(),
      startRedisServer(),
      startPushReceiver(),
    ]);
    const config = loadConfig('search-api', {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      NATS_URL: nats.url,
      ALERT_WEBHOOK_URL: receiver.url,
      LOG_LEVEL: 'silent',
    });
    @Module({
      imports: [
        PlatformModule.forRoot({ service: 'search-api', postgres: true, redis: true, nats: true, config }),
      ],
      controllers: [ProbeController],
    })
    class TestAppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [TestAppModule] }).compile();
    moduleRef.useLogger(false);
    app = configureApp(
      moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false }),
    );
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    await eventually(async () => (await fetch(`${base}/health/ready`)).status === 200);
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([db?.drop(), nats?.dispose(), redis?.dispose()]);
    receiver?.server.close();
  });

  it('liveness is 200 and readiness names its checks', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { info: Record<string, unknown> };
    expect(Object.keys(body.info)).toEqual(expect.arrayContaining(['postgres', 'redis', 'nats']));
  });

  it.each([
    ['nats', () => nats],
    ['redis', () => redis],
  ])(
    'readiness is 503 naming %s while it is down, 200 when back; liveness stays 200',
    async (name, server) => {
      await server().stop();
      await eventually(async () => (await fetch(`${base}/health/ready`)).status === 503);
      const body = (await (await fetch(`${base}/health/ready`)).json()) as {
        message: string;
        statusCode: number;
      };
      expect(body.message).toContain(name);
      expect(body.statusCode).toBe(503);
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      await server().start();
      await eventually(async () => (await fetch(`${base}/health/ready`)).status === 200, 20_000);
    },
  );

  it('maps domain errors to 4xx with their message and extra fields', async () => {
    const r = await fetch(`${base}/t/conflict`);
    expect(r.status).toBe(409);
    expect(await r.json()).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'Those seats were just sold.',
      currentAllInPrice: 12000,
    });
  });

  it('answers bad JSON with a 400, and unknown routes with a 404, in the error shape', async () => {
    const bad = await fetch(`${base}/t/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const big = await fetch(`${base}/t/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ x: 'y'.repeat(100_000) }),
    });
    expect(big.status).toBe(413);
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('turns an unexpected error into a generic 500 and one push per minute however many happen', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => fetch(`${base}/t/boom`)));
    for (const r of answers) {
      expect(r.status).toBe(500);
      const body = (await r.json()) as Record<string, unknown>;
      expect(body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: expect.stringContaining('reported'),
      });
      expect(JSON.stringify(body)).not.toMatch(/hunter2|at .*\.ts/);
    }
    await eventually(async () => receiver.pushes.length >= 1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(receiver.pushes).toHaveLength(1);
    expect(receiver.pushes[0].get('sound')).toBe('falling');
    expect(receiver.pushes[0].get('title')).toContain('/t/boom');
  });

  it('serves Prometheus metrics with the HTTP histogram by route and status', async () => {
    await fetch(`${base}/t/conflict`);
    const r = await fetch(`${base}/metrics`);
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(
      /hamiltix_http_request_duration_seconds_bucket\{.*route="\/t\/conflict".*status="409"/,
    );
  });

  it('echoes a sane correlation id and makes one up otherwise', async () => {
    const r = await fetch(`${base}/health/live`, { headers: { 'x-correlation-id': 'abc-123' } });
    expect(r.headers.get('x-correlation-id')).toBe('abc-123');
    const r2 = await fetch(`${base}/health/live`, { headers: { 'x-correlation-id': 'bad id with spaces' } });
    expect(r2.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('readiness turns 503 as soon as shutdown begins', async () => {
    app.get(ShutdownService).begin('test');
    const r = await fetch(`${base}/health/ready`);
    expect(r.status).toBe(503);
    expect(((await r.json()) as { message: string }).message).toMatch(/shutting down/i);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });
});
