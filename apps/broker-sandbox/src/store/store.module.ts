import { Global, Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@hamiltix/platform';
import { PostgresJournalStore } from './postgres-journal-store.js';
import { NoJournalStore, SandboxJournal } from './sandbox-journal.js';

/** SANDBOX_STORE: `memory` (default: a restart forgets) or `postgres` (SANDBOX_DATABASE_URL). */
@Global()
@Module({
  providers: [
    {
      provide: SandboxJournal,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new SandboxJournal(
          config.sandbox.store === 'postgres' && config.sandbox.databaseUrl
            ? new PostgresJournalStore(config.sandbox.databaseUrl.reveal())
            : new NoJournalStore(),
        ),
    },
  ],
  exports: [SandboxJournal],
})
export class StoreModule implements OnModuleDestroy {
  constructor(@Inject(SandboxJournal) private readonly journal: SandboxJournal) {}

  async onModuleDestroy(): Promise<void> {
    await this.journal.close();
  }
}
