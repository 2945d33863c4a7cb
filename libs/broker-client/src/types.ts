import type { Cents } from '@hamiltix/domain';

/** Broker rows as the client hands them out: camelCase, money in integer cents, times as Date (UTC). */

export interface BrokerPerformer {
  id: number;
  name: string;
}

export interface BrokerVenueRef {
  id: number;
  name: string;
  /** Free text such as "New York, NY". */
  location: string | null;
}

export interface BrokerEvent {
  id: number;
  name: string;
  state: string;
  /** Curtain, UTC. */
  occursAt: Date;
  /** As the broker wrote it, with the venue's offset (e.g. `2026-12-05T20:00:00-05:00`). */
  occursAtLocal: string | null;
  updatedAt: Date | null;
  venue: BrokerVenueRef;
  configurationId: number | null;
  performers: { id: number; name: string; primary: boolean }[];
  availableCount: number | null;
  popularityScore: number | null;
}

export interface BrokerListing {
  /** Broker ticket-group id, stable across pulls. */
  id: number;
  eventId: number;
  section: string;
  /** "GA" when unseated. */
  row: string;
  /** Seat numbers as the broker gave them; undefined when not given. */
  lowSeat?: number;
  highSeat?: number;
  /** Explicit seat list, when the broker sent one. */
  seatList?: number[];
  availableQuantity: number;
  /** The only quantities a buyer may take (raw, not yet normalised against availability). */
  splits: number[];
  /** Per ticket, before Hamiltix buyer fees. */
  retailCents: Cents;
  /** Per ticket: the order floor. Equals retail when the broker omits it. */
  wholesaleCents: Cents;
  format: string | null;
  inHand: boolean;
  inHandOn: string | null;
  instantDelivery: boolean;
  publicNotes: string | null;
  viewType: string | null;
  wheelchair: boolean;
  /** Token pinning price and quantity; an order must carry it. */
  signature: string | null;
}

/** A row the client could not accept; it was left out, never failing the page. */
export interface SkippedRow {
  /** The row's id when it could still be read (so callers can keep what they had for it). */
  id?: number;
  reason: string;
}

export interface ListingsPage {
  listings: BrokerListing[];
  skipped: SkippedRow[];
}

export interface EventsResult {
  events: BrokerEvent[];
  skipped: SkippedRow[];
}

export type BrokerOrderState = 'pending' | 'accepted' | 'rejected' | 'canceled';

export interface CreateOrderInput {
  ticketGroupId: number;
  quantity: number;
  /** Retail price per ticket the buyer accepted, cents. */
  priceCents: Cents;
  /** The listing's `signature` from a fresh read. */
  ticketGroupSignature: string;
  clientId?: number;
  /** Our stable reference, so a retry can be matched to a placed order. */
  reference?: string;
  serviceFeeCents?: Cents;
  shippingCents?: Cents;
  taxCents?: Cents;
  discountCents?: Cents;
  sessionId?: string;
  createdByIpAddress?: string;
  seatOrder?: string;
}

export interface BrokerOrder {
  id: number | string;
  state: BrokerOrderState | string;
  totalCents: Cents | null;
  reference: string | null;
  ticketGroupId: number | null;
  quantity: number | null;
  /** Why the broker rejected it, when it says. */
  reason: string | null;
  raw: unknown;
}
