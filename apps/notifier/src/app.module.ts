import { Module } from '@nestjs/common';
import { PlatformModule } from '@hamiltix/platform';
import { NotifierModule } from './notifier.module.js';

/** Notifier: Postgres (saved searches, scores it reads), Redis (rate limits), NATS (rankings in, alerts). */
@Module({
  imports: [
    PlatformModule.forRoot({ service: 'notifier', postgres: true, redis: true, nats: true }),
    NotifierModule,
  ],
})
export class AppModule {}
