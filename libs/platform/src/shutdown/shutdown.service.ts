import { Injectable, Logger } from '@nestjs/common';

/**
 * Tracks shutdown: readiness answers 503 from the moment it begins, and in-flight work
 * (message handlers, pulls) registered with `track()` is awaited before connections close.
 */
@Injectable()
export class ShutdownService {
  private readonly logger = new Logger(ShutdownService.name);
  private readonly inFlight = new Set<Promise<unknown>>();
  private shuttingDown = false;

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  begin(reason: string): void {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    this.logger.log(`shutdown started (${reason}); readiness now 503`);
  }

  /** Registers work that shutdown must wait for. Returns the same promise. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Waits for tracked work, at most `timeoutMs`. Resolves true when everything finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.inFlight.size > 0) {
      const left = deadline - performance.now();
      if (left <= 0) {
        this.logger.warn(`${this.inFlight.size} task(s) still running after ${timeoutMs} ms; closing anyway`);
        return false;
      }
      await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => setTimeout(r, left))]);
    }
    return true;
  }
}
