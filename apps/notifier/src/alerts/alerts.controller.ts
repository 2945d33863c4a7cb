import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AlertRateLimiter, clientOf } from './alert-rate-limiter.js';
import { CreateAlert } from './create-alert.use-case.js';
import { ManageAlert } from './manage-alert.use-case.js';

/**
 * The alert API (docs/architecture.md "Public HTTP API"), behind the ingress at /api/v1/alerts.
 * Answers are never cached; every request counts against the client's limit.
 */
@Controller('api/v1/alerts')
export class AlertsController {
  constructor(
    private readonly createAlert: CreateAlert,
    private readonly manage: ManageAlert,
    private readonly limiter: AlertRateLimiter,
  ) {}

  @Post()
  @HttpCode(201)
  async create(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.limit(request, reply, true);
    return this.createAlert.execute(body);
  }

  @Get(':id')
  async read(
    @Param('id') id: string,
    @Headers('authorization') authorization: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.limit(request, reply);
    return this.manage.get(id, authorization);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(
    @Param('id') id: string,
    @Headers('authorization') authorization: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.limit(request, reply);
    await this.manage.delete(id, authorization);
  }

  /** The confirmation link's page posts `{ token }` here (a GET would let mail scanners confirm). */
  @Post(':id/confirm')
  @HttpCode(200)
  async confirm(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.limit(request, reply);
    return this.manage.confirm(id, field(body, 'token'));
  }

  /**
   * RFC 8058 one-click unsubscribe: mail providers POST `List-Unsubscribe=One-Click`
   * (form-encoded) to the List-Unsubscribe URL, token in its query; the website's page
   * posts JSON `{ token }`.
   */
  @Post(':id/unsubscribe')
  @HttpCode(200)
  async unsubscribe(
    @Param('id') id: string,
    @Query('token') queryToken: unknown,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.limit(request, reply);
    return this.manage.unsubscribe(id, queryToken ?? field(body, 'token'));
  }

  private async limit(request: FastifyRequest, reply: FastifyReply, signup = false): Promise<void> {
    void reply.header('cache-control', 'no-store');
    const { limits } = this.limiter;
    const client = clientOf(request);
    await this.limiter.hit(
      `${signup ? 'signup' : 'request'}:${client}`,
      signup ? limits.signupsPerClientPerMinute : limits.requestsPerClientPerMinute,
      60,
      'Too many alert requests from your address.',
    );
  }
}

function field(body: unknown, name: string): unknown {
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)[name]
    : undefined;
}
