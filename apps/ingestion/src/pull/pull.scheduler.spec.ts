import { SchedulerRegistry } from '@nestjs/schedule';
import { ShutdownService, type AppConfig } from '@hamiltix/platform';
import { PullScheduler } from './pull.scheduler.js';
import type { PullService } from './pull.service.js';
import type { PullSummary } from './pull.types.js';

/** PullService's side the scheduler uses: a full pull in flight until `finish()`. */
class FakePulls {
  readonly triggers: string[] = [];
  inProgress = false;
  private end?: () => void;
  private ended = Promise.resolve();

  startLongPull(): void {
    this.inProgress = true;
    this.ended = new Promise((r) => (this.end = r));
  }

  finish(): void {
    this.inProgress = false;
    this.end?.();
  }

  pull(trigger: string): Promise<PullSummary> {
    this.triggers.push(trigger);
    const outcome = this.inProgress ? 'skipped' : 'ok';
    return Promise.resolve({ trigger, outcome } as unknown as PullSummary);
  }

  idle(): Promise<void> {
    return this.ended;
  }
}

const flush = () => new Promise((r) => setImmediate(r));

describe('PullScheduler', () => {
  const config = { ingestion: { intervalSeconds: 3600, changesIntervalSeconds: 0 } } as unknown as AppConfig;
  const tick = (s: PullScheduler, trigger: 'changes' | 'schedule') =>
    (s as unknown as { tick(t: string): void }).tick(trigger);

  it('runs a changes pull skipped behind a running pull as soon as that pull ends, once', async () => {
    const pulls = new FakePulls();
    const scheduler = new PullScheduler(
      pulls as unknown as PullService,
      new SchedulerRegistry(),
      new ShutdownService(),
      config,
    );
    pulls.startLongPull();
    tick(scheduler, 'changes');
    tick(scheduler, 'changes');
    await flush();
    expect(pulls.triggers).toEqual(['changes', 'changes']);
    pulls.finish();
    await flush();
    // One catch-up for both skipped ticks, not one each.
    expect(pulls.triggers).toEqual(['changes', 'changes', 'changes']);
    await flush();
    expect(pulls.triggers).toHaveLength(3);
  });

  it('does not repeat a skipped full pull, nor a changes pull another replica holds the lock for', async () => {
    const pulls = new FakePulls();
    const scheduler = new PullScheduler(
      pulls as unknown as PullService,
      new SchedulerRegistry(),
      new ShutdownService(),
      config,
    );
    pulls.startLongPull();
    tick(scheduler, 'schedule');
    await flush();
    pulls.finish();
    await flush();
    expect(pulls.triggers).toEqual(['schedule']);
    // Skipped with nothing running here (the lock is another replica's): the next tick will do.
    pulls.pull = (trigger: string) => {
      pulls.triggers.push(trigger);
      return Promise.resolve({ trigger, outcome: 'skipped' } as unknown as PullSummary);
    };
    tick(scheduler, 'changes');
    await flush();
    await flush();
    expect(pulls.triggers).toEqual(['schedule', 'changes']);
  });
});
