/**
 * A fast, non-cryptographic fingerprint of a listing's stored fields (two FNV-1a 32-bit
 * lanes → 16 hex chars), written to `listings.content_hash` so readers can tell cheaply
 * whether a row changed. Ingestion itself compares the columns. Pure.
 */
export type FingerprintField = string | number | boolean | null | readonly (string | number)[];

/**
 * The fingerprint over a listing's fields, without first joining them into one string
 * (a pull fingerprints 100k+ rows; the joined strings were pure garbage).
 * Fields are separated, and null, booleans, numbers and strings are told apart, so
 * `["1", 2]` and `[12]` differ.
 */
export function fingerprintFields(fields: readonly FingerprintField[]): string {
  // Written out without helper closures: this runs for every listing of every pull.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f];
    let tag: number;
    if (field === null) tag = 0x10004;
    else if (typeof field === 'boolean') tag = field ? 0x10005 : 0x10006;
    else if (typeof field === 'object') tag = 0x10007;
    else tag = 0x20000;
    a = Math.imul(a ^ tag, 0x01000193);
    b = Math.imul(b ^ tag, 0x01000193) ^ (b >>> 15);
    if (tag !== 0x10007 && tag !== 0x20000) continue;
    const items = tag === 0x10007 ? (field as readonly (string | number)[]) : [field as string | number];
    for (let k = 0; k < items.length; k++) {
      const v = items[k];
      let text: string;
      if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 31) {
        // Integers as two 16-bit halves, tagged apart from text.
        a = Math.imul(a ^ 0x10002, 0x01000193);
        b = Math.imul(b ^ 0x10002, 0x01000193) ^ (b >>> 15);
        a = Math.imul(a ^ (v & 0xffff), 0x01000193);
        b = Math.imul(b ^ (v & 0xffff), 0x01000193) ^ (b >>> 15);
        a = Math.imul(a ^ (v >>> 16), 0x01000193);
        b = Math.imul(b ^ (v >>> 16), 0x01000193) ^ (b >>> 15);
        continue;
      } else if (typeof v === 'number') {
        a = Math.imul(a ^ 0x10003, 0x01000193);
        b = Math.imul(b ^ 0x10003, 0x01000193) ^ (b >>> 15);
        text = String(v);
      } else {
        a = Math.imul(a ^ 0x10001, 0x01000193);
        b = Math.imul(b ^ 0x10001, 0x01000193) ^ (b >>> 15);
        text = v;
      }
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
      }
    }
    if (tag === 0x10007) {
      a = Math.imul(a ^ 0x10008, 0x01000193);
      b = Math.imul(b ^ 0x10008, 0x01000193) ^ (b >>> 15);
    }
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
