import { systemClock, type Clock } from '@hamiltix/domain';

/** Inventory moves in steps of this many simulated milliseconds (one "pull" apart). */
export const BUCKET_MS = 2 * 60_000;

/**
 * The simulated market clock. Simulated time starts at the real time the sandbox
 * started (or `startAt`), runs `speed` times faster than real time (0 freezes it), and
 * can be pushed forward by tests and operators (`advance`). Never goes backwards except
 * on `reset`.
 */
export class SandboxClock {
  private readonly startSim: number;
  private readonly startReal: number;
  private offsetMs = 0;

  /**
   * `base` is the process clock (system, or pinned by CLOCK_START_AT); the simulation starts
   * at `startAt` (default: the base clock's now) and runs `speed` times faster than it.
   */
  constructor(
    readonly speed: number,
    startAt?: Date,
    private readonly base: Clock = systemClock,
  ) {
    this.startReal = base.now().getTime();
    this.startSim = startAt?.getTime() ?? this.startReal;
  }

  private realNow(): number {
    return this.base.now().getTime();
  }

  /** When the simulation started: the schedule of performances is anchored here. */
  get startedAt(): Date {
    return new Date(this.startSim);
  }

  nowMs(): number {
    return this.startSim + (this.realNow() - this.startReal) * this.speed + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Index of the current 2-minute step. */
  bucket(): number {
    return Math.floor(this.nowMs() / BUCKET_MS);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
