import { Logger } from '@nestjs/common';
import { ALL_SHOWS, applyRankedDelta, type RankedDelta } from '@hamiltix/contracts';
import { collectGarbageSoon } from '@hamiltix/platform';
import type { RankedIndexReader } from './ranked-index.reader.js';
import { RankedSnapshot } from './ranked-snapshot.js';

/** After a failed load, wait this long before trying the same version again. */
const RETRY_AFTER_MS = 1000;
/** After a failed pointer read, requests go to Postgres without asking Redis for this long. */
const DOWN_RECHECK_MS = 250;
/**
 * How long a version made from a delta is kept while Redis's pointer still names its base
 * (ranking writes the version to Redis after sending the delta); past that, Redis wins.
 */
export const AHEAD_OF_REDIS_MS = 15_000;

/**
 * The live snapshot of each scope. The `current` pointer is re-read at most every
 * `pointerTtlMs` (a safety net should a rankings.updated message be missed) and at once
 * after `invalidate`, which also starts loading the new version right away.
 *
 * A request never waits for a version to load: while a new version loads, the previous
 * one keeps answering (it stays readable in Redis for OLD_VERSION_TTL_SECONDS, and answers
 * are consistent within it); with no version held yet, `get` answers null and the caller
 * answers from Postgres (`loading(scope)` tells why).
 *
 * A ranked delta (applyDelta) moves a held scope from its base version to the next one in
 * memory, without reading Redis: the pointer then counts as the new version while Redis
 * still names the base (up to AHEAD_OF_REDIS_MS); any other version Redis names is loaded
 * from it as usual, so a delta never mixes with a version it was not made for.
 */
export class RankedSnapshots {
  private readonly logger = new Logger(RankedSnapshots.name);
  private readonly pointers = new Map<string, { version: string | null; at: number }>();
  private readonly pointerReads = new Map<string, Promise<string | null>>();
  private readonly snapshots = new Map<string, RankedSnapshot>();
  private readonly loads = new Map<string, Promise<RankedSnapshot>>();
  private readonly failures = new Map<string, number>();
  /** Scopes requests asked for: worth loading as soon as their ranking changes. */
  private readonly wanted = new Set<string>();
  /** Scopes whose held version a delta made, while Redis may still name `base`. */
  private readonly ahead = new Map<string, { base: string; version: string; until: number }>();
  private down?: { until: number; error: unknown };

  constructor(
    private readonly reader: RankedIndexReader,
    private readonly pointerTtlMs: number,
    /** Epoch ms from the process's clock (search.module wires the CLOCK provider). */
    private readonly now: () => number,
    private readonly onLoaded: (scope: string, ms: number, size: number) => void = () => undefined,
    /**
     * After each load (the socket reads it was made from are garbage, as much as the snapshot)
     * and each version a delta replaced (collectGarbageSoon).
     */
    private readonly collectGarbage: () => void = collectGarbageSoon,
  ) {}

  /**
   * The scope's snapshot to answer from now: the live version when loaded, else the
   * previous one while the live one loads, else null (empty index, or nothing loaded yet).
   * Rejects when Redis fails (the pointer cannot be read).
   */
  async get(scope: string): Promise<RankedSnapshot | null> {
    this.wanted.add(scope);
    const version = await this.version(scope);
    if (version === null) return null;
    const held = this.snapshots.get(scope);
    if (held?.version === version) return held;
    this.load(scope, version);
    return held ?? null;
  }

  /**
   * `get(scope)`, else the all-shows snapshot (it holds every show's listings): what an
   * endpoint answers one show from. Rejects when Redis fails.
   */
  async getOrAllShows(scope: string): Promise<RankedSnapshot | null> {
    return (await this.get(scope)) ?? (scope !== ALL_SHOWS ? await this.get(ALL_SHOWS) : null);
  }

  /** The scope's snapshot once its live version is loaded (start-up warm-up, tests, benches). */
  async ready(scope: string): Promise<RankedSnapshot | null> {
    this.wanted.add(scope);
    const version = await this.version(scope);
    if (version === null) return null;
    const held = this.snapshots.get(scope);
    if (held?.version === version) return held;
    return this.load(scope, version) ?? this.snapshots.get(scope) ?? null;
  }

  /** True while the scope has a live version that is not loaded yet. */
  loading(scope: string): boolean {
    for (const key of this.loads.keys()) if (key.startsWith(`${scope}\0`)) return true;
    return false;
  }

  /**
   * The held snapshot of a scope when its pointer was checked within the TTL: what a
   * request would be answered from, known without awaiting anything (the fast path).
   */
  peek(scope: string): RankedSnapshot | undefined {
    const p = this.pointers.get(scope);
    if (!p || this.now() - p.at >= this.pointerTtlMs) return undefined;
    const held = this.snapshots.get(scope);
    return held && held.version === p.version ? held : undefined;
  }

  /**
   * A show's ranking changed: its scope and the all-shows scope re-read their pointer, and
   * the scopes requests use start loading their new version now (not at the next request).
   */
  invalidate(showId: string): string[] {
    const scopes = [showId, ALL_SHOWS];
    for (const s of scopes) {
      this.pointers.delete(s);
      if (this.wanted.has(s)) this.get(s).catch(() => undefined);
    }
    return scopes;
  }

  /**
   * Applies a ranked delta to each of its scopes held at exactly the delta's base version
   * (others are left to Redis: their next pointer read loads the new version). Returns the
   * scopes it moved to their new version.
   */
  applyDelta(delta: RankedDelta): string[] {
    const moved: string[] = [];
    const made = new Map<string, RankedSnapshot>();
    for (const { scope, base, version, copyOf } of delta.scopes) {
      const held = this.snapshots.get(scope);
      if (held?.version !== base) continue;
      // A copy of a scope just moved (same bytes in, same bytes out): its columns, shared.
      const copied = copyOf === undefined ? undefined : made.get(copyOf);
      const columns = copied?.columns ?? applyRankedDelta(held.columns, delta);
      const next = new RankedSnapshot(scope, version, columns);
      made.set(scope, next);
      this.snapshots.set(scope, next);
      if (!copied) this.collectGarbage();
      this.pointers.set(scope, { version, at: this.now() });
      this.ahead.set(scope, { base, version, until: this.now() + AHEAD_OF_REDIS_MS });
      moved.push(scope);
    }
    return moved;
  }

  /** How many scopes have any state here (pointers, snapshots, wanted): one per show asked for, at most. */
  get scopeCount(): number {
    return new Set([...this.pointers.keys(), ...this.snapshots.keys(), ...this.wanted]).size;
  }

  /** Versions held in memory (for metrics and tests). */
  held(): Record<string, string> {
    return Object.fromEntries([...this.snapshots].map(([s, snap]) => [s, snap.version]));
  }

  /** Starts (once) loading a version; undefined while a recent failure is being waited out. */
  private load(scope: string, version: string): Promise<RankedSnapshot> | undefined {
    const key = `${scope}\0${version}`;
    const running = this.loads.get(key);
    if (running) return running;
    const failedAt = this.failures.get(key);
    if (failedAt !== undefined && this.now() - failedAt < RETRY_AFTER_MS) return undefined;
    const started = performance.now();
    const load = this.fetch(scope, version).then(
      (s) => {
        this.loads.delete(key);
        this.failures.delete(key);
        // Keep the newest: a slow load of an older version never replaces a newer one.
        if (this.pointers.get(scope)?.version === version || !this.snapshots.has(scope))
          this.snapshots.set(scope, s);
        this.collectGarbage();
        this.onLoaded(scope, performance.now() - started, s.size);
        return s;
      },
      (e: unknown) => {
        this.loads.delete(key);
        this.failures.set(key, this.now());
        this.logger.warn(`loading ${scope}@${version} failed: ${(e as Error).message}`);
        throw e;
      },
    );
    // Background loads must not surface as unhandled rejections.
    load.catch(() => undefined);
    this.loads.set(key, load);
    return load;
  }

  /**
   * A version from Redis. The all-shows scope of a single show is that show's snapshot copied
   * (RankedIndexReader.copiedShow): the show's version is loaded (unless held or loading) and
   * its columns shared, not read and held a second time (~32 MB at the default inventory,
   * twice while a new version loads beside the old).
   */
  private async fetch(scope: string, version: string): Promise<RankedSnapshot> {
    if (scope === ALL_SHOWS) {
      const from = await this.reader.copiedShow(version).catch(() => undefined);
      if (from) {
        const held = this.snapshots.get(from.scope);
        // Not held: loaded as the show's version (or joined, when loading), then shared. Loaded
        // here as the all-shows scope's own, the same bytes were held twice once the show's
        // scope was asked for too (until both moved on: search-api's RSS peak after start).
        const show =
          held?.version === from.version
            ? held
            : await this.load(from.scope, from.version)?.catch(() => undefined);
        if (show) return new RankedSnapshot(ALL_SHOWS, version, show.columns);
      }
    }
    return this.reader.loadSnapshot(scope, version);
  }

  private async version(scope: string): Promise<string | null> {
    const p = this.pointers.get(scope);
    if (p && this.now() - p.at < this.pointerTtlMs) return p.version;
    // Redis just failed: answer "down" at once for a moment instead of asking it per request.
    if (this.down && this.now() < this.down.until) throw this.down.error;
    let read = this.pointerReads.get(scope);
    if (!read) {
      read = this.reader.currentVersion(scope).then(
        (v) => {
          this.down = undefined;
          return v;
        },
        (error: unknown) => {
          this.down = { until: this.now() + DOWN_RECHECK_MS, error };
          throw error;
        },
      );
      read.finally(() => this.pointerReads.delete(scope)).catch(() => undefined);
      this.pointerReads.set(scope, read);
    }
    let version = await read;
    const ahead = this.ahead.get(scope);
    if (ahead && version === ahead.base && this.now() < ahead.until) version = ahead.version;
    else if (ahead) this.ahead.delete(scope);
    this.pointers.set(scope, { version, at: this.now() });
    if (version === null) this.snapshots.delete(scope);
    return version;
  }
}
