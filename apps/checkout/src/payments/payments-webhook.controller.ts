import { Controller, Headers, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HandleStripeEvent } from './handle-stripe-event.use-case.js';
import { rawBodyOf } from './raw-body.js';

/** The route whose raw body is kept (see raw-body.ts): Stripe signs the exact bytes. */
export const PAYMENTS_WEBHOOK_PATH = '/api/v1/payments/webhook';

/** `POST /api/v1/payments/webhook` — the payment provider's signed webhook (docs/architecture.md). */
@Controller('api/v1/payments')
export class PaymentsWebhookController {
  constructor(@Inject(HandleStripeEvent) private readonly handle: HandleStripeEvent) {}

  @Post('webhook')
  @HttpCode(200)
  async receive(
    @Req() request: FastifyRequest,
    @Headers('stripe-signature') signature: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const outcome = await this.handle.execute({ rawBody: rawBodyOf(request), signature });
    void reply.status(outcome.status);
    void reply.header('cache-control', 'no-store');
    return outcome.body;
  }
}
