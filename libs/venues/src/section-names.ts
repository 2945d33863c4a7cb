/**
 * Broker section names → a matching key. Brokers write the same section many ways
 * ("ORCH", "Orch Center", "Center Orchestra", "FMEZZ", "Front Mezzanine Left"); the key
 * lower-cases, expands abbreviations and sorts the words, so word order stops mattering.
 */
import type { Level } from './types.js';

/** Word → its expansion (one or more words). Single letters are left alone: "Box C" ≠ "Box Center". */
const EXPANSIONS: Readonly<Record<string, string>> = {
  orch: 'orchestra',
  orc: 'orchestra',
  orchestra: 'orchestra',
  mezz: 'mezzanine',
  mez: 'mezzanine',
  mezzanine: 'mezzanine',
  fmezz: 'front mezzanine',
  fmez: 'front mezzanine',
  rmezz: 'rear mezzanine',
  rmez: 'rear mezzanine',
  mmezz: 'mid mezzanine',
  ctr: 'center',
  cntr: 'center',
  cent: 'center',
  centre: 'center',
  central: 'center',
  lft: 'left',
  rt: 'right',
  rgt: 'right',
  frnt: 'front',
  fr: 'front',
  bal: 'balcony',
  balc: 'balcony',
  balcy: 'balcony',
  bx: 'box',
  boxes: 'box',
  dc: 'dress circle',
  middle: 'mid',
  back: 'rear',
};

/** Words that carry no meaning for matching. */
const NOISE = new Set(['section', 'sec', 'sect', 'seats', 'seat', 'seating', 'level', 'the']);

/** The matching key of a section name: lower case, abbreviations expanded, noise dropped, words sorted. */
export function normaliseSectionName(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w && !NOISE.has(w))
    .flatMap((w) => (EXPANSIONS[w] ?? w).split(' '));
  return [...new Set(words)].sort().join(' ');
}

const levelMemo = new Map<string, Level | undefined>();

/** Best guess of the level from a section name, for names the venue map does not know. Memoised. */
export function guessLevel(name: string): Level | undefined {
  if (levelMemo.has(name)) return levelMemo.get(name);
  const words = new Set(normaliseSectionName(name).split(' '));
  let level: Level | undefined;
  if (words.has('box') || words.has('boxes')) level = 'box';
  else if (words.has('dress') || words.has('loge')) level = 'dress-circle';
  else if (words.has('balcony') || words.has('gallery')) level = 'balcony';
  else if (words.has('mezzanine')) level = 'mezzanine';
  else if (words.has('orchestra') || words.has('stalls') || words.has('parterre') || words.has('floor'))
    level = 'orchestra';
  if (levelMemo.size < 10_000) levelMemo.set(name, level);
  return level;
}
