/**
 * The one source of "now" for a process. Domain code never calls `Date.now()` or `new Date()`
 * itself: it is handed a Clock, so every rule that depends on time can be pinned in a test.
 * Services get theirs from the platform's `CLOCK` provider.
 */
export interface Clock {
  now(): Date;
}

/** The machine's clock. The only place production code reads wall time. */
export const systemClock: Clock = Object.freeze({
  now: () => new Date(),
});

/**
 * A clock that only moves when told: for tests, benchmarks and simulations.
 * `set` and `advance` return the new instant.
 */
export class FixedClock implements Clock {
  #ms: number;
  constructor(at: Date | string | number) {
    this.#ms = new Date(at).getTime();
    if (!Number.isFinite(this.#ms)) throw new RangeError(`FixedClock: not an instant: ${String(at)}`);
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(at: Date | string | number): Date {
    const ms = new Date(at).getTime();
    if (!Number.isFinite(ms)) throw new RangeError(`FixedClock: not an instant: ${String(at)}`);
    this.#ms = ms;
    return this.now();
  }
  advance(ms: number): Date {
    this.#ms += ms;
    return this.now();
  }
}

/**
 * A clock that starts at a chosen instant and then runs at the speed of `base` (the system
 * clock by default): how a whole stack of processes is pinned to the same moment in tests
 * and demos (`CLOCK_START_AT`), while timers and timeouts still behave as in real life.
 */
export function startedClock(startAt: Date, base: Clock = systemClock): Clock {
  const offset = startAt.getTime() - base.now().getTime();
  return Object.freeze({ now: () => new Date(base.now().getTime() + offset) });
}
