/**
 * What a buyer must see about the view, from the broker's free-text `public_notes` and
 * from the venue's own knowledge of those seats. Pure.
 */

/** Phrases sellers use, mapped to one wording so the same fact reads the same everywhere. */
const PHRASES: readonly [RegExp, string][] = [
  [/\bobstruct/i, 'Obstructed view'],
  [/\bpartial(ly)?[\s-]+(view|obstruct)/i, 'Partial view'],
  [/\blimited[\s-]+view/i, 'Limited view'],
  [/\brestricted[\s-]+view/i, 'Restricted view'],
  [/\b(extreme\s+)?side[\s-]+view\b/i, 'Side view'],
  [/\b(column|pillar|pole)s?\b/i, 'A column may block part of the stage'],
  [/\boverhang\b/i, 'Under the overhang'],
  [/\b(safety\s+)?rail\b/i, 'A rail is in the sightline'],
];

const memo = new Map<string, readonly string[]>();

/** Obstruction phrases found in the broker's notes, in a fixed wording. Memoised: feeds repeat a few strings. */
export function notesFromPublicNotes(publicNotes: string | null | undefined): readonly string[] {
  if (!publicNotes) return [];
  const hit = memo.get(publicNotes);
  if (hit) return hit;
  const found: string[] = [];
  for (const [pattern, text] of PHRASES) {
    if (pattern.test(publicNotes) && !found.includes(text)) found.push(text);
  }
  // "Partial view" and "Obstructed view" often come together; keep both, they differ.
  if (memo.size < 10_000) memo.set(publicNotes, found);
  return found;
}

/** Broker phrases first, then the venue's notes; no duplicates. */
export function mergeViewNotes(fromBroker: readonly string[], fromVenue: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of fromBroker) if (n && !out.includes(n)) out.push(n);
  for (const n of fromVenue) if (n && !out.includes(n)) out.push(n);
  return out;
}
