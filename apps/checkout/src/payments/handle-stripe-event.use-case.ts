import { Logger } from '@nestjs/common';
import type { Clock } from '@hamiltix/domain';
import { markProcessed, wasProcessed } from '@hamiltix/persistence';
import Stripe from 'stripe';
import type { DataSource } from 'typeorm';
import { sendAlert, type AlertsPort } from '../events/order-events.port.js';
import type { OrderSettlement } from '../orders/order-settlement.service.js';
import { OPEN_STATUSES, type OrderRepository } from '../orders/order.repository.js';
import { problem, type HttpOutcome } from '../orders/outcome.js';
import type { PaymentRepository } from './payment.repository.js';

export interface StripeEventCommand {
  rawBody: Buffer | undefined;
  signature: unknown;
}

/** `processed_messages.consumer` of Stripe's webhook deliveries. NEVER RENAME (deliveries would count as new). */
export const STRIPE_WEBHOOK_CONSUMER = 'checkout:stripe-webhook';

/** How old a signed delivery may be, seconds (Stripe's library default). */
const SIGNATURE_TOLERANCE_S = 300;

/**
 * POST /api/v1/payments/webhook: Stripe tells us what happened to a PaymentIntent. The
 * signature (`Stripe-Signature`, the library's `constructEvent` over the raw body) is checked
 * first; a forged or stale delivery is refused with 400. Each event is handled once
 * (`processed_messages`), and every effect is a compare-and-set besides, so a redelivery or
 * two replicas receiving the same event change nothing twice.
 *
 * - `payment_intent.canceled`: the authorisation is gone (expired after 7 days, cancelled in
 *   the dashboard, or by us): an order still open fails, and if it had reached the broker ops
 *   are alerted (tickets may be bought without money).
 * - `payment_intent.payment_failed`, `payment_intent.amount_capturable_updated`: the state is
 *   recorded on the payment; the purchase flow and the reconciler act on it.
 */
export class HandleStripeEvent {
  private readonly logger = new Logger(HandleStripeEvent.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly webhookSecret: string | undefined,
    private readonly payments: PaymentRepository,
    private readonly orders: OrderRepository,
    private readonly settlement: OrderSettlement,
    private readonly alerts: AlertsPort,
    private readonly clock: Clock,
  ) {}

  async execute(command: StripeEventCommand): Promise<HttpOutcome> {
    if (!this.webhookSecret)
      return problem(404, 'This service takes no payment webhooks (PAYMENT_PROVIDER is not stripe).');
    if (!command.rawBody?.length || typeof command.signature !== 'string')
      return problem(400, 'A Stripe webhook needs a JSON body and a Stripe-Signature header.');
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(
        command.rawBody,
        command.signature,
        this.webhookSecret,
        SIGNATURE_TOLERANCE_S,
        undefined,
        this.clock.now().getTime(), // ms, despite the library's docs
      );
    } catch (error) {
      this.logger.warn(`refused a webhook delivery: ${(error as Error).message.split('\n')[0]}`);
      return problem(400, 'The webhook signature does not match this endpoint: refused.');
    }
    if (await this.seen(event.id)) return { status: 200, body: { received: true, duplicate: true } };
    switch (event.type) {
      case 'payment_intent.canceled':
        await this.cancelled(event.data.object);
        break;
      case 'payment_intent.payment_failed':
      case 'payment_intent.amount_capturable_updated':
        await this.record(event.data.object);
        break;
      default:
        this.logger.debug(`ignored Stripe event ${event.type}`);
    }
    await markProcessed(this.dataSource, STRIPE_WEBHOOK_CONSUMER, event.id);
    return { status: 200, body: { received: true } };
  }

  private seen(eventId: string): Promise<boolean> {
    return wasProcessed(this.dataSource, STRIPE_WEBHOOK_CONSUMER, eventId);
  }

  /** Records the intent's state on its payment; undefined when the intent is not one of ours. */
  private async record(intent: Stripe.PaymentIntent) {
    const payment = await this.payments.findByProviderReference(intent.id);
    if (!payment) {
      this.logger.warn(`Stripe event for unknown PaymentIntent ${intent.id}: ignored`);
      return undefined;
    }
    await this.payments.recordProviderState(payment.orderId, intent.id, intent.status);
    return payment;
  }

  private async cancelled(intent: Stripe.PaymentIntent): Promise<void> {
    const payment = await this.record(intent);
    const order = payment && (await this.orders.findById(payment.orderId));
    if (!order || !OPEN_STATUSES.includes(order.status)) return;
    const reason = `payment authorisation cancelled at Stripe (${intent.cancellation_reason ?? 'no reason given'})`;
    const moved = await this.settlement.fail(order, reason, { paymentStatus: 'voided', voidPayment: false });
    if (moved && order.status !== 'created') {
      await sendAlert(
        this.alerts,
        this.logger,
        {
          kind: 'warning',
          title: `Order ${order.id} failed: its payment authorisation was cancelled`,
          message: `Stripe cancelled PaymentIntent ${intent.id} (${intent.cancellation_reason ?? 'no reason'}) while the order was ${order.status}. If the broker accepted order ${order.brokerOrderId ?? `reference ${order.brokerReference}`}, cancel it there: nothing was charged.`,
          dedupeKey: `payment-cancelled:${order.id}`,
        },
        order.id,
      );
    }
  }
}
