import { Logger } from '@nestjs/common';
import {
  ALL_SHOWS,
  decodeRankedSnapshot,
  encodeRankedSnapshot,
  rankedKeys,
  type RankedListingDoc,
} from '@hamiltix/contracts';
import type { Redis } from 'ioredis';
import { RankedSnapshot } from './ranked-snapshot.js';

const SCAN_COUNT = 5000;
/**
 * A snapshot is read in GETRANGE pieces of this size, this many pieces per round trip. Small
 * enough that most replies lie within one socket read (64 KiB): ioredis's parser answers
 * those as views of the read, and copies only a piece split across two reads into its pool.
 */
const PIECE_BYTES = 16 * 1024;
const PIECES_PER_TRIP = 64;

/**
 * Reads the ranked indexes exactly as libs/contracts/src/ranked-index.ts lays them out.
 * A version is immutable once its pointer is live, so it is read once into memory: from
 * its columnar snapshot key in one GET when ranking wrote one, else (an index written
 * before snapshots existed) from the docs hash, turned into the same columns here.
 */
export class RankedIndexReader {
  private readonly logger = new Logger(RankedIndexReader.name);

  constructor(private readonly redis: Redis) {}

  /**
   * The newest version of a scope whose snapshot is complete, or null when ranking has not
   * written one (empty index). Search needs only the snapshot, so it follows the snapshot
   * pointer, which ranking swaps before writing that version's zsets and docs; an index
   * written without that pointer falls back to `current`.
   */
  async currentVersion(scope: string): Promise<string | null> {
    const [snapshot, current] = await this.redis.mget(
      rankedKeys.currentSnapshot(scope),
      rankedKeys.current(scope),
    );
    return snapshot ?? current;
  }

  /**
   * The show whose snapshot an all-shows version is a copy of: an all-shows index built from
   * one show's ranking is that show's snapshot copied inside Redis (ranking's rebuildAllShows),
   * byte for byte. Undefined when it holds several shows (composed) or its meta is gone.
   */
  async copiedShow(version: string): Promise<{ scope: string; version: string } | undefined> {
    const raw = await this.redis.get(rankedKeys.meta(ALL_SHOWS, version));
    const versions = raw ? (JSON.parse(raw) as { versions?: Record<string, string> }).versions : undefined;
    const entries = Object.entries(versions ?? {});
    return entries.length === 1 ? { scope: entries[0][0], version: entries[0][1] } : undefined;
  }

  async loadSnapshot(scope: string, version: string): Promise<RankedSnapshot> {
    const bytes = await this.readWhole(rankedKeys.snapshot(scope, version));
    if (bytes) return new RankedSnapshot(scope, version, decodeRankedSnapshot(bytes));
    const docs = await this.loadDocs(scope, version);
    return new RankedSnapshot(scope, version, decodeRankedSnapshot(encodeRankedSnapshot(docs)));
  }

  /**
   * A string value into a Buffer of exactly its size (its own memory, 8-aligned for the
   * typed views), or null when the key does not exist. Not one GET: ioredis's parser copies
   * a reply larger than a socket read into a shared pool three times its size and answers a
   * slice of it, so each held snapshot kept a pool of ~3× its size alive (search-api's RSS
   * under churn). Pieces of PIECE_BYTES keep that pool small and its copies few (the reads
   * themselves are garbage once copied out, ~the snapshot's size per load, until V8's next
   * full collection); a version never changes once written, so the pieces agree (a key that
   * expires meanwhile fails the load, retried).
   */
  private async readWhole(key: string): Promise<Buffer | null> {
    const length = await this.redis.strlen(key);
    if (length === 0) return null;
    const out = Buffer.allocUnsafeSlow(length);
    for (let at = 0; at < length; at += PIECE_BYTES * PIECES_PER_TRIP) {
      const trip = this.redis.pipeline();
      const starts: number[] = [];
      for (let s = at; s < length && s < at + PIECE_BYTES * PIECES_PER_TRIP; s += PIECE_BYTES) {
        starts.push(s);
        trip.getrangeBuffer(key, s, Math.min(length, s + PIECE_BYTES) - 1);
      }
      const replies = (await trip.exec()) ?? [];
      starts.forEach((s, i) => {
        const [error, piece] = replies[i] ?? [new Error('no reply')];
        if (error) throw error;
        const want = Math.min(length, s + PIECE_BYTES) - s;
        if (!(piece instanceof Buffer) || piece.length !== want)
          throw new Error(`${key} changed or expired while being read`);
        piece.copy(out, s);
      });
    }
    return out;
  }

  private async loadDocs(scope: string, version: string): Promise<RankedListingDoc[]> {
    const key = rankedKeys.docs(scope, version);
    const docs: RankedListingDoc[] = [];
    let cursor = '0';
    let bad = 0;
    do {
      const [next, flat] = await this.redis.hscan(key, cursor, 'COUNT', SCAN_COUNT);
      cursor = next;
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const doc = parseDoc(flat[i + 1]);
        if (doc) docs.push(doc);
        else bad++;
      }
    } while (cursor !== '0');
    if (bad) this.logger.warn(`${bad} unreadable doc(s) skipped in ${key}`);
    return docs;
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
