import { Counter, Registry } from 'prom-client';
import { InstrumentedPaymentProvider } from './instrumented-payment-provider.js';
import { PaymentProviderError, type PaymentProvider } from './payment-provider.js';

/** A provider that answers by token, as the sandbox does, without its Postgres state. */
const byToken: PaymentProvider = {
  name: 'sandbox',
  callBudgetMs: 1000,
  authorise: async ({ reference, token }) => {
    if (token === 'tok_sandbox_error') throw new PaymentProviderError('sandbox provider error');
    return token === 'tok_sandbox_declined'
      ? { outcome: 'declined', reason: 'card declined' }
      : { outcome: 'authorised', providerReference: `pay_${reference}` };
  },
  resumeAuthorisation: async ({ reference }) => ({
    outcome: 'authorised',
    providerReference: `pay_${reference}`,
  }),
  capture: async ({ amountCents }) => {
    if (amountCents > 500) throw new PaymentProviderError('capture above the authorised amount');
  },
  void: async () => undefined,
};

describe('InstrumentedPaymentProvider', () => {
  it('counts provider failures by operation, not declines, and passes every answer through', async () => {
    const registry = new Registry();
    const errors = new Counter({
      name: 'errors_total',
      help: 'x',
      labelNames: ['operation'],
      registers: [registry],
    });
    const payments = new InstrumentedPaymentProvider(byToken, errors);
    const count = async (operation: string) =>
      (await errors.get()).values.find((v) => v.labels.operation === operation)?.value ?? 0;

    expect(payments.name).toBe('sandbox');
    await expect(
      payments.authorise({ reference: 'a', token: 'tok_sandbox_ok', amountCents: 500 }),
    ).resolves.toMatchObject({
      outcome: 'authorised',
    });
    await expect(
      payments.authorise({ reference: 'b', token: 'tok_sandbox_declined', amountCents: 500 }),
    ).resolves.toMatchObject({ outcome: 'declined' });
    await expect(
      payments.authorise({ reference: 'c', token: 'tok_sandbox_error', amountCents: 500 }),
    ).rejects.toThrow(/sandbox provider error/);
    await expect(payments.capture({ reference: 'a', amountCents: 900 })).rejects.toThrow(
      /above the authorised/,
    );
    await payments.capture({ reference: 'a', amountCents: 500 });
    await payments.void({ reference: 'nothing' });

    expect(await count('authorise')).toBe(1);
    expect(await count('capture')).toBe(1);
    expect(await count('void')).toBe(0);
  });
});
