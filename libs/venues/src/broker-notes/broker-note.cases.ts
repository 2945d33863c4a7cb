/**
 * Real-world note phrasings and how they must read: the styles docs/domain.md §1 lists
 * (case, abbreviations, several facts per note, delivery words, denials), the stock
 * disclaimers of the big resale sites ("Limited or Obstructed View", "Possible
 * Obstruction", "Partial Obstruction") and what the broker sandbox writes. Test data.
 */
import type { DeliveryFact, NoteView, SeatFact } from './note-vocabulary.js';

export interface NoteCase {
  note: string | null;
  viewType?: string;
  view: NoteView;
  seats?: SeatFact[];
  delivery?: DeliveryFact[];
}

export const NOTE_CASES: readonly NoteCase[] = [
  // Obstructions, as sellers and the resale sites' stock disclaimers write them.
  { note: 'Obstructed view', view: 'obstructed' },
  { note: 'OBSTRUCTED VIEW - behind column', view: 'obstructed' },
  { note: 'obstructed VIEW', view: 'obstructed' },
  { note: 'obs view', view: 'obstructed' },
  { note: 'Obs. view, mobile entry', view: 'obstructed', delivery: ['mobile'] },
  { note: 'OBSTR VW', view: 'obstructed' },
  { note: 'Behind a pole', view: 'obstructed' },
  { note: 'Pillar in front of seat 4', view: 'obstructed' },
  { note: 'Limited or Obstructed View', view: 'obstructed' },
  { note: 'Limited/Obstructed view', view: 'obstructed' },
  { note: 'Obstructed view. Not piggyback', view: 'obstructed' },
  { note: 'Partial view', view: 'partial' },
  { note: 'Partial View, printed on ticket', view: 'partial' },
  { note: 'Partially obstructed view', view: 'partial' },
  { note: 'Partial Obstruction', view: 'partial' },
  { note: 'PV - Aisle', view: 'partial', seats: ['aisle'] },
  { note: 'pv', view: 'partial' },
  { note: 'Rail in front; partial view', view: 'partial' },
  { note: 'partial view (overhang)', view: 'partial' },
  { note: 'Limited view, printed on ticket', view: 'limited' },
  { note: 'ltd view', view: 'limited' },
  { note: 'LTD. VIEW', view: 'limited' },
  { note: 'View is limited', view: 'limited' },
  { note: 'Restricted view', view: 'limited' },
  { note: 'Some sightlines restricted', view: 'limited' },
  { note: 'Possible obstruction', view: 'limited' },
  { note: 'May be obstructed', view: 'limited' },
  { note: 'Safety rail may obstruct view', view: 'limited' },
  { note: 'Under the overhang', view: 'limited' },
  { note: 'Unobstructed except for safety rail', view: 'limited' },
  { note: 'Limited view - NOT obstructed', view: 'limited' },
  { note: 'Side view', view: 'side' },
  { note: 'Extreme side view', view: 'side' },
  { note: 'Side stage view, seats not together', view: 'side', seats: ['not-together'] },

  // Denials: never an obstruction.
  { note: 'Unobstructed view', view: 'clear' },
  { note: 'Un-obstructed view', view: 'clear' },
  { note: 'Non-obstructed', view: 'clear' },
  { note: 'No obstruction', view: 'clear' },
  { note: 'No obstructions. Aisle seats', view: 'clear', seats: ['aisle'] },
  { note: 'NOT obstructed', view: 'clear' },
  { note: 'Not an obstructed view', view: 'clear' },
  { note: "Seats aren't obstructed in any way", view: 'clear' },
  { note: 'Isn’t obstructed', view: 'clear' },
  { note: 'Full view', view: 'clear' },
  { note: 'Clear view of the stage', view: 'clear' },
  { note: 'Obstruction free', view: 'clear' },
  { note: 'No obstructed or limited view', view: 'clear' },
  { note: 'Neither obstructed nor limited', view: 'clear' },
  { note: 'Not partial view', view: 'clear' },
  { note: 'Nothing blocking the view', view: 'clear' },
  { note: 'No pole, no rail', view: 'clear' },
  { note: 'Zero obstruction, aisle, mobile', view: 'clear', seats: ['aisle'], delivery: ['mobile'] },
  { note: 'No view obstructions / aisle / instant', view: 'clear', seats: ['aisle'], delivery: ['instant'] },
  { note: 'Rear mezz, not partial, not obstructed, clear view', view: 'clear' },
  { note: 'No obstructions and seats together', view: 'clear', seats: ['together'] },
  { note: 'Not obstructed but limited legroom', view: 'clear', seats: ['limited-legroom'] },
  { note: 'Not a full view', view: 'limited' },

  // Seat facts.
  { note: 'Aisle', view: 'unknown', seats: ['aisle'] },
  { note: 'Not on aisle', view: 'unknown' },
  { note: 'Limited legroom', view: 'unknown', seats: ['limited-legroom'] },
  { note: 'Wheelchair accessible', view: 'unknown', seats: ['wheelchair'] },
  { note: 'ADA seating', view: 'unknown', seats: ['wheelchair'] },
  { note: 'W/C accessible', view: 'unknown', seats: ['wheelchair'] },
  { note: 'ADA + companion seat', view: 'unknown', seats: ['wheelchair', 'companion'] },
  { note: 'Piggyback seats', view: 'unknown', seats: ['piggyback'] },
  { note: 'Piggy back - 2 in row F, 2 in row G', view: 'unknown', seats: ['piggyback'] },
  { note: 'Seats are not together', view: 'unknown', seats: ['not-together'] },
  { note: 'Not side by side', view: 'unknown', seats: ['not-together'] },
  { note: 'Seats are side by side', view: 'unknown', seats: ['together'] },
  { note: 'Standing room only', view: 'unknown', seats: ['standing-room'] },

  // Delivery words.
  { note: 'Seats together, instant download', view: 'unknown', seats: ['together'], delivery: ['instant'] },
  { note: 'Mobile entry only', view: 'unknown', delivery: ['mobile'] },
  { note: 'TM_mobile transfer', view: 'unknown', delivery: ['mobile'] },
  { note: 'E-tickets, print at home', view: 'unknown', delivery: ['electronic'] },
  { note: 'In hand, ready to ship', view: 'unknown', delivery: ['in-hand', 'physical'] },
  { note: 'Aisle seats, in hand', view: 'unknown', seats: ['aisle'], delivery: ['in-hand'] },
  { note: 'Not in hand - will be delivered by Oct 1', view: 'unknown', delivery: ['delayed', 'not-in-hand'] },
  { note: 'Will call', view: 'unknown', delivery: ['will-call'] },
  { note: 'Paperless - credit card entry', view: 'unknown', delivery: ['paperless'] },
  { note: 'Hard tickets, FedEx', view: 'unknown', delivery: ['physical'] },

  // What the broker sandbox writes (listing-state.ts), and nothing at all.
  {
    note: 'Obstructed view, printed on ticket. Aisle. In hand. Wheelchair accessible. Mobile entry only',
    view: 'obstructed',
    seats: ['aisle', 'wheelchair'],
    delivery: ['mobile', 'in-hand'],
  },
  { note: 'Seats are side by side', view: 'unknown', seats: ['together'] },
  { note: '', view: 'unknown' },
  { note: 'Great seats!', view: 'unknown' },

  // The optional view_type hint counts when the text says nothing about the view.
  { note: null, viewType: 'Obstructed', view: 'obstructed' },
  { note: null, viewType: 'Full', view: 'clear' },
  { note: null, viewType: 'Partially Obstructed', view: 'partial' },
  { note: 'Aisle', viewType: 'Possible Obstruction', view: 'limited', seats: ['aisle'] },
  { note: 'No obstruction', viewType: 'Obstructed', view: 'clear' },
];
