import { createTestDatabase, type TestDatabase } from '@hamiltix/persistence/testing';
import { markProcessed, wasProcessed } from '../index.js';

describe('queries/outbox: processed messages', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('q_processed');
  });
  afterAll(() => db.drop());

  it('records a message once per consumer', async () => {
    expect(await wasProcessed(db.dataSource, 'c1', 'evt_1')).toBe(false);
    await markProcessed(db.dataSource, 'c1', 'evt_1');
    await markProcessed(db.dataSource, 'c1', 'evt_1');
    expect(await wasProcessed(db.dataSource, 'c1', 'evt_1')).toBe(true);
    expect(await wasProcessed(db.dataSource, 'c2', 'evt_1')).toBe(false);
  });
});
