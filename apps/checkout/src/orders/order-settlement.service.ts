import type { Clock } from '@hamiltix/domain';
import { Logger } from '@nestjs/common';
import { SUBJECTS, type OrderEventV1 } from '@hamiltix/contracts';
import { formatCents } from '@hamiltix/domain';
import type { PaymentStatus } from '@hamiltix/persistence';
import {
  sendAlert,
  type AlertsPort,
  type OutboxMessage,
  type OutboxPort,
} from '../events/order-events.port.js';
import type { PaymentProvider } from '../payments/payment-provider.js';
import type { NewOrder, OrderRecord, OrderRepository, StoredKeyAnswer } from './order.repository.js';

/**
 * The two ways an order ends, shared by the purchase flow and the reconciler. Money moves
 * first (capture / void, idempotent at the provider), then one statement moves the order
 * (compare-and-set), the payment row, the hold and the outbox event together.
 * A provider failure leaves the order open: the reconciler repeats the step later.
 */
export class OrderSettlement {
  private readonly logger = new Logger(OrderSettlement.name);

  constructor(
    private readonly orders: OrderRepository,
    private readonly payments: PaymentProvider,
    private readonly outbox: OutboxPort,
    private readonly alerts: AlertsPort,
    private readonly clock: Clock,
  ) {}

  /**
   * The broker accepted: charge the buyer and confirm. False when the capture failed (retried
   * later) or the order was no longer open. `answer` (the purchase flow's 201) is stored for its
   * idempotency key in the confirming statement.
   */
  async confirm(
    order: OrderRecord,
    brokerOrderId: string | null,
    answer?: StoredKeyAnswer,
  ): Promise<boolean> {
    try {
      await this.payments.capture({ reference: order.id, amountCents: order.totalCents });
    } catch (error) {
      const current = await this.orders.findById(order.id);
      if (current?.status === 'failed') {
        // Someone else (the reconciler, an expired authorisation) ended the order and released
        // the payment before the broker's yes arrived: never charge a failed order.
        await this.brokerOrderForFailedOrder(current, brokerOrderId);
        return false;
      }
      this.logger.warn(
        `capture failed for order ${order.id}, the reconciler will retry: ${(error as Error).message}`,
      );
      if (brokerOrderId) await this.orders.setBrokerOrderId(order.id, brokerOrderId);
      return false;
    }
    const event = this.outbox.message(
      SUBJECTS.orderEvent('confirmed'),
      this.event(order, 'confirmed', order.totalCents),
    );
    const moved = await this.orders.markConfirmed(order.id, brokerOrderId, event, answer);
    if (moved) {
      // The "cashregister" push: no buyer data in it, only what ops need.
      await sendAlert(
        this.alerts,
        this.logger,
        {
          kind: 'purchase',
          title: `Sold ${order.quantity} ticket${order.quantity === 1 ? '' : 's'} for ${formatCents(order.totalCents)}`,
          message: `Order ${order.id}: listing ${order.listingId}, performance ${order.performanceId}, ${order.quantity} × ${formatCents(order.unitAllInCents)} all-in.`,
          dedupeKey: `purchase:${order.id}`,
        },
        order.id,
      );
    }
    return moved;
  }

  /**
   * The order will not happen: release any authorisation, give the seats back, record why.
   * False when the void failed (retried later) or someone else already ended the order.
   */
  async fail(
    order: OrderRecord,
    reason: string,
    options: { paymentStatus: PaymentStatus; voidPayment: boolean },
  ): Promise<boolean> {
    if (options.voidPayment) {
      try {
        await this.payments.void({ reference: order.id });
      } catch (error) {
        this.logger.warn(
          `void failed for order ${order.id}, the reconciler will retry: ${(error as Error).message}`,
        );
        return false;
      }
    }
    const event = this.outbox.message(SUBJECTS.orderEvent('failed'), this.event(order, 'failed', 0, reason));
    return this.orders.markFailed(order, reason, options.paymentStatus, event);
  }

  /**
   * The broker accepted an order we had already failed (its payment released): the buyer pays
   * nothing, so the broker order must be cancelled at the broker (it offers no cancel call) —
   * flagged on the order and pushed to ops.
   */
  async brokerOrderForFailedOrder(order: OrderRecord, brokerOrderId: string | null): Promise<void> {
    const brokerRef = brokerOrderId ?? `reference ${order.brokerReference}`;
    await this.orders.flagBrokerOrderToCancel(order.id, brokerOrderId);
    this.logger.error(
      `broker order ${brokerRef} accepted for failed order ${order.id}: cancel it at the broker`,
    );
    await sendAlert(
      this.alerts,
      this.logger,
      {
        kind: 'error',
        title: `Cancel broker order ${brokerRef}: its Hamiltix order failed`,
        message: `Order ${order.id} failed (${order.failureReason ?? 'no reason'}) and its payment was released, but the broker accepted order ${brokerRef} afterwards. Nothing was charged: cancel the broker order (or have the tickets refunded).`,
        dedupeKey: `broker-orphan:${order.id}`,
      },
      order.id,
    );
  }

  /** The `held` event of a new order, inserted by the statement that holds its seats (OrderRepository.createHeld). */
  heldEvent(order: NewOrder): OutboxMessage {
    return this.outbox.message(SUBJECTS.orderEvent('held'), this.event(order, 'held', 0));
  }

  private event(
    order: Pick<OrderRecord, 'id' | 'listingId' | 'performanceId' | 'quantity'>,
    status: OrderEventV1['status'],
    totalCents: number,
    reason?: string,
  ): OrderEventV1 {
    return {
      orderId: order.id,
      status,
      listingId: order.listingId,
      performanceId: order.performanceId,
      quantity: order.quantity,
      totalCents,
      ...(reason ? { reason: reason.slice(0, 500) } : {}),
      at: this.clock.now().toISOString(),
    };
  }
}
