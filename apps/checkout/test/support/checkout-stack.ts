import { Test } from '@nestjs/testing';
import { allInPrice, DEFAULT_FEE_SCHEDULE } from '@hamiltix/domain';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureApp, createFastifyAdapter, loadConfig, PlatformModule } from '@hamiltix/platform';
import { createTestDatabase, type TestDatabase } from '@hamiltix/persistence/testing';
import {
  freePort,
  startBrokerSandbox,
  startNatsServer,
  startRedisServer,
  type BrokerSandboxProcess,
  type PrivateServer,
} from '@hamiltix/platform/testing';
import { OrdersModule } from '../../src/orders/orders.module.js';

export interface CheckoutStack {
  db: TestDatabase;
  checkout: NestFastifyApplication;
  sandbox: BrokerSandboxProcess;
  checkoutUrl: string;
  sandboxUrl: string;
  close(): Promise<void>;
}

/**
 * Checkout (its OrdersModule on the platform, without the schedule: tests run the
 * reconciler themselves) against the real broker sandbox in its own process, a private
 * database, a private nats-server and a private redis-server.
 */
export async function startCheckoutStack(
  label: string,
  env: Record<string, string> = {},
): Promise<CheckoutStack> {
  const db = await createTestDatabase(label);
  const servers: PrivateServer[] = [];
  const apps: NestFastifyApplication[] = [];
  let sandbox: BrokerSandboxProcess | undefined;
  try {
    const nats = await startNatsServer();
    servers.push(nats);
    const redis = await startRedisServer();
    servers.push(redis);

    // The real broker sandbox as its own process, as checkout meets it in real life.
    sandbox = await startBrokerSandbox({
      SANDBOX_SCALE: '0.02',
      SANDBOX_CLOCK_SPEED: '0', // frozen: no repricing behind the tests' back
    });
    const sandboxUrl = sandbox.url;

    const checkoutPort = await freePort();
    const config = loadConfig('checkout', {
      PORT: String(checkoutPort),
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      NATS_URL: nats.url,
      BROKER_BASE_URL: sandboxUrl,
      BROKER_TIMEOUT_MS: '3000',
      LOG_LEVEL: 'silent',
      ...env,
    });
    const checkoutModule = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot({ service: 'checkout', postgres: true, redis: true, nats: true, config }),
        OrdersModule,
      ],
    }).compile();
    const checkout = configureApp(
      checkoutModule.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false }),
    );
    apps.push(checkout);
    await checkout.listen(checkoutPort, '127.0.0.1');
    const started = sandbox;
    return {
      db,
      checkout,
      sandbox: started,
      checkoutUrl: `http://127.0.0.1:${checkoutPort}`,
      sandboxUrl,
      async close() {
        await checkout.close();
        await started.stop();
        await db.drop();
        for (const s of servers) await s.dispose();
      },
    };
  } catch (error) {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await sandbox?.stop();
    for (const s of servers) await s.dispose();
    await db.drop();
    throw error;
  }
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  text: string;
}

export async function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown; raw?: string } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(url, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  });
  const text = await res.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { raw: text };
  }
  return { status: res.status, headers: Object.fromEntries(res.headers), body: parsed, text };
}

/** The broker sandbox's first simulated performance. */
export async function firstSandboxEvent(stack: CheckoutStack): Promise<number> {
  const events = await call(`${stack.sandboxUrl}/sandbox/events`);
  return (events.body.events as { id: number }[])[0].id;
}

/** Sets the broker sandbox's faults (orderAcceptDelayMs, orderRejectRate, …). */
export async function setSandboxFaults(stack: CheckoutStack, faults: Record<string, number>): Promise<void> {
  const res = await call(`${stack.sandboxUrl}/sandbox/faults`, { body: faults });
  if (res.status !== 200) throw new Error(`sandbox faults refused: ${res.status} ${res.text}`);
}

/** A fresh listing on the broker sandbox: its id and the all-in price per ticket (cents) buyers see. */
export async function addSandboxListing(
  stack: CheckoutStack,
  eventId: number,
  options: { quantity?: number; price?: number; splits?: number[] } = {},
): Promise<{ id: string; allIn: number }> {
  const quantity = options.quantity ?? 4;
  const price = options.price ?? 200;
  const splits = options.splits ?? [...Array(quantity).keys()].map((i) => i + 1);
  const res = await call(`${stack.sandboxUrl}/sandbox/listings`, {
    body: { eventId, section: 'Center Orchestra', row: 'G', quantity, price, splits },
  });
  if (res.status !== 201) throw new Error(`sandbox listing refused: ${res.status} ${res.text}`);
  return { id: String(res.body.id), allIn: allInPrice(Math.round(price * 100), DEFAULT_FEE_SCHEDULE).total };
}
