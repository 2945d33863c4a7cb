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

  constructor(
    readonly speed: number,
    startAt: Date = new Date(),
    private readonly realNow: () => number = Date.now,
  ) {
    this.startSim = startAt.getTime();
    this.startReal = realNow();
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
