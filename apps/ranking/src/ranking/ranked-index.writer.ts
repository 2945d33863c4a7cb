import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  ALL_SHOWS,
  OLD_VERSION_TTL_SECONDS,
  RANK_SORTS,
  type RankedListingDoc,
  encodeRankedSnapshot,
  rankedKeys,
  rankScoreOf,
} from '@hamiltix/contracts';
import type { Clock } from '@hamiltix/domain';
import { CLOCK, REDIS } from '@hamiltix/platform';
import type { Redis } from 'ioredis';

/** Members per ZADD / fields per HSET: big enough to amortise, small enough not to stall Redis. */
const CHUNK = 1000;
/**
 * Commands sent per round trip. The shared client fails any command not answered within
 * its command timeout (2 s), and in one huge pipeline the last commands queue behind all
 * the others: 60k listings in one pipeline timed out under load. Rounds keep every
 * command's wait short; the version's keys stay invisible until the pointer swap anyway.
 */
const COMMANDS_PER_ROUND = 40;

/**
 * A doc's JSON and a doc set's snapshot, by identity: a show's docs are published for the
 * show and again inside the all-shows index (the very same set when there is one show), so
 * each doc is serialised once and an identical set encoded once. Docs are never mutated
 * after buildDocs; weak keys let them go with the version that held them.
 */
const docJson = new WeakMap<RankedListingDoc, string>();
const snapshots = new WeakMap<readonly RankedListingDoc[], Uint8Array>();

function jsonOf(d: RankedListingDoc): string {
  let json = docJson.get(d);
  if (json === undefined) {
    json = JSON.stringify(d);
    docJson.set(d, json);
  }
  return json;
}

function snapshotOf(docs: readonly RankedListingDoc[]): Uint8Array {
  let bytes = snapshots.get(docs);
  if (!bytes) {
    bytes = encodeRankedSnapshot(docs);
    snapshots.set(docs, bytes);
  }
  return bytes;
}

export interface IndexMeta {
  showIds: string[];
  listings: number;
  builtAt: string;
  /** All-shows index only: the version of each show it was built from. */
  versions?: Record<string, string>;
}

/**
 * Writes the ranked indexes exactly as libs/contracts/src/ranked-index.ts lays them out:
 * every rebuild goes under a fresh version's keys (pipelined), then the scope's `current`
 * pointer is swapped with one SET, so a reader sees the old index or the new one, never
 * a half-built one; the replaced version expires after OLD_VERSION_TTL_SECONDS.
 */
@Injectable()
export class RankedIndexWriter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Builds and swaps in one scope's index. Returns the new version id. */
  async publish(
    scope: string,
    docs: readonly RankedListingDoc[],
    showIds: string[],
    versions?: Record<string, string>,
  ): Promise<string> {
    const builtAt = this.clock.now();
    const version = `${builtAt.getTime().toString(36)}${randomBytes(3).toString('hex')}`;
    const pipe = new RoundedPipeline(this.redis, COMMANDS_PER_ROUND);
    // The columnar snapshot first, and its own pointer at once: search-api reads only the
    // snapshot, so a new ranking is visible there before the zsets and docs are written.
    const snapshot = snapshotOf(docs);
    const meta: IndexMeta = { showIds, listings: docs.length, builtAt: builtAt.toISOString(), versions };
    await pipe.add((p) =>
      p.set(
        rankedKeys.snapshot(scope, version),
        Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength),
      ),
    );
    await pipe.add((p) => p.set(rankedKeys.meta(scope, version), JSON.stringify(meta)));
    await pipe.flush();
    const previousSnapshot = (await this.redis.call(
      'SET',
      rankedKeys.currentSnapshot(scope),
      version,
      'GET',
    )) as string | null;
    for (let s = 0; s < docs.length; s += CHUNK) {
      const chunk = docs.slice(s, s + CHUNK);
      for (const sort of RANK_SORTS) {
        const args: (string | number)[] = [];
        for (const d of chunk) {
          args.push(rankScoreOf(d, sort), d.item.id);
        }
        await pipe.add((p) => p.zadd(rankedKeys.sorted(scope, version, sort), ...args));
      }
      const fields: string[] = [];
      for (const d of chunk) fields.push(d.item.id, jsonOf(d));
      await pipe.add((p) => p.hset(rankedKeys.docs(scope, version), ...fields));
    }
    await pipe.flush();

    // The swap: one command. Readers of the zsets and docs resolve `current` first, then
    // read that version only; it becomes live only now that every key of it is written.
    const previous = (await this.redis.call('SET', rankedKeys.current(scope), version, 'GET')) as
      string | null;
    // The replaced version expires; so does a snapshot-only version a crash left behind.
    const replaced = new Set([previous, previousSnapshot].filter((v): v is string => !!v && v !== version));
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

  async meta(scope: string): Promise<IndexMeta | null> {
    const version = await this.currentVersion(scope);
    if (!version) return null;
    const raw = await this.redis.get(rankedKeys.meta(scope, version));
    return raw ? (JSON.parse(raw) as IndexMeta) : null;
  }

  /** The docs of one version of a scope, to rebuild ALL_SHOWS from each show's live index. */
  async docsOf(scope: string, version: string): Promise<RankedListingDoc[]> {
    const all = await this.redis.hvals(rankedKeys.docs(scope, version));
    return all.map((json) => {
      const doc = JSON.parse(json) as RankedListingDoc;
      // Re-published in the all-shows index: keep the JSON Redis gave rather than re-serialise.
      docJson.set(doc, json);
      return doc;
    });
  }
}

export function versionKeys(scope: string, version: string): string[] {
  return [
    ...RANK_SORTS.map((sort) => rankedKeys.sorted(scope, version, sort)),
    rankedKeys.docs(scope, version),
    rankedKeys.meta(scope, version),
    rankedKeys.snapshot(scope, version),
  ];
}

export { ALL_SHOWS };

type Pipeline = ReturnType<Redis['pipeline']>;

/** A pipeline sent in rounds of at most `size` commands; throws the first command error. */
class RoundedPipeline {
  private pipe: Pipeline;
  private queued = 0;

  constructor(
    private readonly redis: Redis,
    private readonly size: number,
  ) {
    this.pipe = redis.pipeline();
  }

  async add(command: (pipe: Pipeline) => unknown): Promise<void> {
    command(this.pipe);
    if (++this.queued >= this.size) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.queued === 0) return;
    const pipe = this.pipe;
    this.pipe = this.redis.pipeline();
    this.queued = 0;
    const results = await pipe.exec();
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0] as Error;
  }
}
