import { Inject, Injectable } from '@nestjs/common';
import { onSaleStartsAfter, salesCloseAt, type Clock, type SalesPolicy } from '@hamiltix/domain';
import { APP_CONFIG, CLOCK, type AppConfig } from '@hamiltix/platform';

/**
 * "Now" and the sales cut-off for search-api, from the process's one clock. Search never
 * shows a listing of a performance past its cut-off: every read path asks `startsAfterMs()`
 * (a listing is on sale iff its performance starts strictly after it) at request time, so a
 * ranked index written before a cut-off never shows a performance once it has closed.
 */
@Injectable()
export class SalesWindow {
  readonly policy: SalesPolicy;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = config.sales;
  }

  /** The clock's instant, epoch ms (cache expiry, pointer TTLs, rate-limit windows). */
  nowMs(): number {
    return this.clock.now().getTime();
  }

  /** Performances starting at or before this instant (epoch ms) are closed. */
  startsAfterMs(): number {
    return onSaleStartsAfter(this.clock.now(), this.policy).getTime();
  }

  /** When sales close for a performance starting at `startsAt` (epoch ms). */
  closesAtMs(startsAt: Date | number): number {
    return salesCloseAt(startsAt, this.policy).getTime();
  }

  /** `startsAfterMs()` as a Date, for SQL parameters. */
  startsAfter(): Date {
    return onSaleStartsAfter(this.clock.now(), this.policy);
  }
}
