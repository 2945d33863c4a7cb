import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The content codings search-api answers in, best first (identity when none is accepted). */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Bodies shorter than this are sent as they are: the saving would not pay for the header. */
export const COMPRESS_MIN_LENGTH = 1024;

/**
 * An answer's body and its compressed copies, made on the first request that asks for each
 * and kept with the answer (null: not worth it), so a cached answer is compressed once, not
 * once per request.
 */
export interface Encodable {
  body: string;
  encoded?: Partial<Record<Encoding, Buffer | null>>;
}

/**
 * The coding to answer in for this Accept-Encoding (RFC 9110 §12.5.3): the accepted one
 * (q > 0, named or by `*`) with the highest q, br before gzip on a tie; undefined for
 * identity (no header, or neither accepted).
 */
export function acceptedEncoding(header: string | string[] | undefined): Encoding | undefined {
  if (!header) return undefined;
  // Every request of the fast path asks; browsers send one of a few headers, byte for byte.
  if (header === lastHeader) return lastChoice;
  const choice = negotiate(header);
  if (typeof header === 'string') [lastHeader, lastChoice] = [header, choice];
  return choice;
}

let lastHeader: string | undefined;
let lastChoice: Encoding | undefined;

function negotiate(header: string | string[]): Encoding | undefined {
  const q: Partial<Record<string, number>> = {};
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name, ...params] = part.split(';');
    const coding = name.trim().toLowerCase();
    if (!coding) continue;
    const weight = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)).find(Boolean);
    q[coding] = weight ? Number(weight[1]) : 1;
  }
  let best: Encoding | undefined;
  let bestQ = 0;
  for (const coding of ENCODINGS) {
    const weight = q[coding] ?? q['*'] ?? 0;
    if (weight > bestQ) [best, bestQ] = [coding, weight];
  }
  return best;
}

/**
 * The body in `encoding`, compressed once and kept on `answer`; undefined when the body is
 * short or its compressed copy is not at most half its length (so the copies of an answer
 * never take more bytes than its body has characters: see the caches' entryBytes).
 */
export function encodedBody(answer: Encodable, encoding: Encoding): Buffer | undefined {
  const kept = answer.encoded?.[encoding];
  if (kept !== undefined) return kept ?? undefined;
  let copy: Buffer | null = null;
  if (answer.body.length >= COMPRESS_MIN_LENGTH) {
    const compressed = compress(answer.body, encoding);
    if (compressed.length <= answer.body.length / 2) copy = compressed;
  }
  answer.encoded = { ...answer.encoded, [encoding]: copy };
  return copy ?? undefined;
}

function compress(body: string, encoding: Encoding): Buffer {
  if (encoding === 'gzip') return gzipSync(body);
  // Quality 5: most of quality 11's saving on JSON at a small part of its time (once per answer).
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body),
    },
  });
}
