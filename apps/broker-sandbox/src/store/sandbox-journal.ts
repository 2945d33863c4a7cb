import { Logger } from '@nestjs/common';

/**
 * One change the sandbox's API made to its market or its orders. The seeded market is a
 * pure function of (seed, clock); everything else is this journal, so replaying it after a
 * restart gives back the same broker — its sales, holds, added and withdrawn listings and
 * orders — and a redeployed staging has a broker and a database that agree.
 */
export type JournalEntry =
  | { kind: 'take'; listingId: number; eventId: number; quantity: number }
  | { kind: 'release'; listingId: number; eventId: number; quantity: number }
  | { kind: 'remove'; listingId: number; eventId: number }
  | { kind: 'add'; listing: Record<string, unknown> }
  | { kind: 'clock'; advanceMs: number }
  | { kind: 'order'; order: Record<string, unknown> }
  | { kind: 'decided'; orderId: number; state: string; at: string }
  | { kind: 'reset' };

/** Where the journal is kept: nowhere (SANDBOX_STORE=memory, the default) or the sandbox's own Postgres schema. */
export interface JournalStore {
  load(): Promise<JournalEntry[]>;
  append(entry: JournalEntry): Promise<void>;
  /** Forgets everything (a `reset`). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

/**
 * SANDBOX_STORE=memory: nothing is kept (the sandbox's state is in its own memory already, and a
 * restart forgets it), so the journal costs no memory however long the sandbox runs.
 */
export class NoJournalStore implements JournalStore {
  async load(): Promise<JournalEntry[]> {
    return [];
  }
  async append(): Promise<void> {}
  async clear(): Promise<void> {}
  async close(): Promise<void> {}
}

type Handler<K extends JournalEntry['kind']> = (entry: Extract<JournalEntry, { kind: K }>) => void;

/**
 * Records the sandbox's changes in order (writes are queued, so a handler stays synchronous)
 * and replays them at start, before the sandbox answers. Each part of the sandbox registers
 * how to re-apply its own entries.
 */
export class SandboxJournal {
  private readonly logger = new Logger(SandboxJournal.name);
  private readonly handlers = new Map<string, ((entry: JournalEntry) => void)[]>();
  private tail: Promise<void> = Promise.resolve();
  private replaying = false;

  constructor(private readonly store: JournalStore) {}

  on<K extends JournalEntry['kind']>(kind: K, handler: Handler<K>): void {
    this.handlers.set(kind, [...(this.handlers.get(kind) ?? []), handler as (entry: JournalEntry) => void]);
  }

  record(entry: JournalEntry): void {
    if (this.replaying) return;
    const write = entry.kind === 'reset' ? () => this.store.clear() : () => this.store.append(entry);
    this.tail = this.tail
      .then(write)
      .catch((error: Error) =>
        this.logger.error(`sandbox journal write failed (${entry.kind}): ${error.message}`),
      );
  }

  /** Re-applies every stored entry; returns how many. */
  async replay(): Promise<number> {
    const entries = await this.store.load();
    this.replaying = true;
    try {
      for (const entry of entries) for (const handler of this.handlers.get(entry.kind) ?? []) handler(entry);
    } finally {
      this.replaying = false;
    }
    if (entries.length) this.logger.log(`replayed ${entries.length} sandbox change(s) from the store`);
    return entries.length;
  }

  /** Waits for queued writes (shutdown, tests). */
  async flush(): Promise<void> {
    await this.tail;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.store.close();
  }
}
