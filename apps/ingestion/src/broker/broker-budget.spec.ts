import { loadConfig } from '@hamiltix/platform';
import { BrokerBudget } from './broker-budget.js';

class SteppedBudget extends BrokerBudget {
  at = 0;
  protected override nowMs(): number {
    return this.at;
  }
}

describe('BrokerBudget', () => {
  it('counts the attempts of the last minute and what the budget leaves', () => {
    const budget = new SteppedBudget(loadConfig('ingestion', { INGESTION_BROKER_BUDGET_PER_MINUTE: '100' }));
    for (let i = 0; i < 30; i++) budget.record();
    budget.at = 30_500;
    for (let i = 0; i < 50; i++) budget.record();
    expect(budget.spent()).toBe(80);
    expect(budget.left()).toBe(20);
    // The first 30 leave the window a minute after they were made.
    budget.at = 60_000;
    expect(budget.spent()).toBe(50);
    budget.at = 91_000;
    expect(budget.spent()).toBe(0);
    for (let i = 0; i < 150; i++) budget.record();
    expect(budget.left()).toBe(0);
  });
});
