import { reconcilerStuckAfterMs } from './stuck-age.js';

describe('reconcilerStuckAfterMs', () => {
  const defaults = {
    brokerTimeoutMs: 10_000,
    brokerAttempts: 2,
    brokerRetryDelayMs: 500,
    pendingWaitMs: 4_000,
    paymentCallBudgetMs: 25_000,
  };

  it('outlasts the slowest stretch of the flow with the default timeouts (was a constant 60 s)', () => {
    // 5 broker calls of 10 s + 2 back-offs + 4 s wait + 2 Stripe calls of 25 s + 15 s margin.
    expect(reconcilerStuckAfterMs(defaults)).toBe(50_000 + 1_000 + 4_000 + 50_000 + 15_000);
  });

  it('grows with BROKER_TIMEOUT_MS and the payment timeout, never below a minute', () => {
    const base = reconcilerStuckAfterMs(defaults);
    expect(reconcilerStuckAfterMs({ ...defaults, brokerTimeoutMs: 30_000 })).toBe(base + 5 * 20_000);
    expect(reconcilerStuckAfterMs({ ...defaults, paymentCallBudgetMs: 35_000 })).toBe(base + 20_000);
    expect(
      reconcilerStuckAfterMs({
        ...defaults,
        brokerTimeoutMs: 100,
        paymentCallBudgetMs: 100,
        pendingWaitMs: 0,
      }),
    ).toBe(60_000);
  });
});
