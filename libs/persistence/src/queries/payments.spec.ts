import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  testOrder,
  testOrderEvent,
  type TestDatabase,
} from '@hamiltix/persistence/testing';
import {
  capturedCents,
  countFailedPaymentCall,
  createHeldOrder,
  findPayment,
  findPaymentByProviderReference,
  movePaymentProviderState,
  NO_PROVIDER_STATE,
  recordPaymentProviderState,
} from '../index.js';

describe('queries/payments (the provider side of payments)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('q_payments');
  });
  afterAll(() => db.drop());

  const newOrder = async (listing: string, provider: string) => {
    const order = testOrder(listing, 2);
    await createHeldOrder(
      db.dataSource,
      order,
      { id: randomUUID(), provider },
      { brokerAvailable: 2, salesSeen: 0 },
      { id: 'no-key', storedAnswer: '{}' },
      testOrderEvent(order.id, 'held'),
    );
    return order;
  };

  it('finds, moves by compare-and-set, records and counts', async () => {
    const o = await newOrder('41', 'sandbox');
    expect(await findPayment(db.dataSource, o.id)).toMatchObject({
      orderId: o.id,
      provider: 'sandbox',
      providerReference: null,
      providerState: null,
      status: 'pending',
      providerRetries: 0,
      amountCents: o.totalCents,
    });
    expect(await findPayment(db.dataSource, randomUUID())).toBeUndefined();
    const auth = { from: [NO_PROVIDER_STATE], to: 'authorised', providerReference: 'sbx_1' };
    // Not above the payment's amount; then once.
    expect(
      await movePaymentProviderState(db.dataSource, o.id, { ...auth, minAmountCents: o.totalCents + 1 }),
    ).toBeUndefined();
    expect(await movePaymentProviderState(db.dataSource, o.id, auth)).toMatchObject({
      providerState: 'authorised',
      providerReference: 'sbx_1',
    });
    expect(await movePaymentProviderState(db.dataSource, o.id, auth)).toBeUndefined();
    expect(await findPaymentByProviderReference(db.dataSource, 'sbx_1')).toMatchObject({ orderId: o.id });
    expect(await findPaymentByProviderReference(db.dataSource, 'nope')).toBeUndefined();
    await countFailedPaymentCall(db.dataSource, o.id);
    expect((await findPayment(db.dataSource, o.id))!.providerRetries).toBe(1);
    // Recorded whatever the state; the first reference is kept.
    await recordPaymentProviderState(db.dataSource, o.id, 'sbx_other', 'captured');
    expect(await findPayment(db.dataSource, o.id)).toMatchObject({
      providerState: 'captured',
      providerReference: 'sbx_1',
    });
  });

  it('capturedCents: what a provider took, per listing or all', async () => {
    const a = await newOrder('51', 'stripe');
    const b = await newOrder('52', 'stripe');
    await recordPaymentProviderState(db.dataSource, a.id, 'pi_a', 'succeeded');
    await recordPaymentProviderState(db.dataSource, b.id, 'pi_b', 'requires_capture');
    expect(await capturedCents(db.dataSource, 'stripe')).toBe(a.totalCents);
    expect(await capturedCents(db.dataSource, 'stripe', '51')).toBe(a.totalCents);
    expect(await capturedCents(db.dataSource, 'stripe', '52')).toBe(0);
  });
});
