import { ALL_SHOWS } from '@hamiltix/contracts';
import type { RankedIndexReader } from './ranked-index.reader.js';
import type { RankedSnapshot } from './ranked-snapshot.js';

/**
 * The live snapshot of each scope. The `current` pointer is re-read at most every
 * `pointerTtlMs` (a safety net should a rankings.updated message be missed) and at once
 * after `invalidate`; a snapshot is replaced only when the pointer moves.
 */
export class RankedSnapshots {
  private readonly pointers = new Map<string, { version: string | null; at: number }>();
  private readonly pointerReads = new Map<string, Promise<string | null>>();
  private readonly snapshots = new Map<string, RankedSnapshot>();
  private readonly loads = new Map<string, Promise<RankedSnapshot>>();

  constructor(
    private readonly reader: RankedIndexReader,
    private readonly pointerTtlMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The scope's live snapshot, null when the index is empty. Rejects when Redis fails. */
  async get(scope: string): Promise<RankedSnapshot | null> {
    const version = await this.version(scope);
    if (version === null) return null;
    const held = this.snapshots.get(scope);
    if (held?.version === version) return held;
    const key = `${scope}\0${version}`;
    let load = this.loads.get(key);
    if (!load) {
      load = this.reader.loadSnapshot(scope, version).then(
        (s) => {
          this.loads.delete(key);
          // Keep the newest: a slow load of an older version never replaces a newer one.
          if (this.pointers.get(scope)?.version === version || !this.snapshots.has(scope))
            this.snapshots.set(scope, s);
          return s;
        },
        (e: unknown) => {
          this.loads.delete(key);
          throw e;
        },
      );
      this.loads.set(key, load);
    }
    return load;
  }

  /** A show's ranking changed: its scope and the all-shows scope must re-read their pointer. */
  invalidate(showId: string): string[] {
    const scopes = [showId, ALL_SHOWS];
    for (const s of scopes) this.pointers.delete(s);
    return scopes;
  }

  /** Versions held in memory (for metrics and tests). */
  held(): Record<string, string> {
    return Object.fromEntries([...this.snapshots].map(([s, snap]) => [s, snap.version]));
  }

  private async version(scope: string): Promise<string | null> {
    const p = this.pointers.get(scope);
    if (p && this.now() - p.at < this.pointerTtlMs) return p.version;
    let read = this.pointerReads.get(scope);
    if (!read) {
      read = this.reader.currentVersion(scope).finally(() => this.pointerReads.delete(scope));
      this.pointerReads.set(scope, read);
    }
    const version = await read;
    this.pointers.set(scope, { version, at: this.now() });
    if (version === null) this.snapshots.delete(scope);
    return version;
  }
}
