import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { RANK_SORTS, type RankSort } from '@hamiltix/contracts';
import { z } from 'zod';
import { QueryError } from '../query/query-errors.js';

/**
 * Where the next page starts: the last item's (score, id) in the sort's order, so a page
 * continues after that item whatever the version (keyset paging). Scores are those of
 * the ranked index (RANK_SCORES: ascending, "best first" stored negated).
 */
export interface CursorPosition {
  /** Ranked-index version the page came from ("pg" when served by the Postgres fallback). */
  version: string;
  sort: RankSort;
  /** Hash of the canonical filters: a cursor only continues the query it came from. */
  filters: string;
  score: number;
  id: string;
}

const payloadSchema = z.strictObject({
  v: z.string().min(1).max(64),
  s: z.enum(RANK_SORTS),
  f: z.string().regex(/^[0-9a-f]{16}$/),
  k: z.number().finite(),
  i: z.string().regex(/^\d{1,20}$/),
});

const MAC_BYTES = 16;

/**
 * Opaque, tamper-evident cursors: base64url(JSON) + "." + base64url(HMAC-SHA256)[:16 bytes].
 * A forged, garbled or foreign cursor is a QueryError (400), never a wrong page.
 */
export class CursorCodec {
  constructor(private readonly key: Buffer) {
    if (key.length < 16) throw new Error('cursor key must be at least 16 bytes');
  }

  /**
   * Every replica must sign with the same key, so it is derived from a secret all of
   * them share (SEARCH_CURSOR_KEY, search-api's own) instead of a per-process random one.
   */
  static fromSharedSecret(secret: string): CursorCodec {
    return new CursorCodec(createHash('sha256').update(`hamiltix-search-cursor-v1\0${secret}`).digest());
  }

  static filtersHash(canonicalFilters: string): string {
    return createHash('sha256').update(canonicalFilters).digest('hex').slice(0, 16);
  }

  encode(p: CursorPosition): string {
    const body = Buffer.from(
      JSON.stringify({ v: p.version, s: p.sort, f: p.filters, k: p.score, i: p.id }),
    ).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** Checks the signature, then that the cursor belongs to this sort and these filters. */
  decode(cursor: string, expected: { sort: RankSort; filters: string }): CursorPosition {
    const bad = () =>
      new QueryError('cursor', 'cursor: not a cursor this API issued; pass nextCursor exactly as received');
    const dot = cursor.indexOf('.');
    if (dot <= 0 || dot !== cursor.lastIndexOf('.')) throw bad();
    const body = cursor.slice(0, dot);
    const sig = cursor.slice(dot + 1);
    if (!/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]+$/.test(sig)) throw bad();
    const given = Buffer.from(sig, 'base64url');
    const want = this.mac(body);
    if (given.length !== want.length || !timingSafeEqual(given, want)) throw bad();
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw bad();
    }
    const parsed = payloadSchema.safeParse(json);
    if (!parsed.success) throw bad();
    const p = parsed.data;
    if (p.s !== expected.sort) {
      throw new QueryError(
        'cursor',
        `cursor: it continues sort=${p.s}, not sort=${expected.sort}; start again without a cursor`,
      );
    }
    if (p.f !== expected.filters) {
      throw new QueryError(
        'cursor',
        'cursor: it belongs to other filters; start again without a cursor when the filters change',
      );
    }
    return { version: p.v, sort: p.s, filters: p.f, score: p.k, id: p.i };
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, MAC_BYTES);
  }
}

/**
 * The order of every ranked index: score ascending, ties by member (listing id) in
 * byte order, as Redis sorts a zset. True when (score, id) comes after the cursor.
 */
export function isAfter(score: number, id: string, c: { score: number; id: string }): boolean {
  return score > c.score || (score === c.score && id > c.id);
}
