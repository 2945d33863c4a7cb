import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ALL_SHOWS } from '@hamiltix/contracts';
import type { FixedClock } from '@hamiltix/domain';
import {
  configureApp,
  createFastifyAdapter,
  loadConfig,
  PlatformModule,
  RateLimiter,
  REDIS,
} from '@hamiltix/platform';
import { createTestDatabase, type TestDatabase } from '@hamiltix/persistence/testing';
import { startNatsServer, startRedisServer, type PrivateServer } from '@hamiltix/platform/testing';
import { Redis } from 'ioredis';
import { HttpSetup } from '../http/http-setup.service.js';
import type { RankedSnapshots } from '../ranked-index/ranked-snapshots.js';
import { SearchModule } from '../search.module.js';
import { FRONT_CACHE, RANKED_SNAPSHOTS } from '../search.tokens.js';
import { seedPostgres, writeRankedIndex, type FixtureData } from './ranked-fixture.js';

/** The stores one search app runs on; another app given them is a second replica of it. */
export interface SearchStores {
  db: TestDatabase;
  redisServer: PrivateServer;
  natsServer: PrivateServer;
}

export interface SearchApp {
  app: NestFastifyApplication;
  stores: SearchStores;
  /** Where it listens, e.g. http://127.0.0.1:41234. */
  url: string;
  redisServer: PrivateServer;
  natsUrl: string;
  /** GET with the body parsed as JSON when it is JSON. */
  get(url: string, headers?: Record<string, string>): Promise<SearchAnswer>;
  /**
   * Restarts the stopped Redis (it comes back empty), waits for the app's client, writes the
   * ranked index again, lets the pinned clock pass the pointer's TTL and loads it.
   */
  redisBack(): Promise<void>;
  close(): Promise<void>;
}

export interface SearchAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * search-api as in production (real Postgres database, private Redis and NATS, Fastify on
 * a free port) on the given clock, with `data` seeded into Postgres and ranked into Redis
 * (version v1 of the all-shows and hamilton scopes, loaded before the first request).
 * Given the `stores` of a running app (with the same data), it starts a second replica on
 * them instead; closing a replica leaves the stores to the app that made them.
 */
export async function startSearchApp(
  name: string,
  data: FixtureData,
  clock: FixedClock,
  shared?: SearchStores,
): Promise<SearchApp> {
  let db: TestDatabase | undefined = shared?.db;
  let redisServer: PrivateServer | undefined = shared?.redisServer;
  let natsServer: PrivateServer | undefined = shared?.natsServer;
  let app: NestFastifyApplication | undefined;
  const close = async () => {
    await app?.close();
    if (!shared) await Promise.all([db?.drop(), redisServer?.dispose(), natsServer?.dispose()]);
  };
  try {
    if (!db || !redisServer || !natsServer) {
      [db, redisServer, natsServer] = await Promise.all([
        createTestDatabase(name),
        startRedisServer(),
        startNatsServer(),
      ]);
      await seedPostgres(db.dataSource, data);
    }
    const redisUrl = redisServer.url;
    const writeIndex = async () => {
      const writer = new Redis(redisUrl);
      const docs = data.listings.map((l) => l.doc);
      await writeRankedIndex(writer, ALL_SHOWS, 'v1', docs, { builtAt: data.at });
      await writeRankedIndex(writer, 'hamilton', 'v1', docs, { builtAt: data.at });
      writer.disconnect();
    };
    if (!shared) await writeIndex();
    const config = loadConfig('search-api', {
      DATABASE_URL: db.url,
      REDIS_URL: redisServer.url,
      NATS_URL: natsServer.url,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot({
          service: 'search-api',
          postgres: true,
          redis: true,
          nats: true,
          config,
          clock,
        }),
        SearchModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
    HttpSetup.install(app.getHttpAdapter().getInstance(), config, {
      limiter: app.get(RateLimiter),
      front: app.get(FRONT_CACHE),
      clock,
    });
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    const base = await app.getUrl();
    const live = app;
    const redisReady = async () => {
      for (let i = 0; i < 100 && live.get<Redis>(REDIS).status !== 'ready'; i++)
        await new Promise((r) => setTimeout(r, 50));
    };
    const load = async () => {
      await live.get<RankedSnapshots>(RANKED_SNAPSHOTS).ready(ALL_SHOWS);
      await live.get<RankedSnapshots>(RANKED_SNAPSHOTS).ready('hamilton');
    };
    await redisReady();
    await load();
    const server = redisServer;
    return {
      app,
      stores: { db, redisServer, natsServer },
      url: base,
      redisServer,
      natsUrl: natsServer.url,
      close,
      redisBack: async () => {
        await server.start();
        await redisReady();
        await writeIndex();
        clock.advance(1100);
        await load();
      },
      get: async (url, headers = {}) => {
        const res = await fetch(base + url, { headers });
        const text = await res.text();
        return { status: res.status, headers: Object.fromEntries(res.headers), body: parse(text) };
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
