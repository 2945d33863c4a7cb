import { Logger } from '@nestjs/common';
import { SandboxJournalTable } from '@hamiltix/persistence';
import type { JournalEntry, JournalStore } from './sandbox-journal.js';

/**
 * The sandbox's journal in Postgres, in a schema of its own (`broker_sandbox`), never the
 * project's tables or migrations: the broker sandbox is a stand-in for another company's
 * system. Point SANDBOX_DATABASE_URL at its own database (or the same server). The SQL is in
 * @hamiltix/persistence (queries/sandbox-journal.ts), apart from the project's tables.
 */
export class PostgresJournalStore implements JournalStore {
  private readonly logger = new Logger(PostgresJournalStore.name);
  private readonly table: SandboxJournalTable<JournalEntry>;

  constructor(url: string) {
    this.table = new SandboxJournalTable<JournalEntry>(url, {
      onConnectionError: (error) => this.logger.warn(`sandbox store connection lost: ${error.message}`),
    });
  }

  load(): Promise<JournalEntry[]> {
    return this.table.load();
  }

  append(entry: JournalEntry): Promise<void> {
    return this.table.append(entry);
  }

  clear(): Promise<void> {
    return this.table.clear();
  }

  close(): Promise<void> {
    return this.table.close();
  }
}
