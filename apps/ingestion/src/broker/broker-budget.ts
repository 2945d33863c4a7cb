import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@hamiltix/platform';

const WINDOW_S = 60;

/**
 * The broker publishes no rate limit (docs/domain.md §1: keep a request budget). Counts
 * this process's broker HTTP attempts over the last minute, in one-second buckets of real
 * time (the broker's limit is in real time, whatever the market clock says), so a changes
 * pull can read only as many events as the budget leaves. Replicas pull one at a time
 * (the pull lock), so one process's count is close to the whole stack's.
 */
@Injectable()
export class BrokerBudget {
  private readonly buckets = new Float64Array(WINDOW_S);
  private readonly seconds = new Float64Array(WINDOW_S).fill(-1);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Real time, ms (tests substitute it). */
  protected nowMs(): number {
    return performance.now();
  }

  get perMinute(): number {
    return this.config.ingestion.brokerBudgetPerMinute;
  }

  /** One broker attempt was made. */
  record(): void {
    const second = Math.floor(this.nowMs() / 1000);
    const i = second % WINDOW_S;
    if (this.seconds[i] !== second) {
      this.seconds[i] = second;
      this.buckets[i] = 0;
    }
    this.buckets[i]++;
  }

  /** Attempts in the last minute. */
  spent(): number {
    const now = Math.floor(this.nowMs() / 1000);
    let n = 0;
    for (let i = 0; i < WINDOW_S; i++) if (now - this.seconds[i] < WINDOW_S) n += this.buckets[i];
    return n;
  }

  /** Attempts the budget still allows within the last minute. */
  left(): number {
    return Math.max(0, this.perMinute - this.spent());
  }
}
