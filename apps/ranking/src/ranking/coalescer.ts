/**
 * Per-key work coalescing: while a run for a key is in flight, every new request for it
 * shares ONE follow-up run that starts when the current one ends. A burst of N inventory
 * messages for a show therefore ranks it at most twice (the run in flight and one after,
 * which sees every change of the burst), never N times. Each caller's promise settles
 * when a run that started after its request has finished.
 */
export class Coalescer {
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly queued = new Map<string, Promise<unknown>>();

  /** `task`'s result is shared by every caller of the run (one key's tasks return the same type). */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const next = this.queued.get(key) as Promise<T> | undefined;
    if (next) return next;
    const current = this.running.get(key);
    if (!current) return this.start(key, task);
    const follow = current
      .catch(() => undefined)
      .then(() => {
        this.queued.delete(key);
        return this.start(key, task);
      });
    this.queued.set(key, follow);
    return follow;
  }

  /** Resolves when nothing is running or queued (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running.size || this.queued.size) {
      await Promise.allSettled([...this.running.values(), ...this.queued.values()]);
    }
  }

  private start<T>(key: string, task: () => Promise<T>): Promise<T> {
    const p = task().finally(() => {
      if (this.running.get(key) === p) this.running.delete(key);
    });
    this.running.set(key, p);
    return p;
  }
}
