import { Global, Module } from '@nestjs/common';
import { FaultsGuard } from './faults.guard.js';
import { FaultsService } from './faults.service.js';

@Global()
@Module({
  providers: [{ provide: FaultsService, useFactory: () => new FaultsService() }, FaultsGuard],
  exports: [FaultsService, FaultsGuard],
})
export class FaultsModule {}
