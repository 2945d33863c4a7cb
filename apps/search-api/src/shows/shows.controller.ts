import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ALL_SHOWS, type ShowDto } from '@hamiltix/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { showsOnSale } from '@hamiltix/persistence';
import { DataSource } from 'typeorm';
import type { ResponseCache } from '../cache/response-cache.js';
import { parseOr400 } from '../http/query-error.js';
import { sendCached } from '../http/send-cached.js';
import { checkParams } from '../query/query-errors.js';
import { SalesWindow } from '../sales/sales-window.service.js';
import { RESPONSE_CACHE } from '../search.tokens.js';

/**
 * GET /api/v1/shows: each production on sale, once per theatre it plays (a touring
 * show in two cities is two entries with the same id), from Postgres, cached a minute.
 * "On sale": it has a performance before its sales cut-off. The answer is kept until the
 * first show-and-theatre loses its last performance on sale, never longer.
 */
@Controller('api/v1/shows')
export class ShowsController {
  constructor(
    private readonly db: DataSource,
    @Inject(RESPONSE_CACHE) private readonly cache: ResponseCache,
    private readonly sales: SalesWindow,
  ) {}

  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    parseOr400(() => checkParams(query, []));
    let entry = this.cache.get('shows');
    if (!entry) {
      const startsAfter = this.sales.startsAfter();
      const rows = await showsOnSale(this.db, startsAfter);
      const body: ShowDto[] = rows.map((r) => ({
        id: r.id,
        title: r.title,
        venue: { id: r.venue_id, name: r.venue_name },
        city: r.city,
        timeZone: r.time_zone,
      }));
      const lastStarts = rows.map((r) => new Date(r.last_start).getTime());
      const ttl = Math.min(60_000, ...lastStarts.map((t) => t - startsAfter.getTime()));
      entry = this.cache.set('shows', ALL_SHOWS, body, ttl);
    }
    sendCached(req, reply, entry);
  }
}
