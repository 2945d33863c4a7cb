import { Body, Controller, Get, Headers, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import { MetricsService, RateLimitGuard, ShutdownService } from '@hamiltix/platform';
import type { FastifyReply } from 'fastify';
import type { Counter } from 'prom-client';
import { GetOrder } from './get-order.use-case.js';
import type { HttpOutcome } from './outcome.js';
import { PlaceOrder } from './place-order.use-case.js';

/** The public order API (docs/architecture.md "Public HTTP API"): POST /api/v1/orders and GET /api/v1/orders/:id. */
@Controller('api/v1/orders')
export class OrdersController {
  private readonly outcomes: Counter<'operation' | 'status'>;

  constructor(
    @Inject(PlaceOrder) private readonly placeOrder: PlaceOrder,
    @Inject(GetOrder) private readonly getOrder: GetOrder,
    private readonly shutdown: ShutdownService,
    metrics: MetricsService,
  ) {
    this.outcomes = metrics.counter(
      'checkout_order_requests_total',
      'Order API answers by operation and status',
      ['operation', 'status'],
    );
  }

  @Post()
  @UseGuards(RateLimitGuard)
  async create(
    @Headers('idempotency-key') idempotencyKey: unknown,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    // Tracked so a SIGTERM lets a purchase finish (capture or void) before the process exits.
    const outcome = await this.shutdown.track(this.placeOrder.execute({ idempotencyKey, body }));
    return this.send('place', outcome, reply);
  }

  @Get(':id')
  async read(
    @Param('id') id: string,
    @Headers('authorization') authorization: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return this.send('get', await this.getOrder.execute({ id, authorization }), reply);
  }

  private send(operation: string, outcome: HttpOutcome, reply: FastifyReply): Record<string, unknown> {
    this.outcomes.inc({ operation, status: String(outcome.status) });
    void reply.status(outcome.status);
    void reply.header('cache-control', 'no-store');
    for (const [name, value] of Object.entries(outcome.headers ?? {})) void reply.header(name, value);
    return outcome.body;
  }
}
