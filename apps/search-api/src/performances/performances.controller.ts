import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendCached } from '../http/send-cached.js';
import { SalesWindow } from '../sales/sales-window.service.js';
import { PerformancesService } from './performances.service.js';

@Controller('api/v1/performances')
export class PerformancesController {
  constructor(
    private readonly performances: PerformancesService,
    private readonly sales: SalesWindow,
  ) {}

  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const entry = await this.performances.list(query);
    sendCached(req, reply, entry, { nowMs: this.sales.nowMs() });
  }
}
