/**
 * Public HTTP API shapes (docs/architecture.md "Public HTTP API"), defined once and used by
 * search-api, checkout, ranking (which precomputes them) and the website's adapter.
 * Money: `amount` is integer cents per ticket, fees included.
 */
import type { Weekday } from '@hamiltix/domain';
import type { SightlineHidden, SightlineSummary, SightlineView } from '@hamiltix/venues';

export interface MoneyDto {
  amount: number;
  currency: 'USD';
}

export interface ShowDto {
  id: string;
  title: string;
  venue: { id: string; name: string };
  city: string;
  timeZone: string;
}

export interface PerformanceRefDto {
  id: string;
  /** ISO 8601 with the venue's offset. */
  startsAt: string;
  venue: { id: string; name: string };
  city: string;
}

export interface ListingItemDto {
  /** The broker listing id, as a string, stable across pulls. */
  id: string;
  performance: PerformanceRefDto;
  /** The section as the broker lists it ("FMEZZ", "Rear Mezz Center"). */
  section: string;
  /**
   * The theatre's own name for that section (libs/venues: "Front Mezzanine Left", or a group
   * such as "Front Mezzanine" when the seats do not pick one); absent when the venue's map does
   * not know the section, and on items ranked before the field existed.
   */
  sectionName?: string;
  row: string;
  /** Seat numbers when known, else []. */
  seats: number[];
  quantity: number;
  splits: number[];
  /** All-in per ticket, fees included. */
  allInPrice: MoneyDto;
  /** 0..100. */
  seatQuality: number;
  viewNotes: string[];
  /** 0..100. */
  dealScore: number;
  explanation: string;
}

export interface ListingsPageDto {
  items: ListingItemDto[];
  nextCursor: string | null;
}

export interface PriceBreakdownDto {
  ticket: MoneyDto;
  fees: MoneyDto;
  total: MoneyDto;
}

/** What hides part of a seat's view of the stage (docs/domain.md §7); libs/venues computes it. */
export type SightlineHiddenDto = SightlineHidden;

/** A seat's computed sightline: shares 0..1 of the proscenium opening it sees. */
export type SightlineDto = SightlineSummary;

/**
 * The sightline with what the listing page draws: metres; x across the house (house left
 * negative), y from the stage lip into the house (upstage negative), z above the orchestra floor.
 */
export type SightlineDetailDto = SightlineView;

export interface SeatPositionDto {
  section: string;
  row: string;
  number: number;
  x: number;
  y: number;
  /** Null where the venue's geometry is not modelled. */
  sightline: SightlineDetailDto | null;
}

export interface ListingDetailDto extends ListingItemDto {
  priceHistory: { at: string; amount: number }[];
  priceBreakdown: PriceBreakdownDto;
  /** The listing's seats on the venue's seat map (empty when the seats are unknown to the map). */
  seatPositions: SeatPositionDto[];
  /** libs/venues section id when known. */
  sectionId: string | null;
}

export interface PerformanceDto {
  id: string;
  showId: string;
  startsAt: string;
  venue: { id: string; name: string };
  city: string;
  listingCount: number;
  lowestAllInPrice: MoneyDto | null;
  bestDealScore: number | null;
}

export interface ErrorDto {
  statusCode: number;
  error: string;
  message: string;
}

/**
 * What ranking stores per listing in Redis: the public item plus the fields search
 * filters on, precomputed in the venue's time zone so search never recomputes them.
 */
export interface RankedListingDoc {
  item: ListingItemDto;
  showId: string;
  venueId: string;
  sectionId: string | null;
  /** Curtain, epoch ms UTC. */
  startsAtMs: number;
  /** YYYY-MM-DD in the venue's zone. */
  localDate: string;
  weekday: Weekday;
  matinee: boolean;
  allInCents: number;
  /** Seat-map level of the section when known (orchestra, mezzanine...), for the `section` filter. */
  level: string | null;
}
