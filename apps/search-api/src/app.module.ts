import { Module } from '@nestjs/common';
import { PlatformModule } from '@hamiltix/platform';
import { SearchModule } from './search.module.js';

@Module({
  imports: [
    PlatformModule.forRoot({ service: 'search-api', postgres: true, redis: true, nats: true }),
    SearchModule,
  ],
})
export class AppModule {}
