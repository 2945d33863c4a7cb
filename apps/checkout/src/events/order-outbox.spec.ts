import { randomUUID } from 'node:crypto';
import { CORRELATION_HEADER, SUBJECTS } from '@hamiltix/contracts';
import { MessageValidationError, OUTBOX_CHANNEL } from '@hamiltix/platform';
import { OrderOutbox } from './order-outbox.js';

describe('OrderOutbox (order events as outbox rows)', () => {
  const event = {
    orderId: randomUUID(),
    status: 'confirmed',
    listingId: '42',
    performanceId: '7',
    quantity: 2,
    totalCents: 47_000,
    at: new Date().toISOString(),
  };

  it('validates the event against its contract and carries the correlation id, like OutboxService.enqueue', () => {
    const message = new OrderOutbox(() => 'corr-1').message(SUBJECTS.orderEvent('confirmed'), event);
    expect(message.subject).toBe('orders.events.v1.confirmed');
    expect(JSON.parse(message.payload)).toEqual(event);
    expect(JSON.parse(message.headers)).toEqual({ [CORRELATION_HEADER]: 'corr-1' });
    expect(message.channel).toBe(OUTBOX_CHANNEL);
    expect(message.messageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('has no headers without a correlation id, and a fresh message id each time', () => {
    const outbox = new OrderOutbox(() => undefined);
    const a = outbox.message(SUBJECTS.orderEvent('confirmed'), event);
    const b = outbox.message(SUBJECTS.orderEvent('confirmed'), event);
    expect(JSON.parse(a.headers)).toEqual({});
    expect(a.messageId).not.toBe(b.messageId);
  });

  it('refuses an event that breaks the contract (nothing to insert)', () => {
    expect(() =>
      new OrderOutbox(() => undefined).message(SUBJECTS.orderEvent('confirmed'), { ...event, quantity: -1 }),
    ).toThrow(MessageValidationError);
  });
});
