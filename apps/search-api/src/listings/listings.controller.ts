import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendCached } from '../http/send-cached.js';
import { ListingDetailService } from './listing-detail.service.js';
import { ListingsService } from './listings.service.js';

@Controller('api/v1/listings')
export class ListingsController {
  constructor(
    private readonly listings: ListingsService,
    private readonly details: ListingDetailService,
  ) {}

  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendCached(req, reply, await this.listings.search(query, req.url));
  }

  @Get(':id')
  async one(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendCached(req, reply, await this.details.detail(id));
  }
}
