import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signRequest } from '@hamiltix/broker-client';
import {
  configureApp,
  createFastifyAdapter,
  loadConfig,
  PlatformModule,
  SANDBOX_BROKER_SECRET,
  SANDBOX_BROKER_TOKEN,
} from '@hamiltix/platform';
import type { VenueData } from '@hamiltix/venues';
import type { AddressInfo } from 'node:net';
import { SANDBOX_VENUES } from '../inventory/inventory.module.js';
import { SandboxClock } from '../inventory/sandbox-clock.js';
import { SandboxModule } from '../sandbox.module.js';
import { FIXTURE_VENUES } from './fixture-venues.js';

export interface Harness {
  app: NestFastifyApplication;
  baseUrl: string;
  clock: SandboxClock;
  /** A signed request to the broker API, as a client would send it. */
  broker(
    method: string,
    pathAndQuery: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** An unsigned request (the /sandbox/* endpoints, or a deliberately bad one). */
  raw(
    method: string,
    pathAndQuery: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  close(): Promise<void>;
}

export const HARNESS_START = new Date('2026-11-26T18:00:00Z');

/** The sandbox on a free port over real HTTP, with fixture seat maps and a frozen clock. */
export async function startSandbox(
  options: { env?: Record<string, string>; venues?: readonly VenueData[]; clock?: SandboxClock } = {},
): Promise<Harness> {
  const config = loadConfig('broker-sandbox', { LOG_LEVEL: 'silent', ...options.env });
  const clock = options.clock ?? new SandboxClock(0, HARNESS_START);
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({
        service: 'broker-sandbox',
        postgres: false,
        redis: false,
        nats: false,
        config,
      }),
      SandboxModule,
    ],
  })
    .overrideProvider(SANDBOX_VENUES)
    .useValue(options.venues ?? FIXTURE_VENUES)
    .overrideProvider(SandboxClock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), {
    logger: false,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const secret = config.broker.secret.reveal();

  const raw = (method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(baseUrl + pathAndQuery, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  const broker = (
    method: string,
    pathAndQuery: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const q = pathAndQuery.indexOf('?');
    const signature = signRequest(secret, {
      method,
      host: '127.0.0.1',
      path: q < 0 ? pathAndQuery : pathAndQuery.slice(0, q),
      query: q < 0 ? '' : pathAndQuery.slice(q + 1),
      body: text,
    });
    return raw(method, pathAndQuery, text, {
      'X-Token': config.broker.token.reveal(),
      'X-Signature': signature,
      ...headers,
    });
  };

  return { app, baseUrl, clock, broker, raw, close: () => app.close() };
}

export { SANDBOX_BROKER_SECRET, SANDBOX_BROKER_TOKEN };
