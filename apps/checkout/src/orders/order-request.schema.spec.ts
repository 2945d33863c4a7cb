import fc from 'fast-check';
import { looksLikeCardNumber, parseOrderRequest } from './order-request.schema.js';

const valid = {
  listingId: '123',
  quantity: 2,
  expectedAllInPrice: 23_500,
  buyer: { name: 'Peggy Schuyler', email: 'peggy@example.com' },
  paymentToken: 'tok_sandbox_ok',
};
const KEY = '2f1c6a0e-5a4f-4b9e-9f59-7c2d1e0a9b11';

describe('order request validation', () => {
  it('accepts a well-formed order and normalises the listing id', () => {
    const r = parseOrderRequest(KEY, { ...valid, listingId: 123 });
    expect(r.ok && r.body.listingId).toBe('123');
  });

  it.each([
    ['4242424242424242'],
    ['4242 4242 4242 4242'],
    ['4111-1111-1111-1111'],
    ['tok_4242424242424242'],
    ['378282246310005'],
  ])('refuses a card number (%s) as payment token without echoing it', (token) => {
    const r = parseOrderRequest(KEY, { ...valid, paymentToken: token });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.outcome.status).toBe(400);
    expect(String(r.outcome.body.message)).toMatch(/card number/);
    expect(JSON.stringify(r.outcome.body)).not.toContain(token.replace(/\D/g, '').slice(0, 8));
  });

  it('never mistakes sandbox tokens or short digit runs for cards', () => {
    expect(looksLikeCardNumber('tok_sandbox_ok')).toBe(false);
    expect(looksLikeCardNumber('tok_123456789012')).toBe(false);
  });

  it('names each bad or missing field and asks for the Idempotency-Key', () => {
    const r = parseOrderRequest(KEY, { quantity: 0, buyer: { email: 'nope' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const message = String(r.outcome.body.message);
      for (const field of [
        'listingId is required',
        'quantity',
        'buyer.name is required',
        'buyer.email',
        'paymentToken is required',
      ]) {
        expect(message).toContain(field);
      }
    }
    const noKey = parseOrderRequest(undefined, valid);
    expect(!noKey.ok && noKey.outcome.body.message).toMatch(/Idempotency-Key header is required/);
  });

  it('refuses a buyer name with control characters (Postgres text refuses NUL: a 500 otherwise)', () => {
    for (const name of ['Peggy\u0000Schuyler', 'Peggy\nSchuyler']) {
      const r = parseOrderRequest(KEY, { ...valid, buyer: { ...valid.buyer, name } });
      expect(!r.ok && r.outcome.status).toBe(400);
      expect(!r.ok && String(r.outcome.body.message)).toContain(
        'buyer.name must not contain control characters',
      );
    }
  });

  it('refuses an order total beyond what orders.total_cents (a Postgres integer) holds', () => {
    const r = parseOrderRequest(KEY, { ...valid, quantity: 50, expectedAllInPrice: 50_000_000 });
    expect(!r.ok && String(r.outcome.body.message)).toContain(
      'expectedAllInPrice times quantity is larger than any order we can take',
    );
    expect(parseOrderRequest(KEY, { ...valid, quantity: 21, expectedAllInPrice: 100_000_000 }).ok).toBe(true);
  });

  it('answers every malformed input with a 400 and a message, never throwing', () => {
    fc.assert(
      fc.property(fc.anything(), fc.oneof(fc.string(), fc.constant(KEY), fc.anything()), (body, key) => {
        const r = parseOrderRequest(key, body);
        if (!r.ok) {
          expect(r.outcome.status).toBe(400);
          expect(String(r.outcome.body.message).length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 500 },
    );
  });
});
