/**
 * Lets the first event of a key through, then swallows repeats for `windowMs`, counting
 * them so the next push can say how many were folded in. Memory is bounded: expired
 * keys are dropped as new ones arrive.
 */
export class Deduplicator {
  private readonly seen = new Map<string, { until: number; suppressed: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Returns undefined to swallow, or how many repeats were swallowed since the last one let through. */
  admit(key: string): number | undefined {
    const now = this.now();
    const entry = this.seen.get(key);
    if (entry && entry.until > now) {
      entry.suppressed++;
      return undefined;
    }
    const suppressed = entry?.suppressed ?? 0;
    this.seen.set(key, { until: now + this.windowMs, suppressed: 0 });
    if (this.seen.size > 10_000) this.prune(now);
    return suppressed;
  }

  /** Lets the next event of the key through (after a push that failed), keeping the count. */
  release(key: string): void {
    const entry = this.seen.get(key);
    if (entry) entry.until = -Infinity;
  }

  private prune(now: number): void {
    for (const [k, v] of this.seen) if (v.until <= now && v.suppressed === 0) this.seen.delete(k);
  }
}
