/**
 * Deterministic hashing for the simulated market. Every random-looking fact of the
 * sandbox (which seats are listed, their price at a time, when they sell) is a pure
 * function of the seed and a few integers, so two sandboxes with the same seed and the
 * same clock answer byte for byte the same.
 */

const TWO_32 = 4_294_967_296;

function mix(h: number, v: number): number {
  let k = Math.imul(v | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalise(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit hash of integers (safe integers above 2^32 are hashed in two halves). */
export function hash32(...values: number[]): number {
  let h = 0x9747b28c;
  for (const v of values) {
    h = mix(h, v);
    if (v >= TWO_32 || v < 0) h = mix(h, Math.floor(v / TWO_32));
  }
  return finalise(h);
}

/** Hash of a base hash and up to two small integers: the hot path, no argument arrays. */
export function hashStep(base: number, a: number, b = 0): number {
  return finalise(mix(mix(base, a), b));
}

/** Uniform in [0, 1) from a base hash and a step. */
export function unitStep(base: number, a: number, b = 0): number {
  return hashStep(base, a, b) / TWO_32;
}

/** Standard normal from a base hash and a step (Box–Muller). */
export function normalStep(base: number, a: number, b = 0): number {
  const u1 = Math.max(unitStep(base, a, b * 2 + 1), 1e-12);
  const u2 = unitStep(base, a, b * 2 + 2);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Uniform in [0, 1). */
export function unit(...values: number[]): number {
  return hash32(...values) / TWO_32;
}

/** Standard normal from two hashed uniforms (Box–Muller). */
export function normal(...values: number[]): number {
  const u1 = Math.max(unit(...values, 0x51ed), 1e-12);
  const u2 = unit(...values, 0x7a3b);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** FNV-1a of a string, for turning slugs into stable numbers. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Picks from `items` by `weights` with a uniform `u` in [0, 1). */
export function pickWeighted<T>(items: readonly T[], weights: readonly number[], u: number): T {
  let total = 0;
  for (const w of weights) total += w;
  let x = u * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i];
    if (x < 0) return items[i];
  }
  return items[items.length - 1];
}
