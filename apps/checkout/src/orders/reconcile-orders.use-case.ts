import { Logger } from '@nestjs/common';
import type { BrokerOrder } from '@hamiltix/broker-client';
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
  ) {}

  async execute(command: ReconcileCommand): Promise<ReconcileSummary> {
    const summary: ReconcileSummary = { examined: 0, confirmed: 0, failed: 0, open: 0, skipped: false };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [
        RECONCILER_LOCK,
      ])) as { locked: boolean }[];
      if (!locked) return { ...summary, skipped: true };
      try {
        for (const order of await this.orders.findStuck(command.olderThanMs, command.limit)) {
          summary.examined++;
          const result = await this.reconcile(order);
          summary[result]++;
        }
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [RECONCILER_LOCK]);
      }
    } finally {
      await runner.release();
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
    let brokerOrder: BrokerOrder | undefined;
    try {
      brokerOrder = await this.broker.findOrder({
        reference: order.brokerReference,
        brokerOrderId: order.brokerOrderId,
      });
    } catch (error) {
      this.logger.warn(`broker lookup for order ${order.id} failed, next round: ${(error as Error).message}`);
      return 'open';
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
        return (await this.settlement.confirm(order, String(brokerOrder.id))) ? 'confirmed' : 'open';
      case 'rejected': {
        const reason = `broker rejected the order${brokerOrder.reason ? `: ${brokerOrder.reason}` : ''}`;
        return (await this.settlement.fail(order, reason, { paymentStatus: 'voided', voidPayment: true }))
          ? 'failed'
          : 'open';
      }
      default:
        await this.orders.setBrokerOrderId(order.id, String(brokerOrder.id));
        return 'open';
    }
  }
}
