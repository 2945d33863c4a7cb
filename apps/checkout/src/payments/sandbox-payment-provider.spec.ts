import { randomUUID } from 'node:crypto';
import { findPayment } from '@hamiltix/persistence';
import { createTestDatabase, type TestDatabase } from '@hamiltix/persistence/testing';
import { SUBJECTS } from '@hamiltix/contracts';
import { OrderOutbox } from '../events/order-outbox.js';
import { OrderRepository } from '../orders/order.repository.js';
import { PaymentProviderError } from './payment-provider.js';
import { PaymentRepository } from './payment.repository.js';
import { SandboxPaymentProvider } from './sandbox-payment-provider.js';

/** The sandbox provider keeps its state in `payments`, so replicas share it. */
describe('SandboxPaymentProvider (Postgres)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('checkout_sandbox_pay');
  });
  afterAll(async () => {
    await db.drop();
  });

  let listingSeq = 70;
  const newOrder = async (totalCents = 47_000) => {
    const id = randomUUID();
    const listingId = String(++listingSeq);
    const order = {
      id,
      listingId,
      performanceId: '88',
      quantity: 2,
      unitAllInCents: totalCents / 2,
      unitRetailCents: 20_000,
      totalCents,
      buyerName: 'Peggy',
      buyerEmail: 'peggy@example.com',
      accessTokenHash: 'h',
      brokerReference: id,
    };
    // As the purchase flow makes it (the hold, the order, its payment row, the held event).
    const made = await new OrderRepository(db.dataSource).createHeld(
      order,
      'sandbox',
      randomUUID(),
      { brokerAvailable: 2, salesSeen: 0 },
      { id: randomUUID(), storedAnswer: '{}' },
      new OrderOutbox(() => undefined).message(SUBJECTS.orderEvent('held'), {
        orderId: id,
        status: 'held',
        listingId,
        performanceId: '88',
        quantity: 2,
        totalCents: 0,
        at: new Date(0).toISOString(),
      }),
    );
    expect(made).toBeDefined();
    return { id, listingId };
  };
  /** Two replicas: two providers over the same database, nothing shared in memory. */
  const replicas = () => [
    new SandboxPaymentProvider(new PaymentRepository(db.dataSource)),
    new SandboxPaymentProvider(new PaymentRepository(db.dataSource)),
  ];

  it('one replica authorises, another captures; the state is in the payments row', async () => {
    const [a, b] = replicas();
    const { id } = await newOrder();
    const auth = await a.authorise({ reference: id, token: 'tok_sandbox_ok', amountCents: 47_000 });
    expect(auth).toMatchObject({ outcome: 'authorised', providerReference: expect.stringMatching(/^sbx_/) });
    // Repeating the authorisation gives the same reference (idempotent by order id).
    expect(await b.authorise({ reference: id, token: 'tok_sandbox_ok', amountCents: 47_000 })).toEqual(auth);
    await b.capture({ reference: id, amountCents: 47_000 });
    await a.capture({ reference: id, amountCents: 47_000 }); // repeated capture: no-op
    expect(await a.stateOf(id)).toBe('captured');
    await expect(b.void({ reference: id })).rejects.toBeInstanceOf(PaymentProviderError);
    expect(await findPayment(db.dataSource, id)).toMatchObject({
      providerState: 'captured',
      providerReference: auth.outcome === 'authorised' && auth.providerReference,
    });
  });

  it('a void on one replica stops a capture on another; capture above the amount is refused', async () => {
    const [a, b] = replicas();
    const { id, listingId } = await newOrder();
    await a.authorise({ reference: id, token: 'tok_sandbox_ok', amountCents: 47_000 });
    await expect(b.capture({ reference: id, amountCents: 47_001 })).rejects.toThrow(/above the authorised/);
    await b.void({ reference: id });
    await b.void({ reference: id }); // repeated void: no-op
    await expect(a.capture({ reference: id, amountCents: 47_000 })).rejects.toThrow(/voided/);
    expect(await a.capturedCents(listingId)).toBe(0);
  });

  it('no payment row: authorise fails with a provider error, void is a no-op', async () => {
    const [a] = replicas();
    const id = randomUUID();
    await expect(
      a.authorise({ reference: id, token: 'tok_sandbox_ok', amountCents: 1 }),
    ).rejects.toBeInstanceOf(PaymentProviderError);
    await a.void({ reference: id });
    expect(await a.stateOf(id)).toBeUndefined();
  });
});
