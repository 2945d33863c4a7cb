/**
 * What a buyer must see about the view: what the broker's notes say (read by
 * `readBrokerNotes` in @hamiltix/venues, the one reader of broker notes) and what the
 * venue's map knows about those seats. Pure.
 */
import { readBrokerNotes } from '@hamiltix/venues';

/**
 * The view problems the broker's `public_notes` (or, when they say nothing about the view,
 * its `view_type` hint) state, in one wording. A note that denies a problem ("no
 * obstruction", "unobstructed") states none, so the listing stays in `clearView=true`.
 */
export function notesFromPublicNotes(
  publicNotes: string | null | undefined,
  viewType?: string | null,
): readonly string[] {
  return readBrokerNotes(publicNotes, viewType).viewNotes;
}

/** Broker phrases first, then the venue's notes; no duplicates. */
export function mergeViewNotes(fromBroker: readonly string[], fromVenue: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of fromBroker) if (n && !out.includes(n)) out.push(n);
  for (const n of fromVenue) if (n && !out.includes(n)) out.push(n);
  return out;
}
