import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { FaultsModule } from './faults/faults.module.js';
import { InventoryModule } from './inventory/inventory.module.js';
import { ListingsModule } from './listings/listings.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { SandboxAdminModule } from './sandbox-admin/sandbox-admin.module.js';
import { SandboxJournal } from './store/sandbox-journal.js';
import { StoreModule } from './store/store.module.js';

/** The whole sandbox without the platform (tests wire it with a test config). */
@Module({
  imports: [
    StoreModule,
    InventoryModule,
    FaultsModule,
    AuthModule,
    CatalogueModule,
    ListingsModule,
    OrdersModule,
    SandboxAdminModule,
  ],
})
export class SandboxModule implements OnModuleInit {
  constructor(@Inject(SandboxJournal) private readonly journal: SandboxJournal) {}

  /** Before the sandbox answers: its recorded changes applied again (SANDBOX_STORE=postgres). */
  async onModuleInit(): Promise<void> {
    await this.journal.replay();
  }
}
