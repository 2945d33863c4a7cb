/**
 * A fast, non-cryptographic fingerprint of a listing's stored fields (two FNV-1a 32-bit
 * lanes → 16 hex chars), written to `listings.content_hash` so readers can tell cheaply
 * whether a row changed. Ingestion itself compares the columns. Pure.
 */
export function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export type FingerprintField = string | number | boolean | null | readonly (string | number)[];

/**
 * The same kind of fingerprint over a listing's fields, without first joining them into
 * one string (a pull fingerprints 100k+ rows; the joined strings were pure garbage).
 * Fields are separated, and null, booleans, numbers and strings are told apart, so
 * `["1", 2]` and `[12]` differ.
 */
export function fingerprintFields(fields: readonly FingerprintField[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const mix = (c: number) => {
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  };
  const value = (v: string | number) => {
    if (typeof v === 'string') {
      mix(0x10001);
      for (let i = 0; i < v.length; i++) mix(v.charCodeAt(i));
    } else if (Number.isInteger(v) && Math.abs(v) < 2 ** 31) {
      mix(0x10002);
      mix(v & 0xffff);
      mix(v >>> 16);
    } else {
      mix(0x10003);
      const s = String(v);
      for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
    }
  };
  for (const f of fields) {
    mix(0x20000);
    if (f === null) mix(0x10004);
    else if (typeof f === 'boolean') mix(f ? 0x10005 : 0x10006);
    else if (typeof f === 'object') {
      mix(0x10007);
      for (const e of f) value(e);
      mix(0x10008);
    } else value(f);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
