import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedResponse } from '../cache/response-cache.js';
import { etagOf } from './etag.js';
import { DOCS_HTML, openApiDocument } from './openapi.js';
import { sendCached } from './send-cached.js';

type Page = Pick<CachedResponse, 'body' | 'etag' | 'encoded'>;
const page = (body: string): Page => ({ body, etag: etagOf(body) });

@Controller('api/v1')
export class DocsController {
  private readonly document = page(JSON.stringify(openApiDocument()));
  private readonly html = page(DOCS_HTML);

  @Get('openapi.json')
  openapi(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    sendCached(req, reply, this.document, { cacheControl: 'public, max-age=300' });
  }

  @Get('docs')
  docs(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    sendCached(req, reply, this.html, {
      cacheControl: 'public, max-age=300',
      contentType: 'text/html; charset=utf-8',
    });
  }
}
