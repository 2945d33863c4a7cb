import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { PlatformModule } from '@hamiltix/platform';
import { IngestionModule } from './ingestion.module.js';

@Module({
  imports: [
    PlatformModule.forRoot({ service: 'ingestion', postgres: true, redis: false, nats: true }),
    ScheduleModule.forRoot(),
    IngestionModule.forRoot(),
  ],
})
export class AppModule {}
