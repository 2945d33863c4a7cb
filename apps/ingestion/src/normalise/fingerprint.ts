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
