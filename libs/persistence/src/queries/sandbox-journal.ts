import pg from 'pg';

/**
 * The broker sandbox's journal (apps/broker-sandbox), kept apart from everything else here:
 * the sandbox stands in for another company's system, so its data lives in a schema of its
 * own (`broker_sandbox`), created by itself on first use, reached through a small pool of
 * its own (SANDBOX_DATABASE_URL), and never part of the project's entities or migrations.
 * Only the SQL is here, so that every statement of the repository has one home.
 */
export class SandboxJournalTable<Entry> {
  private readonly pool: pg.Pool;
  private ready?: Promise<void>;

  constructor(url: string, options: { onConnectionError?: (error: Error) => void } = {}) {
    this.pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'broker-sandbox' });
    // An idle connection dropped by the server must not take the sandbox down (pg emits 'error').
    this.pool.on('error', (error) => options.onConnectionError?.(error));
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

  /** Every entry, oldest first. */
  async load(): Promise<Entry[]> {
    await this.init();
    const res = await this.pool.query<{ entry: Entry }>(
      `SELECT entry FROM broker_sandbox.journal ORDER BY seq`,
    );
    return res.rows.map((r) => r.entry);
  }

  async append(entry: Entry): Promise<void> {
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
