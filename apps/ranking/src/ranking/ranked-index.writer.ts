import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ALL_SHOWS, OLD_VERSION_TTL_SECONDS, RANK_SORTS, rankedKeys } from '@hamiltix/contracts';
import type { Clock } from '@hamiltix/domain';
import { CLOCK, collectYoungGarbage, REDIS } from '@hamiltix/platform';
import type { Redis } from 'ioredis';

/** Bytes per command when a snapshot is written. */
const SNAPSHOT_PIECE_BYTES = 4 * 1024 * 1024;

export interface IndexMeta {
  showIds: string[];
  listings: number;
  builtAt: string;
  /** All-shows index only: the version of each show it was built from. */
  versions?: Record<string, string>;
}

/**
 * Writes the ranked indexes as libs/contracts/src/ranked-index.ts lays them out, as the
 * columnar snapshot only: search-api reads nothing else (the zsets and docs hash of a
 * version are for readers of older indexes, and are no longer written: they were half of
 * ranking's Redis time and a JSON string per listing in its heap). Every rebuild goes under
 * a fresh version's keys, then the scope's pointers are swapped, so a reader sees the old
 * index or the new one, never a half-built one; the replaced version expires after
 * OLD_VERSION_TTL_SECONDS.
 */
@Injectable()
export class RankedIndexWriter {
  /** Bytes per command when a snapshot is written (tests lower it). */
  pieceBytes = SNAPSHOT_PIECE_BYTES;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A fresh version id (time-ordered prefix, random tail): one per rebuild of a scope. */
  newVersion(): string {
    return `${this.clock.now().getTime().toString(36)}${randomBytes(3).toString('hex')}`;
  }

  /**
   * Writes one scope's snapshot under a new version and swaps it in. Returns the version id.
   * `snapshot` is the bytes, or another scope's version to copy inside Redis (COPY: the
   * all-shows index of a single show is that show's snapshot, and tens of MB need not travel
   * through this process again). `version`: one drawn by newVersion() beforehand, when a
   * ranked delta already announced it (libs/contracts ranked-delta.ts).
   */
  async publish(
    scope: string,
    snapshot: Uint8Array | { scope: string; version: string },
    meta: Omit<IndexMeta, 'builtAt'>,
    version = this.newVersion(),
  ): Promise<string> {
    const builtAt = this.clock.now();
    const full: IndexMeta = { ...meta, builtAt: builtAt.toISOString() };
    const write = this.redis.multi();
    if (snapshot instanceof Uint8Array) {
      // In pieces (SET, then APPENDs): one command of tens of MB outlived the client's 2 s
      // command timeout on a loaded node. The version is invisible until the swap anyway.
      const key = rankedKeys.snapshot(scope, version);
      const bytes = Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength);
      const size = this.pieceBytes;
      // Every piece but the last now; the last in the transaction with the meta.
      let at = 0;
      for (; at + size < bytes.length; at += size) {
        const piece = bytes.subarray(at, at + size);
        await (at === 0 ? this.redis.set(key, piece) : this.redis.append(key, piece));
        // ioredis wrote the piece from a copy of its own, dead now: freed at once, not left
        // beside the next ones until V8 collects (one 4 MiB copy per piece: 28 MiB at
        // 57,800 listings on top of ranking's peak, issue 12).
        collectYoungGarbage();
      }
      if (at === 0) write.set(key, bytes);
      else write.append(key, bytes.subarray(at));
    } else {
      write.copy(rankedKeys.snapshot(snapshot.scope, snapshot.version), rankedKeys.snapshot(scope, version));
    }
    const written = await write
      .set(rankedKeys.meta(scope, version), JSON.stringify(full))
      .exec()
      .then(throwFirst);
    if (!(snapshot instanceof Uint8Array) && written[0][1] !== 1)
      throw new Error(`snapshot of ${snapshot.scope} version ${snapshot.version} is gone`);
    // The swap: both pointers in one transaction, each answering the version it replaced.
    const swapped = await this.redis
      .multi()
      .set(rankedKeys.currentSnapshot(scope), version, 'GET')
      .set(rankedKeys.current(scope), version, 'GET')
      .exec()
      .then(throwFirst);
    // The replaced version expires; so does a snapshot-only version a crash left behind.
    const replaced = new Set(
      swapped.map(([, v]) => v as string | null).filter((v): v is string => !!v && v !== version),
    );
    if (replaced.size) {
      const expire = this.redis.pipeline();
      for (const old of replaced)
        for (const key of versionKeys(scope, old)) expire.expire(key, OLD_VERSION_TTL_SECONDS);
      await expire.exec();
    }
    return version;
  }

  async currentVersion(scope: string): Promise<string | null> {
    return this.redis.get(rankedKeys.current(scope));
  }

  async meta(scope: string, version?: string | null): Promise<IndexMeta | null> {
    version ??= await this.currentVersion(scope);
    if (!version) return null;
    const raw = await this.redis.get(rankedKeys.meta(scope, version));
    return raw ? (JSON.parse(raw) as IndexMeta) : null;
  }

  /** The snapshot of one version of a scope (to build ALL_SHOWS from each show's live index). */
  async snapshot(scope: string, version: string): Promise<Buffer | null> {
    return this.redis.getBuffer(rankedKeys.snapshot(scope, version));
  }
}

/**
 * Every key of a version, to expire it. The zsets and docs are no longer written; they are
 * listed for versions written before that (the first swap after an upgrade replaces one).
 */
export function versionKeys(scope: string, version: string): string[] {
  return [
    ...RANK_SORTS.map((sort) => rankedKeys.sorted(scope, version, sort)),
    rankedKeys.docs(scope, version),
    rankedKeys.meta(scope, version),
    rankedKeys.snapshot(scope, version),
  ];
}

function throwFirst(results: [Error | null, unknown][] | null): [Error | null, unknown][] {
  if (!results) throw new Error('Redis transaction aborted');
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0] as Error;
  return results;
}

export { ALL_SHOWS };
