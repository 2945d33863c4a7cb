import { Counter, Registry } from 'prom-client';
import { InstrumentedPaymentProvider } from './instrumented-payment-provider.js';
import { SandboxPaymentProvider } from './sandbox-payment-provider.js';

describe('InstrumentedPaymentProvider', () => {
  it('counts provider failures by operation, not declines, and passes every answer through', async () => {
    const registry = new Registry();
    const errors = new Counter({
      name: 'errors_total',
      help: 'x',
      labelNames: ['operation'],
      registers: [registry],
    });
    const payments = new InstrumentedPaymentProvider(new SandboxPaymentProvider(), errors);
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
