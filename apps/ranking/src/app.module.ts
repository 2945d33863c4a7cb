import { Module } from '@nestjs/common';
import { PlatformModule } from '@hamiltix/platform';
import { RankingModule } from './ranking/ranking.module.js';

@Module({
  imports: [
    PlatformModule.forRoot({ service: 'ranking', postgres: true, redis: true, nats: true }),
    RankingModule,
  ],
})
export class AppModule {}
