import { type NoteView, readBrokerNotes } from '@hamiltix/venues';

/** The broker's `view_type` values, as the seeded inventory writes them (listing-state.ts). */
const VIEW_TYPE: Readonly<Record<NoteView, string>> = {
  obstructed: 'Obstructed',
  partial: 'Partially Obstructed',
  limited: 'Possible Obstruction',
  side: 'Full',
  clear: 'Full',
  unknown: 'Full',
};

/**
 * The `view_type` a seller would fill in for a listing added with these notes, read by the
 * same reader ingestion uses, so "No obstruction" is `Full` and never an obstruction.
 */
export function viewTypeOf(notes: string | null): string {
  return VIEW_TYPE[readBrokerNotes(notes).view];
}
