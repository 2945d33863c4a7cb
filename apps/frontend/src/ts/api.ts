// The one place that knows the public HTTP API's shapes (docs/architecture.md "Public HTTP
// API"), with api-http.ts (requests, errors), api-orders.ts (checkout) and api-alerts.ts (the
// notifier), which it re-exports. Pages only see the normalised objects built here, so a
// renamed field on the server is fixed in these files alone. Money stays integer cents.
import type {
  ListingDetailDto,
  ListingItemDto,
  ListingsPageDto,
  PerformanceDto,
  SeatPositionDto,
  ShowDto,
  SightlineDetailDto,
} from '@hamiltix/contracts';
import { cents, num, request } from './api-http.js';

export * from './api-http.js';
export * from './api-orders.js';
export * from './api-alerts.js';
export * from './api-seatmap.js';

export interface Venue {
  id: string;
  name: string;
  timeZone?: string;
}

/**
 * A listing as the pages use it (`GET /api/v1/listings` item, normalised by `toListing`): the
 * API's fields, with the performance's venue as the pages name it. Money in cents.
 */
export interface Listing extends Omit<ListingItemDto, 'performance' | 'allInPrice'> {
  performance: { id: string; startsAt: string; venue: Venue; city: string; timeZone?: string };
  sectionId?: string;
  allInPrice: { amount: number; currency: string };
}

/** One item of `GET /api/v1/listings` (and the base of the detail). */
export function toListing(raw: ListingItemDto): Listing {
  const perf = raw.performance;
  return {
    id: String(raw.id),
    performance: {
      id: String(perf.id),
      startsAt: String(perf.startsAt),
      venue: { id: String(perf.venue.id), name: String(perf.venue.name || perf.venue.id) },
      city: String(perf.city ?? ''),
    },
    section: String(raw.section ?? ''),
    sectionName: raw.sectionName || undefined,
    row: String(raw.row ?? ''),
    seats: (raw.seats ?? []).map((s) => num(s)).filter(Boolean),
    quantity: num(raw.quantity),
    splits: (raw.splits ?? []).map((s) => num(s)).filter(Boolean),
    allInPrice: { amount: cents(raw.allInPrice), currency: raw.allInPrice?.currency ?? 'USD' },
    seatQuality: num(raw.seatQuality),
    viewNotes: (raw.viewNotes ?? []).filter(Boolean),
    dealScore: num(raw.dealScore),
    explanation: String(raw.explanation ?? ''),
  };
}

export interface Sightline extends Omit<SightlineDetailDto, 'hiddenBy'> {
  hiddenBy: { by: string; name: string; side: string; share: number }[];
}

export interface SeatPlace {
  section: string;
  row: string;
  number: number;
  x?: number;
  y?: number;
  sightline: Sightline | null;
}

function toSeatPlace(raw: SeatPositionDto, fallbackSection?: string, fallbackRow?: string): SeatPlace {
  return {
    section: String(raw.section ?? fallbackSection ?? ''),
    row: String(raw.row ?? fallbackRow ?? ''),
    number: num(raw.number),
    x: raw.x == null ? undefined : num(raw.x),
    y: raw.y == null ? undefined : num(raw.y),
    sightline: toSightline(raw.sightline),
  };
}

function point<K extends string>(p: Partial<Record<K, unknown>> | undefined, keys: readonly K[]) {
  return Object.fromEntries(keys.map((k) => [k, num(p?.[k])])) as Record<K, number>;
}

/**
 * A seat's computed sightline (docs/architecture.md: shares 0..1, `hiddenBy`, and the points
 * to draw it, in metres). Null when the API has none or it cannot be drawn.
 */
function toSightline(raw: SightlineDetailDto | null | undefined): Sightline | null {
  const d = raw?.drawing;
  if (!raw || !d?.eye || !d.stage || !d.visible) return null;
  return {
    visibleHeightShare: num(raw.visibleHeightShare),
    visibleWidthShare: num(raw.visibleWidthShare),
    visibleShare: num(raw.visibleShare),
    hiddenBy: (raw.hiddenBy ?? []).map((h) => ({
      by: String(h.by ?? ''),
      name: String(h.name ?? ''),
      side: String(h.side ?? ''),
      share: num(h.share),
    })),
    summary: String(raw.summary ?? `You see about ${Math.round(num(raw.visibleShare) * 100)}% of the stage`),
    notes: (raw.notes ?? []).map(String),
    drawing: {
      eye: point(d.eye, ['x', 'y', 'z']),
      stage: point(d.stage, [
        'floor',
        'depth',
        'prosceniumSetback',
        'prosceniumHeight',
        'setHeight',
        'halfWidth',
        'focusY',
      ]),
      visible: point(d.visible, ['bottom', 'top', 'left', 'right']),
      edges: (d.edges ?? []).map((e) => ({ by: e.by, name: String(e.name ?? ''), ...point(e, ['y', 'z']) })),
      columns: (d.columns ?? []).map((c) => ({
        name: String(c.name ?? ''),
        ...point(c, ['x', 'y', 'radius']),
      })),
      shadows: (d.shadows ?? []).map((s) => point(s, ['from', 'to'])),
    },
  };
}

export interface ListingDetail extends Listing {
  sectionId: string;
  priceHistory: { at: string; amount: number }[];
  priceBreakdown: { ticket: number; fees: number; total: number };
  seatPositions: SeatPlace[];
}

/** `GET /api/v1/listings/:id`: the listing plus history, breakdown and seat places. */
export function toListingDetail(raw: ListingDetailDto): ListingDetail {
  const base = toListing(raw);
  const breakdown = raw.priceBreakdown;
  // The breakdown is per ticket, like every price shown; the total is the all-in price.
  const total = cents(breakdown?.total) || base.allInPrice.amount;
  return {
    ...base,
    sectionId: String(raw.sectionId ?? ''),
    priceHistory: (raw.priceHistory ?? [])
      .map((p) => ({ at: String(p.at ?? ''), amount: cents(p.amount) }))
      .filter((p) => p.at && p.amount > 0)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    priceBreakdown: { ticket: cents(breakdown?.ticket), fees: cents(breakdown?.fees), total },
    seatPositions: (raw.seatPositions ?? []).map((p) => toSeatPlace(p, raw.sectionId ?? undefined, base.row)),
  };
}

/** The filters of `GET /api/v1/listings`, in the API's own query names. */
export interface ListingFilters {
  show?: string;
  city?: string;
  from?: string;
  to?: string;
  days?: string;
  time?: string;
  quantity?: number | string;
  /** Dollars. */
  maxPrice?: number | string;
  section?: string;
  clearView?: boolean | 'true' | '';
  sort?: string;
  limit?: number;
  cursor?: string | null;
}

const FILTER_KEYS = [
  'show',
  'city',
  'from',
  'to',
  'days',
  'time',
  'quantity',
  'maxPrice',
  'section',
  'clearView',
  'sort',
  'limit',
  'cursor',
] as const satisfies readonly (keyof ListingFilters)[];

/** Filters the page knows, in the API's own query names. Empty values are left out. */
export function listingsQuery(filters: ListingFilters): URLSearchParams {
  const q = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filters[key];
    if (v === undefined || v === null || v === '' || v === false) continue;
    q.set(key, String(v));
  }
  return q;
}

export interface Signal {
  signal?: AbortSignal;
}

export interface ListingsPage {
  items: Listing[];
  nextCursor: string | null;
}

export async function getListings(filters: ListingFilters, { signal }: Signal = {}): Promise<ListingsPage> {
  const data = await request<ListingsPageDto>(`/api/v1/listings?${listingsQuery(filters)}`, { signal });
  return { items: (data?.items ?? []).map(toListing), nextCursor: data?.nextCursor ?? null };
}

export async function getListing(id: string, { signal }: Signal = {}): Promise<ListingDetail> {
  return toListingDetail(
    await request<ListingDetailDto>(`/api/v1/listings/${encodeURIComponent(id)}`, { signal }),
  );
}

export interface Show {
  id: string;
  title: string;
  venue: Venue;
  city: string;
  timeZone?: string;
}

export async function getShows({ signal }: Signal = {}): Promise<Show[]> {
  const data = await request<ShowDto[]>('/api/v1/shows', { signal });
  return (data ?? []).map((s) => ({
    id: String(s.id),
    title: String(s.title || s.id),
    venue: { id: String(s.venue?.id ?? ''), name: String(s.venue?.name || s.venue?.id || '') },
    city: String(s.city ?? ''),
    timeZone: s.timeZone,
  }));
}

export interface Performance {
  id: string;
  startsAt: string;
  listingCount: number;
  lowestPrice?: number;
  bestDealScore?: number;
}

export async function getPerformances(
  { show, from, to }: { show?: string; from?: string; to?: string },
  { signal }: Signal = {},
): Promise<Performance[]> {
  const q = new URLSearchParams();
  if (show) q.set('show', show);
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  const data = await request<PerformanceDto[]>(`/api/v1/performances?${q}`, { signal });
  return (data ?? []).map((p) => ({
    id: String(p.id),
    startsAt: String(p.startsAt ?? ''),
    listingCount: num(p.listingCount),
    lowestPrice: p.lowestAllInPrice == null ? undefined : cents(p.lowestAllInPrice),
    bestDealScore: p.bestDealScore == null ? undefined : num(p.bestDealScore),
  }));
}
