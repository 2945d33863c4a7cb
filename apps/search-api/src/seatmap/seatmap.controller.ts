import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { BadRequestError, NotFoundError } from '@hamiltix/platform';
import { seatMap } from '@hamiltix/venues';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedResponse } from '../cache/response-cache.js';
import { etagOf } from '../http/etag.js';
import { sendCached } from '../http/send-cached.js';

/** GET /api/v1/venues/:id/seatmap: theatre geometry and view notes (static data of libs/venues). */
@Controller('api/v1/venues')
export class SeatMapController {
  private readonly bodies = new Map<string, Pick<CachedResponse, 'body' | 'etag' | 'encoded'>>();

  @Get(':id/seatmap')
  seatmap(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    if (!/^[a-z0-9-]{1,64}$/.test(id))
      throw new BadRequestError('id: expected a venue id such as "richard-rodgers"');
    let entry = this.bodies.get(id);
    if (!entry) {
      const map = seatMap(id);
      if (!map) throw new NotFoundError(`no seat map for venue "${id}"`);
      const body = JSON.stringify(map);
      entry = { body, etag: etagOf(body) };
      this.bodies.set(id, entry);
    }
    // The map changes only with a deploy: an hour is safe, the ETag revalidates after.
    sendCached(req, reply, entry, { cacheControl: 'public, max-age=3600' });
  }
}
