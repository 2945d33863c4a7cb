import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { JournalEntry, JournalStore } from './sandbox-journal.js';

/**
 * The sandbox's journal in Postgres, in a schema of its own (`broker_sandbox`), never the
 * project's tables or migrations: the broker sandbox is a stand-in for another company's
 * system. Point SANDBOX_DATABASE_URL at its own database (or the same server).
 */
export class PostgresJournalStore implements JournalStore {
  private readonly logger = new Logger(PostgresJournalStore.name);
  private readonly pool: pg.Pool;
  private ready?: Promise<void>;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'broker-sandbox' });
    // An idle connection dropped by the server must not take the sandbox down (pg emits 'error').
    this.pool.on('error', (error) => this.logger.warn(`sandbox store connection lost: ${error.message}`));
  }

  private init(): Promise<void> {
    this.ready ??= this.pool
      .query(
        `CREATE SCHEMA IF NOT EXISTS broker_sandbox;
         CREATE TABLE IF NOT EXISTS broker_sandbox.journal (
           seq bigserial PRIMARY KEY, entry jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())`,
      )
      .then(() => undefined);
    return this.ready;
  }

  async load(): Promise<JournalEntry[]> {
    await this.init();
    const res = await this.pool.query<{ entry: JournalEntry }>(
      `SELECT entry FROM broker_sandbox.journal ORDER BY seq`,
    );
    return res.rows.map((r) => r.entry);
  }

  async append(entry: JournalEntry): Promise<void> {
    await this.init();
    await this.pool.query(`INSERT INTO broker_sandbox.journal (entry) VALUES ($1::jsonb)`, [
      JSON.stringify(entry),
    ]);
  }

  async clear(): Promise<void> {
    await this.init();
    await this.pool.query(`TRUNCATE broker_sandbox.journal`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
