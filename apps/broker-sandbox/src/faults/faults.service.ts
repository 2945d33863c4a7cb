import { Injectable, Logger } from '@nestjs/common';

export interface Faults {
  /** 0..1 of broker API requests answered 500. */
  errorRate: number;
  /** Added to every broker API request, ms. */
  latencyMs: number;
  /** 0..1 of listing rows sent with a broken field. */
  malformedRate: number;
  /** Broker API requests per second before 429 (0 = no limit). */
  rateLimit: number;
  /** How long a new order stays pending before the seller decides, ms (real time). */
  orderAcceptDelayMs: number;
  /** 0..1 of orders the seller rejects. */
  orderRejectRate: number;
}

export const NO_FAULTS: Readonly<Faults> = Object.freeze({
  errorRate: 0,
  latencyMs: 0,
  malformedRate: 0,
  rateLimit: 0,
  orderAcceptDelayMs: 200,
  orderRejectRate: 0,
});

/** The injected faults, and the request counter behind the rate limit. */
@Injectable()
export class FaultsService {
  private readonly logger = new Logger(FaultsService.name);
  private faults: Faults = { ...NO_FAULTS };
  private windowSecond = 0;
  private windowCount = 0;

  constructor(private readonly random: () => number = Math.random) {}

  get current(): Readonly<Faults> {
    return this.faults;
  }

  /** Replaces the fault set: anything left out goes back to "no fault". */
  set(faults: Partial<Faults>): Readonly<Faults> {
    this.faults = { ...NO_FAULTS, ...faults };
    this.windowCount = 0;
    this.logger.log({ message: 'faults set', faults: this.faults });
    return this.faults;
  }

  clear(): void {
    this.faults = { ...NO_FAULTS };
    this.windowCount = 0;
  }

  /** Counts a request against the per-second limit; false when it is over. */
  admit(nowMs = performance.now()): boolean {
    if (!this.faults.rateLimit) return true;
    const second = Math.floor(nowMs / 1000);
    if (second !== this.windowSecond) {
      this.windowSecond = second;
      this.windowCount = 0;
    }
    if (this.windowCount >= this.faults.rateLimit) return false;
    this.windowCount++;
    return true;
  }

  shouldFail(): boolean {
    return this.faults.errorRate > 0 && this.random() < this.faults.errorRate;
  }

  shouldReject(): boolean {
    return this.faults.orderRejectRate > 0 && this.random() < this.faults.orderRejectRate;
  }
}
