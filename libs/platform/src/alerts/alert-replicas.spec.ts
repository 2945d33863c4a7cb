import { Controller, Get, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureApp, createFastifyAdapter } from '../bootstrap/bootstrap.js';
import { loadConfig } from '../config/config.js';
import { PlatformModule } from '../platform.module.js';
import {
  startNatsServer,
  startPushReceiver,
  startRedisServer,
  type PrivateServer,
  type PushReceiver,
} from '../testing/index.js';

@Controller('t')
class StormController {
  @Get('boom')
  boom(): never {
    throw new Error('first storm');
  }
  @Get('bang')
  bang(): never {
    throw new Error('second storm');
  }
}

/** One replica: its own Nest app, its own Redis and NATS clients, the shared servers. */
async function startReplica(env: Record<string, string>): Promise<NestFastifyApplication> {
  const config = loadConfig('search-api', { ...env, LOG_LEVEL: 'silent' });
  @Module({
    imports: [
      PlatformModule.forRoot({ service: 'search-api', postgres: false, redis: true, nats: true, config }),
    ],
    controllers: [StormController],
  })
  class ReplicaModule {}
  const moduleRef = await Test.createTestingModule({ imports: [ReplicaModule] }).compile();
  moduleRef.useLogger(false);
  const app = configureApp(
    moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false }),
  );
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  await eventually(async () => (await fetch(`${base}/health/ready`)).status === 200);
  return app;
}

const eventually = async (check: () => Promise<boolean> | boolean, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
};

const hammer = async (apps: NestFastifyApplication[], path: string, perReplica: number) => {
  const urls = await Promise.all(apps.map(async (a) => `${await a.getUrl()}${path}`));
  const answers = await Promise.all(
    urls.flatMap((url) => Array.from({ length: perReplica }, () => fetch(url))),
  );
  for (const r of answers) expect(r.status).toBe(500);
};

describe('alert de-duplication across replicas (private NATS and Redis, two apps)', () => {
  let nats: PrivateServer;
  let redis: PrivateServer;
  let receiver: PushReceiver;
  let replicas: NestFastifyApplication[] = [];

  beforeAll(async () => {
    [nats, redis, receiver] = await Promise.all([startNatsServer(), startRedisServer(), startPushReceiver()]);
    const env = { REDIS_URL: redis.url, NATS_URL: nats.url, ALERT_WEBHOOK_URL: receiver.url };
    replicas = await Promise.all([startReplica(env), startReplica(env)]);
  });

  afterAll(async () => {
    await Promise.all(replicas.map((a) => a.close()));
    await Promise.all([nats?.dispose(), redis?.dispose()]);
    receiver?.server.close();
  });

  it('an error storm over both replicas sends one push in total', async () => {
    await hammer(replicas, '/t/boom', 40);
    await eventually(() => receiver.pushes.length >= 1);
    // Each replica publishes its first alert of the minute and the sink consumer is shared,
    // so without the shared gate each replica would push one: give a second every chance.
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.pushes).toHaveLength(1);
    expect(receiver.pushes[0].get('title')).toContain('/t/boom');
    expect(receiver.pushes[0].get('sound')).toBe('falling');
    await hammer(replicas, '/t/boom', 10);
    await new Promise((r) => setTimeout(r, 1000));
    expect(receiver.pushes).toHaveLength(1);
  });

  it('while Redis is away a new storm is still pushed, folded per replica', async () => {
    await redis.stop();
    try {
      await eventually(
        async () => (await fetch(`${await replicas[0].getUrl()}/health/ready`)).status === 503,
      );
      await hammer(replicas, '/t/bang', 20);
      await eventually(() => receiver.pushes.some((p) => p.get('title')?.includes('/t/bang')));
      await new Promise((r) => setTimeout(r, 1500));
      const bangs = receiver.pushes.filter((p) => p.get('title')?.includes('/t/bang'));
      expect(bangs.length).toBeGreaterThanOrEqual(1);
      expect(bangs.length).toBeLessThanOrEqual(replicas.length);
    } finally {
      await redis.start();
    }
  });
});
