import { DEFAULT_FEE_SCHEDULE, DEFAULT_SALES_POLICY, FixedClock, type Clock } from '@hamiltix/domain';
import type { DataSource } from 'typeorm';
import type { CheckoutBroker } from '../../src/broker/checkout-broker.js';
import {
  DEFAULT_IDEMPOTENCY_OPTIONS,
  IdempotencyStore,
  type IdempotencyOptions,
} from '../../src/idempotency/idempotency.store.js';
import { GetOrder } from '../../src/orders/get-order.use-case.js';
import { OrderSettlement } from '../../src/orders/order-settlement.service.js';
import { OrderRepository } from '../../src/orders/order.repository.js';
import { PlaceOrder } from '../../src/orders/place-order.use-case.js';
import { ReconcileOrders } from '../../src/orders/reconcile-orders.use-case.js';
import type { PaymentProvider } from '../../src/payments/payment-provider.js';
import { PaymentRepository } from '../../src/payments/payment.repository.js';
import { SandboxPaymentProvider } from '../../src/payments/sandbox-payment-provider.js';
import { OrderOutbox } from '../../src/events/order-outbox.js';
import { RecordingAlerts } from './recording-ports.js';

/** The harness's "now" unless a test brings its own clock. */
export const HARNESS_NOW = '2026-06-02T18:00:00Z';

/** The use cases wired by hand over one database, a broker and the sandbox payment provider. */
export function checkoutHarness(
  dataSource: DataSource,
  broker: CheckoutBroker,
  overrides: {
    idempotency?: Partial<IdempotencyOptions>;
    brokerPendingWaitMs?: number;
    clock?: Clock;
    /** Wraps the sandbox provider the flow uses (e.g. to hold an authorisation). */
    payments?: (sandbox: SandboxPaymentProvider) => PaymentProvider;
  } = {},
) {
  const paymentRows = new PaymentRepository(dataSource);
  const payments = new SandboxPaymentProvider(paymentRows);
  const provider = overrides.payments?.(payments) ?? payments;
  const outbox = new OrderOutbox(() => undefined);
  const alerts = new RecordingAlerts();
  const orders = new OrderRepository(dataSource);
  const idempotency = new IdempotencyStore(dataSource, {
    ...DEFAULT_IDEMPOTENCY_OPTIONS,
    ...overrides.idempotency,
  });
  const clock = overrides.clock ?? new FixedClock(HARNESS_NOW);
  const settlement = new OrderSettlement(orders, provider, outbox, alerts, clock);
  const placeOrder = new PlaceOrder(dataSource, idempotency, orders, settlement, provider, broker, {
    fees: DEFAULT_FEE_SCHEDULE,
    sales: DEFAULT_SALES_POLICY,
    clock,
    brokerPendingWaitMs: overrides.brokerPendingWaitMs ?? 300,
    brokerPollMs: 20,
    brokerClientId: 1,
  });
  const getOrder = new GetOrder(orders);
  const reconcile = new ReconcileOrders(dataSource, orders, settlement, broker, alerts, clock);
  return {
    payments,
    paymentRows,
    outbox,
    alerts,
    orders,
    idempotency,
    settlement,
    placeOrder,
    getOrder,
    reconcile,
  };
}

export const orderBody = (listingId: number | string, overrides: Record<string, unknown> = {}) => ({
  listingId: String(listingId),
  quantity: 2,
  expectedAllInPrice: 23_500, // $200 retail + 15% + $5 (DEFAULT_FEE_SCHEDULE)
  buyer: { name: 'Angelica Schuyler', email: 'angelica@example.com' },
  paymentToken: 'tok_sandbox_ok',
  ...overrides,
});
