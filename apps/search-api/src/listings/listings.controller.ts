import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendCached } from '../http/send-cached.js';
import { SalesWindow } from '../sales/sales-window.service.js';
import { ListingDetailService } from './listing-detail.service.js';
import { ListingsService } from './listings.service.js';

@Controller('api/v1/listings')
export class ListingsController {
  constructor(
    private readonly listings: ListingsService,
    private readonly details: ListingDetailService,
    private readonly sales: SalesWindow,
  ) {}

  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const entry = await this.listings.search(query, req.url);
    sendCached(req, reply, entry, { nowMs: this.sales.nowMs() });
  }

  @Get(':id')
  async one(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const entry = await this.details.detail(id);
    sendCached(req, reply, entry, { nowMs: this.sales.nowMs() });
  }
}
