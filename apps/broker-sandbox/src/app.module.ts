import { Module } from '@nestjs/common';
import { PlatformModule } from '@hamiltix/platform';
import { SandboxModule } from './sandbox.module.js';

@Module({
  imports: [
    PlatformModule.forRoot({ service: 'broker-sandbox', postgres: false, redis: false, nats: false }),
    SandboxModule,
  ],
})
export class AppModule {}
