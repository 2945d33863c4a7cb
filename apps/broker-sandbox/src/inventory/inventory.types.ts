import type { VenueData, ViewNote } from '@hamiltix/venues';

export type Market = 'new-york' | 'chicago' | 'touring';

/** A venue of libs/venues as the broker knows it (integer ids, a location line). */
export interface SimVenue {
  id: number;
  slug: string;
  name: string;
  city: string;
  timeZone: string;
  configurationId: number;
  market: Market;
  /** Position in the slug-sorted venue list: part of stable event ids. */
  ordinal: number;
  data: VenueData;
}

export interface SimEvent {
  id: number;
  venue: SimVenue;
  occursAt: Date;
  /** YYYY-MM-DD in the venue's zone. */
  localDate: string;
  /** Weekday 0 (Sunday) .. 6 in the venue's zone. */
  weekday: number;
  matinee: boolean;
  /** Month 1..12 in the venue's zone. */
  month: number;
  /** Day/time/season demand multiplier, 1 = a Saturday evening in an ordinary month. */
  demand: number;
  popularity: number;
}

/**
 * One place in an event's resale pool: a fixed block of seats that different sellers
 * list, sell and relist over time (each listing of it gets a new id).
 */
export interface Slot {
  index: number;
  sectionId: string;
  /** Broker spellings of the section (aliases from the seat map, plus its name). */
  sectionNames: string[];
  row: string;
  lowSeat: number | null;
  highSeat: number | null;
  quantity: number;
  /** 0..1 seat value from the venue model. */
  quality: number;
  viewNotes: ViewNote[];
  aisle: boolean;
  unseated: boolean;
  splits: number[];
  /** Fair retail price of one seat at demand 1, cents. */
  valueCents: number;
  /** Life cycle in buckets: a listing appears, maybe sells, and the slot relists each period. */
  period: number;
  phase: number;
  /** Buckets between price revisions; 0 = this seller never reprices. */
  repriceEvery: number;
}

/** A ticket group as the sandbox holds it (money in integer cents). */
export interface Listing {
  id: number;
  eventId: number;
  section: string;
  row: string;
  lowSeat: number | null;
  highSeat: number | null;
  availableQuantity: number;
  splits: number[];
  retailCents: number;
  wholesaleCents: number;
  format: string;
  inHand: boolean;
  inHandOn: string | null;
  instantDelivery: boolean;
  publicNotes: string | null;
  viewType: string | null;
  wheelchair: boolean;
  /** Bumps whenever price or quantity changes: part of the signature. */
  version: number;
  /** Some broker payloads carry money as strings; a fixed share of rows do here. */
  moneyAsString: boolean;
  updatedAt: Date;
  /** Added through /sandbox/listings. */
  manual: boolean;
}
