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
 * A clock for tests, benchmarks and simulations that moves only when told (`set`, `advance`,
 * which return the new instant) — or, with `ticking`, also with real elapsed time between
 * those calls, for tests that need both a pinned date and durations that pass.
 */
export class FixedClock implements Clock {
  #ms: number;
  #since: number;
  readonly #ticking: boolean;
  constructor(at: Date | string | number, options: { ticking?: boolean } = {}) {
    this.#ms = instant(at);
    this.#ticking = options.ticking ?? false;
    this.#since = this.#ticking ? performance.now() : 0;
  }
  now(): Date {
    return new Date(this.#ms + (this.#ticking ? performance.now() - this.#since : 0));
  }
  set(at: Date | string | number): Date {
    this.#ms = instant(at);
    if (this.#ticking) this.#since = performance.now();
    return this.now();
  }
  advance(ms: number): Date {
    this.#ms += ms;
    return this.now();
  }
}

function instant(at: Date | string | number): number {
  const ms = new Date(at).getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`FixedClock: not an instant: ${String(at)}`);
  return ms;
}

/**
 * A clock that starts at a chosen instant and then runs at the speed of `base` (the system
 * clock by default): how a whole stack of processes is pinned to the same moment in tests
 * and demos (`CLOCK_START_AT`), while timers and timeouts still behave as in real life.
 *
 * It reads `startAt` when `base` reads `anchorMs` (default: now, when it is made). Processes
 * given the same anchor agree to the millisecond however far apart they boot.
 */
export function startedClock(startAt: Date, base: Clock = systemClock, anchorMs?: number): Clock {
  const offset = startAt.getTime() - (anchorMs ?? base.now().getTime());
  return Object.freeze({ now: () => new Date(base.now().getTime() + offset) });
}
