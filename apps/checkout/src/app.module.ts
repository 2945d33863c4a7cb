import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { PlatformModule } from '@hamiltix/platform';
import { OrdersModule } from './orders/orders.module.js';

/** Checkout: Postgres (orders, payments, holds, idempotency, outbox), Redis (rate limit), NATS (outbox relay, alerts). */
@Module({
  imports: [
    PlatformModule.forRoot({ service: 'checkout', postgres: true, redis: true, nats: true }),
    ScheduleModule.forRoot(),
    OrdersModule,
  ],
})
export class AppModule {}
