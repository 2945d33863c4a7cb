import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

class BadJsonError extends Error {
  readonly statusCode = 400;
}

/**
 * Keeps the exact bytes of JSON bodies on `request.rawBody`: a POST is signed over the
 * body as sent, and re-serialising the parsed object would not always give those bytes.
 * Replaces the JSON parser Nest registered (this runs after it, before listening).
 */
@Injectable()
export class RawBodyHook implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || typeof fastify.addContentTypeParser !== 'function') return;
    if (fastify.hasContentTypeParser('application/json')) fastify.removeContentTypeParser('application/json');
    fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      (request as { rawBody?: string }).rawBody = text;
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch {
        done(new BadJsonError('the request body is not valid JSON'), undefined);
      }
    });
  }
}
