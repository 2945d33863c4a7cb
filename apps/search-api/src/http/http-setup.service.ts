import { Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import cors from '@fastify/cors';
import type { Clock } from '@hamiltix/domain';
import { APP_CONFIG, CLOCK, installRateLimitHook, RateLimiter, type AppConfig } from '@hamiltix/platform';
import type { FastifyInstance } from 'fastify';
import type { FrontCache } from '../cache/front-cache.js';
import { FRONT_CACHE } from '../search.tokens.js';
import { sendCached } from './send-cached.js';
import { staticHelmet } from './static-helmet.js';

/** Largest query string accepted, characters (request bodies are capped by the platform). */
export const MAX_URL_LENGTH = 2048;

/**
 * Security and manners on the Fastify instance: helmet headers, CORS for the site's
 * origin only, a URL length cap and the per-client rate limit. Registered while the app is
 * being created, before Nest adds its routes, so they apply to all. Compression is not a
 * hook: every answer goes out through sendCached, which compresses each answer once and
 * keeps the copy with it (@fastify/compress compressed every response again, and only on
 * routes added after it loaded, which with Nest was none).
 */
@Injectable()
export class HttpSetup {
  private readonly logger = new Logger(HttpSetup.name);

  constructor(
    host: HttpAdapterHost,
    @Inject(APP_CONFIG) config: AppConfig,
    limiter: RateLimiter,
    @Inject(FRONT_CACHE) front: FrontCache,
    @Inject(CLOCK) clock: Clock,
  ) {
    const fastify = host.httpAdapter?.getInstance<FastifyInstance>();
    // Under the Nest testing module the adapter comes later: tests call install() themselves.
    if (fastify) HttpSetup.install(fastify, config, { limiter, front, clock, logger: this.logger });
  }

  static install(
    fastify: FastifyInstance,
    config: AppConfig,
    {
      limiter,
      front,
      clock,
      logger = new Logger(HttpSetup.name),
    }: { limiter: RateLimiter; front?: FrontCache; clock: Clock; logger?: Logger },
  ): void {
    // @fastify/helmet's headers (HELMET_OPTIONS), computed once by the plugin (static-helmet.ts).
    void fastify.register(staticHelmet);
    void fastify.register(cors, {
      origin: [config.siteOrigin],
      methods: ['GET', 'HEAD', 'OPTIONS'],
      maxAge: 600,
    });
    // Callback-style hooks (no promise per request) on the hot path.
    fastify.addHook('onRequest', (request, reply, done) => {
      if (request.url.length <= MAX_URL_LENGTH) return done();
      void reply.status(414).send({
        statusCode: 414,
        error: 'URI Too Long',
        message: `the URL may be at most ${MAX_URL_LENGTH} characters`,
      });
    });
    // The platform's limiter, before the fast path below: cached answers are limited too.
    if (limiter.enabled) logger.log(`rate limit: ${limiter.perMinute} requests per minute per client`);
    installRateLimitHook(fastify, limiter, (request) => request.url.startsWith('/api/'));
    if (front) {
      // The fast path, as a preHandler: every onRequest hook (helmet, CORS, the URL cap, the
      // rate limit, the platform's correlation id) has run, whatever the order they were added
      // in; a listings URL answered before from the live version is sent from memory without
      // Nest's handler (same bytes, ETag, Cache-Control, 304; onSend/onResponse hooks still run).
      fastify.addHook('preHandler', (request, reply, done) => {
        if (request.method !== 'GET' || !request.url.startsWith(LISTINGS_PREFIX)) return done();
        const found = front.find(request.url);
        // Replying without calling done() ends the request here (Fastify's callback-hook contract).
        if (found === undefined) return done();
        if (typeof found !== 'string')
          return sendCached(request, reply, found, { nowMs: clock.now().getTime() });
        // The scope's pointer is past its TTL: re-read it (one Redis read for all waiting), then judge.
        // Redis failing sends the request down the normal route, which answers it degraded.
        front
          .recheck(request.url, found)
          .then(
            (entry) => (entry ? sendCached(request, reply, entry, { nowMs: clock.now().getTime() }) : done()),
            () => done(),
          )
          // What Fastify does with a hook that throws: the error handler answers.
          .catch((error: unknown) => done(error as Error));
      });
    }
  }
}

const LISTINGS_PREFIX = '/api/v1/listings?';
