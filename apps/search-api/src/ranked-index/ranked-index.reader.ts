import { Logger } from '@nestjs/common';
import { rankedKeys, RANK_SORTS, type RankedListingDoc, type RankSort } from '@hamiltix/contracts';
import type { Redis } from 'ioredis';
import type { RankedSnapshot, SortedDocs } from './ranked-snapshot.js';

const SCAN_COUNT = 5000;
const RANGE_CHUNK = 25_000;

/**
 * Reads the ranked indexes exactly as libs/contracts/src/ranked-index.ts lays them out.
 * A version is immutable once its pointer is live, so it is read once into memory and
 * every query of that version is answered from there.
 */
export class RankedIndexReader {
  private readonly logger = new Logger(RankedIndexReader.name);

  constructor(private readonly redis: Redis) {}

  /** The live version of a scope, or null when ranking has not written one (empty index). */
  async currentVersion(scope: string): Promise<string | null> {
    return this.redis.get(rankedKeys.current(scope));
  }

  async loadSnapshot(scope: string, version: string): Promise<RankedSnapshot> {
    const docs = await this.loadDocs(scope, version);
    const orders = new Map<RankSort, Promise<SortedDocs>>();
    return {
      scope,
      version,
      docs,
      order: (sort) => {
        let p = orders.get(sort);
        if (!p) {
          p = this.loadOrder(scope, version, sort, docs);
          // A failed load (Redis away) must not stick: the next request tries again.
          p.catch(() => orders.delete(sort));
          orders.set(sort, p);
        }
        return p;
      },
    };
  }

  /** Loads every order now (a warm-up, so the first buyer does not wait for it). */
  async preload(snapshot: RankedSnapshot): Promise<void> {
    await Promise.all(RANK_SORTS.map((s) => snapshot.order(s)));
  }

  private async loadDocs(scope: string, version: string): Promise<Map<string, RankedListingDoc>> {
    const key = rankedKeys.docs(scope, version);
    const docs = new Map<string, RankedListingDoc>();
    let cursor = '0';
    let bad = 0;
    do {
      const [next, flat] = await this.redis.hscan(key, cursor, 'COUNT', SCAN_COUNT);
      cursor = next;
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const doc = parseDoc(flat[i + 1]);
        if (doc) docs.set(flat[i], doc);
        else bad++;
      }
    } while (cursor !== '0');
    if (bad) this.logger.warn(`${bad} unreadable doc(s) skipped in ${key}`);
    return docs;
  }

  private async loadOrder(
    scope: string,
    version: string,
    sort: RankSort,
    docs: ReadonlyMap<string, RankedListingDoc>,
  ): Promise<SortedDocs> {
    const key = rankedKeys.sorted(scope, version, sort);
    const outDocs: RankedListingDoc[] = [];
    const scores: number[] = [];
    for (let start = 0; ; start += RANGE_CHUNK) {
      const flat = await this.redis.zrange(key, start, start + RANGE_CHUNK - 1, 'WITHSCORES');
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const doc = docs.get(flat[i]);
        // A member without a doc cannot be shown; skipping it keeps the order intact.
        if (!doc) continue;
        outDocs.push(doc);
        scores.push(Number(flat[i + 1]));
      }
      if (flat.length < RANGE_CHUNK * 2) break;
    }
    return { docs: outDocs, scores: Float64Array.from(scores) };
  }
}

function parseDoc(json: string): RankedListingDoc | null {
  try {
    const d = JSON.parse(json) as RankedListingDoc;
    return d && typeof d === 'object' && d.item && typeof d.item.id === 'string' ? d : null;
  } catch {
    return null;
  }
}
