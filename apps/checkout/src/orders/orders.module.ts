import { Module, type Provider } from '@nestjs/common';
import { BrokerClient, keepAliveTransport } from '@hamiltix/broker-client';
import { allInPrice, type Clock } from '@hamiltix/domain';
import { AlertService, APP_CONFIG, CLOCK, MetricsService, type AppConfig } from '@hamiltix/platform';
import { DataSource } from 'typeorm';
import { BrokerClientAdapter } from '../broker/broker-client.adapter.js';
import { CHECKOUT_BROKER, CHECKOUT_BROKER_RETRY, type CheckoutBroker } from '../broker/checkout-broker.js';
import {
  CHECKOUT_ALERTS,
  CHECKOUT_OUTBOX,
  type AlertsPort,
  type OutboxPort,
} from '../events/order-events.port.js';
import { OrderOutbox } from '../events/order-outbox.js';
import { DEFAULT_IDEMPOTENCY_OPTIONS, IdempotencyStore } from '../idempotency/idempotency.store.js';
import { InstrumentedPaymentProvider } from '../payments/instrumented-payment-provider.js';
import { PAYMENT_PROVIDER, type PaymentProvider } from '../payments/payment-provider.js';
import { HandleStripeEvent } from '../payments/handle-stripe-event.use-case.js';
import { PaymentRepository } from '../payments/payment.repository.js';
import { PaymentsWebhookController } from '../payments/payments-webhook.controller.js';
import { RawBodyInstaller } from '../payments/raw-body.installer.js';
import { SandboxPaymentProvider } from '../payments/sandbox-payment-provider.js';
import { createStripeClient, StripePaymentProvider } from '../payments/stripe-payment-provider.js';
import { GetOrder } from './get-order.use-case.js';
import { OrderSettlement } from './order-settlement.service.js';
import { OrderRepository } from './order.repository.js';
import { OrdersController } from './orders.controller.js';
import { DEFAULT_PLACE_ORDER_OPTIONS, PlaceOrder } from './place-order.use-case.js';
import { ReconcileOrders } from './reconcile-orders.use-case.js';
import { ReconcilerScheduler } from './reconciler.scheduler.js';

/**
 * Wires checkout. The broker, the payment provider, the outbox and the alerts sit behind
 * tokens so tests substitute them (`overrideProvider(CHECKOUT_BROKER)`...).
 */
const providers: Provider[] = [
  {
    provide: CHECKOUT_BROKER,
    inject: [APP_CONFIG, MetricsService],
    useFactory: (config: AppConfig, metrics: MetricsService): CheckoutBroker => {
      const requests = metrics.histogram(
        'checkout_broker_request_seconds',
        'Broker calls from checkout',
        ['resource', 'outcome'],
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      );
      // One pool of keep-alive sockets for every broker call (see broker-client's keep-alive-transport.ts for why).
      const transport = keepAliveTransport();
      const client = new BrokerClient({
        baseUrl: config.broker.baseUrl,
        token: config.broker.token.reveal(),
        secret: config.broker.secret.reveal(),
        timeoutMs: config.broker.timeoutMs,
        fetch: transport.fetch,
        retry: CHECKOUT_BROKER_RETRY,
        hooks: {
          onRequest: (i) =>
            requests.observe({ resource: i.resource, outcome: String(i.outcome) }, i.durationMs / 1000),
        },
      });
      return new BrokerClientAdapter(client, () => {
        client.close();
        transport.close();
      });
    },
  },
  {
    provide: PAYMENT_PROVIDER,
    inject: [APP_CONFIG, PaymentRepository, MetricsService],
    useFactory: (
      config: AppConfig,
      payments: PaymentRepository,
      metrics: MetricsService,
    ): PaymentProvider => {
      const errors = metrics.counter(
        'checkout_payment_provider_errors_total',
        'Payment provider calls that failed (outage, timeout, bad answer), by operation',
        ['operation'],
      );
      const stripe = config.payments.stripe;
      if (config.payments.provider === 'sandbox')
        return new InstrumentedPaymentProvider(new SandboxPaymentProvider(payments), errors);
      // Config requires the keys with PAYMENT_PROVIDER=stripe; this only guards the wiring.
      if (!stripe) throw new Error('PAYMENT_PROVIDER=stripe without the STRIPE_* keys');
      const client = createStripeClient({ secretKey: stripe.secretKey.reveal(), apiUrl: stripe.apiUrl });
      return new InstrumentedPaymentProvider(new StripePaymentProvider(client, payments), errors);
    },
  },
  {
    provide: PaymentRepository,
    inject: [DataSource],
    useFactory: (ds: DataSource) => new PaymentRepository(ds),
  },
  // Order events go to the platform's outbox table inside the order's own statement.
  { provide: CHECKOUT_OUTBOX, useValue: new OrderOutbox() },
  { provide: CHECKOUT_ALERTS, useExisting: AlertService },
  { provide: OrderRepository, inject: [DataSource], useFactory: (ds: DataSource) => new OrderRepository(ds) },
  {
    provide: IdempotencyStore,
    inject: [DataSource],
    useFactory: (ds: DataSource) => new IdempotencyStore(ds, DEFAULT_IDEMPOTENCY_OPTIONS),
  },
  {
    provide: OrderSettlement,
    inject: [OrderRepository, PAYMENT_PROVIDER, CHECKOUT_OUTBOX, CHECKOUT_ALERTS, CLOCK],
    useFactory: (
      orders: OrderRepository,
      payments: PaymentProvider,
      outbox: OutboxPort,
      alerts: AlertsPort,
      clock: Clock,
    ) => new OrderSettlement(orders, payments, outbox, alerts, clock),
  },
  {
    provide: PlaceOrder,
    inject: [
      DataSource,
      IdempotencyStore,
      OrderRepository,
      OrderSettlement,
      PAYMENT_PROVIDER,
      CHECKOUT_BROKER,
      APP_CONFIG,
      CLOCK,
    ],
    useFactory: (
      ds: DataSource,
      idempotency: IdempotencyStore,
      orders: OrderRepository,
      settlement: OrderSettlement,
      payments: PaymentProvider,
      broker: CheckoutBroker,
      config: AppConfig,
      clock: Clock,
    ) => {
      const fees = {
        buyerFeePercent: config.fees.buyerFeePercent,
        perTicketFeeCents: config.fees.perTicketFeeCents,
      };
      allInPrice(0, fees); // the same schedule ingestion shows buyers; fail at start if it is unusable
      return new PlaceOrder(ds, idempotency, orders, settlement, payments, broker, {
        ...DEFAULT_PLACE_ORDER_OPTIONS,
        fees,
        sales: config.sales,
        clock,
      });
    },
  },
  {
    provide: GetOrder,
    inject: [OrderRepository],
    useFactory: (orders: OrderRepository) => new GetOrder(orders),
  },
  {
    provide: ReconcileOrders,
    inject: [DataSource, OrderRepository, OrderSettlement, CHECKOUT_BROKER, CHECKOUT_ALERTS, CLOCK],
    useFactory: (
      ds: DataSource,
      orders: OrderRepository,
      settlement: OrderSettlement,
      broker: CheckoutBroker,
      alerts: AlertsPort,
      clock: Clock,
    ) => new ReconcileOrders(ds, orders, settlement, broker, alerts, clock),
  },
  ReconcilerScheduler,
  {
    provide: HandleStripeEvent,
    inject: [
      DataSource,
      APP_CONFIG,
      PaymentRepository,
      OrderRepository,
      OrderSettlement,
      CHECKOUT_ALERTS,
      CLOCK,
    ],
    useFactory: (
      ds: DataSource,
      config: AppConfig,
      payments: PaymentRepository,
      orders: OrderRepository,
      settlement: OrderSettlement,
      alerts: AlertsPort,
      clock: Clock,
    ) =>
      new HandleStripeEvent(
        ds,
        config.payments.stripe?.webhookSecret.reveal(),
        payments,
        orders,
        settlement,
        alerts,
        clock,
      ),
  },
  RawBodyInstaller,
];

@Module({
  controllers: [OrdersController, PaymentsWebhookController],
  providers,
  exports: [PlaceOrder, GetOrder, ReconcileOrders, PAYMENT_PROVIDER, CHECKOUT_BROKER],
})
export class OrdersModule {}
