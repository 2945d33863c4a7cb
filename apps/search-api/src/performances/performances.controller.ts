import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendCached } from '../http/send-cached.js';
import { PerformancesService } from './performances.service.js';

@Controller('api/v1/performances')
export class PerformancesController {
  constructor(private readonly performances: PerformancesService) {}

  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendCached(req, reply, await this.performances.list(query));
  }
}
