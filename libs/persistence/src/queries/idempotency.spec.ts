import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  testOrder,
  testOrderEvent,
  type TestDatabase,
} from '@hamiltix/persistence/testing';
import {
  claimKey,
  completeKey,
  createHeldOrder,
  findKey,
  findOrder,
  KEY_AWAITING_ACTION,
  markKeyAwaitingAction,
  purgeExpiredKeys,
  releaseKey,
  takeAwaitingKey,
  takeOverKey,
} from '../index.js';

describe('queries/idempotency (idempotency_keys)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('q_idempotency');
  });
  afterAll(() => db.drop());

  it('claims a key once; completes, releases and purges it', async () => {
    const id = randomUUID();
    expect(await claimKey(db.dataSource, id, 'h1', 60_000)).toBe(true);
    expect(await claimKey(db.dataSource, id, 'h1', 60_000)).toBe(false);
    expect(await findKey(db.dataSource, id)).toMatchObject({
      requestHash: 'h1',
      state: 'in_progress',
      responseStatus: null,
      orderId: null,
      ageMs: expect.any(Number),
    });
    await completeKey(db.dataSource, id, 201, '{"body":"{}"}');
    expect(await findKey(db.dataSource, id)).toMatchObject({
      state: 'completed',
      responseStatus: 201,
      responseBody: { body: '{}' },
    });
    await releaseKey(db.dataSource, id); // completed keys are kept
    expect(await findKey(db.dataSource, id)).toBeDefined();
    const other = randomUUID();
    await claimKey(db.dataSource, other, 'h2', 60_000);
    await releaseKey(db.dataSource, other);
    expect(await findKey(db.dataSource, other)).toBeUndefined();
    // Past its retention a key is purged (or claimed again).
    await db.dataSource.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`,
      [id],
    );
    expect(await purgeExpiredKeys(db.dataSource)).toBe(1);
    expect(await findKey(db.dataSource, id)).toBeUndefined();
  });

  it('takeOverKey: only a key in progress past its lease, once', async () => {
    const id = randomUUID();
    await claimKey(db.dataSource, id, 'h', 60_000);
    expect(await takeOverKey(db.dataSource, id, 60_000)).toBeUndefined();
    await db.dataSource.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '5 minutes' WHERE key = $1`,
      [id],
    );
    expect(await takeOverKey(db.dataSource, id, 60_000)).toEqual({ orderId: null });
    expect(await takeOverKey(db.dataSource, id, 60_000)).toBeUndefined();
  });

  it('a key awaiting the buyer’s authentication is taken by one repeat, and its order touched', async () => {
    const id = randomUUID();
    await claimKey(db.dataSource, id, 'h', 60_000);
    const order = testOrder('31', 1);
    await createHeldOrder(
      db.dataSource,
      order,
      { id: randomUUID(), provider: 'stripe' },
      { brokerAvailable: 1, salesSeen: 0 },
      { id, storedAnswer: '{}' },
      testOrderEvent(order.id, 'held'),
    );
    await db.dataSource.query(`UPDATE orders SET updated_at = now() - interval '5 minutes' WHERE id = $1`, [
      order.id,
    ]);
    const before = (await findOrder(db.dataSource, order.id))!.updatedAt;
    expect(await takeAwaitingKey(db.dataSource, id)).toBeUndefined(); // not marked
    await markKeyAwaitingAction(db.dataSource, id, order.id);
    expect(await findKey(db.dataSource, id)).toMatchObject({
      responseStatus: KEY_AWAITING_ACTION,
      orderId: order.id,
    });
    expect((await findOrder(db.dataSource, order.id))!.updatedAt.getTime()).toBeGreaterThan(before.getTime());
    const [a, b] = await Promise.all([
      takeAwaitingKey(db.dataSource, id),
      takeAwaitingKey(db.dataSource, id),
    ]);
    expect([a, b].filter(Boolean)).toEqual([order.id]);
    expect(await findKey(db.dataSource, id)).toMatchObject({ state: 'in_progress', responseStatus: null });
  });
});
