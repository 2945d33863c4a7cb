import { Logger } from '@nestjs/common';
import type { BrokerOrder } from '@hamiltix/broker-client';
import type { Clock } from '@hamiltix/domain';
import { sendAlert, type AlertsPort } from '../events/order-events.port.js';
import { acquireAdvisoryLock } from '@hamiltix/persistence';
import type { DataSource } from 'typeorm';
import { orderOutcome, type CheckoutBroker } from '../broker/checkout-broker.js';
import type { OrderSettlement } from './order-settlement.service.js';
import type { OrderRecord, OrderRepository } from './order.repository.js';

export interface ReconcileCommand {
  /** Only orders untouched for this long: the live flow finishes well within it. */
  olderThanMs: number;
  limit: number;
}

export interface ReconcileSummary {
  examined: number;
  confirmed: number;
  failed: number;
  /** Still open (broker still deciding, broker or provider unreachable): next round. */
  open: number;
  /** Another replica held the lock: this round did nothing. */
  skipped: boolean;
}

/**
 * How long a card authorisation holds (Stripe cancels an uncaptured PaymentIntent after 7
 * days): an order still open that long can no longer be paid for.
 */
export const AUTHORISATION_LIFETIME_MS = 7 * 24 * 3_600_000;

/** Any stable 64-bit number: the advisory lock that lets one replica reconcile at a time. */
export const RECONCILER_LOCK = 0x6368_6b6f_7574; // "chkout"

/**
 * Settles orders left in created / authorised / broker_pending (a crash between steps,
 * an unknown broker answer, a failed capture or void): asks the broker about the order
 * (by our reference), then confirms and captures, or voids and fails it.
 */
export class ReconcileOrders {
  private readonly logger = new Logger(ReconcileOrders.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrderRepository,
    private readonly settlement: OrderSettlement,
    private readonly broker: CheckoutBroker,
    private readonly alerts: AlertsPort,
    private readonly clock: Clock,
  ) {}

  async execute(command: ReconcileCommand): Promise<ReconcileSummary> {
    const summary: ReconcileSummary = { examined: 0, confirmed: 0, failed: 0, open: 0, skipped: false };
    // One replica at a time: a session advisory lock, tried once.
    const lock = await acquireAdvisoryLock(this.dataSource, RECONCILER_LOCK, { waitMs: 0 });
    if (!lock) return { ...summary, skipped: true };
    try {
      for (const order of await this.orders.findStuck(command.olderThanMs, command.limit)) {
        summary.examined++;
        const result = await this.reconcile(order);
        summary[result]++;
      }
    } finally {
      await lock.release();
    }
    if (summary.examined)
      this.logger.log(`reconciled ${summary.examined} order(s): ${JSON.stringify(summary)}`);
    return summary;
  }

  private async reconcile(order: OrderRecord): Promise<'confirmed' | 'failed' | 'open'> {
    if (order.status === 'created') {
      // Died before the authorisation was recorded: it may exist at the provider; void it.
      const done = await this.settlement.fail(order, 'interrupted before payment was confirmed', {
        paymentStatus: 'voided',
        voidPayment: true,
      });
      return done ? 'failed' : 'open';
    }
    // authorised or broker_pending: only the broker knows whether it ordered.
    const expired = this.clock.now().getTime() - order.createdAt.getTime() >= AUTHORISATION_LIFETIME_MS;
    let brokerOrder: BrokerOrder | undefined;
    try {
      brokerOrder = await this.broker.findOrder({
        reference: order.brokerReference,
        brokerOrderId: order.brokerOrderId,
      });
    } catch (error) {
      this.logger.warn(`broker lookup for order ${order.id} failed, next round: ${(error as Error).message}`);
      return expired ? this.expire(order, undefined) : 'open';
    }
    if (!brokerOrder) {
      const done = await this.settlement.fail(order, 'the broker has no order for it', {
        paymentStatus: 'voided',
        voidPayment: true,
      });
      return done ? 'failed' : 'open';
    }
    switch (orderOutcome(brokerOrder)) {
      case 'accepted':
        if (await this.settlement.confirm(order, String(brokerOrder.id))) return 'confirmed';
        return expired ? this.expire(order, brokerOrder) : 'open';
      case 'rejected': {
        const reason = `broker rejected the order${brokerOrder.reason ? `: ${brokerOrder.reason}` : ''}`;
        return (await this.settlement.fail(order, reason, { paymentStatus: 'voided', voidPayment: true }))
          ? 'failed'
          : 'open';
      }
      default:
        if (expired) return this.expire(order, brokerOrder);
        await this.orders.setBrokerOrderId(order.id, String(brokerOrder.id));
        return 'open';
    }
  }

  /**
   * The authorisation has run out (7 days) with the order still open: it can no longer be
   * paid for. Fail it (releasing whatever is left of the authorisation) and alert ops, who
   * must cancel the broker order if there is one.
   */
  private async expire(order: OrderRecord, brokerOrder: BrokerOrder | undefined): Promise<'failed' | 'open'> {
    const done = await this.settlement.fail(
      order,
      'payment authorisation expired (7 days) before the broker confirmed',
      {
        paymentStatus: 'voided',
        voidPayment: true,
      },
    );
    if (!done) return 'open';
    const brokerRef = brokerOrder
      ? `${brokerOrder.id} (${String(brokerOrder.state)})`
      : `reference ${order.brokerReference}`;
    await sendAlert(
      this.alerts,
      this.logger,
      {
        kind: 'error',
        title: `Order ${order.id} failed: its payment authorisation expired`,
        message: `Order ${order.id} stayed ${order.status} for 7 days, so its card authorisation expired and it was failed; nothing was charged. Cancel broker order ${brokerRef} at the broker if it exists.`,
        dedupeKey: `authorisation-expired:${order.id}`,
      },
      order.id,
    );
    return 'failed';
  }
}
