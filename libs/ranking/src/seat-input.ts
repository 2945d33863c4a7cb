import { getVenue, seatQuality } from '@hamiltix/venues';
import type { RankableListing } from './types.js';

/**
 * A stored listing as ranking reads it (listings ⨝ performances ⨝ venues), before seat quality:
 * the rankable listing's fields but the seat's, and where the seat is.
 */
export interface ListingSeatInput extends Pick<
  RankableListing,
  'id' | 'venueId' | 'performanceId' | 'startsAtMs' | 'timeZone' | 'allInCents' | 'quantity' | 'viewNotes'
> {
  /** The broker's section name, e.g. "ORCH". */
  section: string;
  /** libs/venues section id when ingestion resolved it. */
  sectionId: string | null;
  row: string;
  seats: readonly number[];
}

// venue → section id → row → label; memoised so 100,000 listings build a few hundred strings.
const labels = new Map<string, Map<string, Map<string, string>>>();

/** "Orchestra Center row F": the venue's own section name when known, else the broker's. */
export function seatLabel(
  venueId: string,
  sectionId: string | null,
  brokerSection: string,
  row: string,
): string {
  let byVenue = labels.get(venueId);
  if (!byVenue) labels.set(venueId, (byVenue = new Map()));
  const sectionKey = sectionId ?? `\u0000${brokerSection}`;
  let byRow = byVenue.get(sectionKey);
  if (!byRow) byVenue.set(sectionKey, (byRow = new Map()));
  let label = byRow.get(row);
  if (label === undefined) {
    const venue = sectionId ? getVenue(venueId) : undefined;
    const name =
      venue?.sections.find((s) => s.id === sectionId)?.name ??
      venue?.groups.find((g) => g.id === sectionId)?.name ??
      brokerSection;
    label = row && row.toUpperCase() !== 'GA' ? `${name} row ${row}` : name;
    byRow.set(row, label);
  }
  return label;
}

/**
 * Seat quality comes from libs/venues (never re-modelled here): the same seat and notes
 * give the same quality on every date, and view notes lower it there.
 */
export function toRankable(l: ListingSeatInput): RankableListing {
  const q = seatQuality({
    venueId: l.venueId,
    section: l.sectionId ?? l.section,
    row: l.row,
    seats: l.seats,
    quantity: l.quantity,
    notes: l.viewNotes,
  });
  return {
    id: l.id,
    venueId: l.venueId,
    performanceId: l.performanceId,
    startsAtMs: l.startsAtMs,
    timeZone: l.timeZone,
    allInCents: l.allInCents,
    quantity: l.quantity,
    seatQuality: q.quality,
    qualityConfidence: q.confidence,
    viewNotes: l.viewNotes,
    seatLabel: seatLabel(l.venueId, l.sectionId, l.section, l.row),
  };
}
