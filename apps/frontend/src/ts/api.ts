// The one place that knows the public HTTP API's shapes (docs/architecture.md "Public HTTP
// API"). Pages only see the normalised objects built here, so a renamed field on the
// server is fixed in this file alone. Money stays integer cents everywhere.

import type {
  ErrorDto,
  ListingDetailDto,
  ListingItemDto,
  ListingsPageDto,
  MoneyDto,
  PerformanceDto,
  SeatPositionDto,
  ShowDto,
  SightlineDetailDto,
} from '@hamiltix/contracts';
import type { SeatMap as SeatMapDto } from '@hamiltix/venues';

/** The body of a non-2xx answer: `{ statusCode, error, message }` plus what the service adds. */
export interface ErrorBody extends Partial<Omit<ErrorDto, 'message'>> {
  message?: string | string[];
  reason?: string;
  code?: string;
  details?: { reason?: string; currentAllInPrice?: MoneyDto | number } | unknown[];
  currentAllInPrice?: MoneyDto | number;
  newAllInPrice?: MoneyDto | number;
  allowedQuantities?: number[];
  errors?: unknown;
  issues?: unknown;
  fieldErrors?: unknown;
  /** checkout's 400: `["buyer.email Invalid email address", …]`. */
  fields?: unknown;
}

/** An API answer that was not 2xx, carrying the server's `{ statusCode, error, message }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;

  constructor(status: number, body: ErrorBody | undefined, fallback: string) {
    const message = (body && typeof body.message === 'string' && body.message) || fallback;
    super(Array.isArray(body?.message) ? body.message.join('; ') : message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body ?? {};
  }
}

/** What to tell the buyer about a failure: the API's message, else a plain apology. */
export function messageOf(err: unknown): string {
  return err instanceof Error && err.message ? err.message : 'Something went wrong. Please try again.';
}

/** The HTTP status of a failed API call (0: no answer), undefined for anything else. */
export function statusOf(err: unknown): number | undefined {
  return err instanceof ApiError ? err.status : undefined;
}

const NETWORK_MESSAGE = 'We could not reach Hamiltix. Check your connection and try again.';

interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

/** The answer's JSON, typed as the contract says it is (the server's shapes, not checked here). */
async function request<T>(path: string, { method = 'GET', headers = {}, body, signal }: RequestOptions = {}) {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, undefined, NETWORK_MESSAGE);
  }
  let data: unknown;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const fallback =
      res.status >= 500
        ? 'Hamiltix is having trouble right now. Please try again in a moment.'
        : `The request failed (${res.status}).`;
    throw new ApiError(
      res.status,
      data && typeof data === 'object' ? (data as ErrorBody) : undefined,
      fallback,
    );
  }
  return data as T;
}

const num = (v: unknown, d = 0): number =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : d;

/** Money as integer cents, whether it comes as `{ amount }` or a number. */
export function cents(value: MoneyDto | number | null | undefined): number {
  if (value && typeof value === 'object') return Math.round(num(value.amount));
  return Math.round(num(value));
}

export interface Venue {
  id: string;
  name: string;
  timeZone?: string;
}

/** A listing as the pages use it (`GET /api/v1/listings` item). Money in cents. */
export interface Listing {
  id: string;
  performance: { id: string; startsAt: string; venue: Venue; city: string; timeZone?: string };
  /** The broker's own words for the section ("FMEZZ"). */
  section: string;
  /** The theatre's name for it ("Front Mezzanine Left"), when the map knows the section. */
  sectionName?: string;
  sectionId?: string;
  row: string;
  seats: number[];
  quantity: number;
  splits: number[];
  allInPrice: { amount: number; currency: string };
  seatQuality: number;
  viewNotes: string[];
  dealScore: number;
  explanation: string;
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

export interface MapSeat {
  number: number;
  x: number;
  y: number;
  notes: string[];
}

export interface MapSection {
  id: string;
  name: string;
  level: string;
  label?: { x: number; y: number };
  rows: { name: string; seats: MapSeat[] }[];
}

export interface MapViewNote {
  id: string;
  kind: string;
  text: string;
  severity: number;
  /** Rectangles to shade, one per section the note touches (libs/venues SeatMap). */
  rects: { section: string; x: number; y: number; width: number; height: number }[];
}

export interface SeatMap {
  venue: Venue;
  stage: { x: number; y: number; width: number; height: number };
  sections: MapSection[];
  viewNotes: MapViewNote[];
}

/** `GET /api/v1/venues/:id/seatmap` (libs/venues SeatMap). Coordinates are in seat widths, y away from the stage. */
export function toSeatMap(raw: SeatMapDto): SeatMap {
  return {
    venue: { id: String(raw.venueId ?? ''), name: String(raw.name ?? ''), timeZone: raw.timeZone },
    stage: {
      x: num(raw.stage?.x),
      y: num(raw.stage?.y),
      width: num(raw.stage?.width, 20),
      height: num(raw.stage?.height, 4),
    },
    sections: (raw.sections ?? []).map((s) => ({
      id: String(s.id),
      name: String(s.name ?? s.id),
      level: String(s.level ?? ''),
      label: s.label && s.label.x != null ? { x: num(s.label.x), y: num(s.label.y) } : undefined,
      rows: (s.rows ?? []).map((r) => ({
        name: String(r.name),
        seats: (r.seats ?? []).map((seat) => ({
          number: num(seat.n),
          x: num(seat.x),
          y: num(seat.y),
          notes: (seat.notes ?? []).map(String),
        })),
      })),
    })),
    viewNotes: (raw.viewNotes ?? []).map((n) => ({
      id: String(n.id ?? ''),
      kind: String(n.kind ?? 'other'),
      text: String(n.text ?? ''),
      severity: num(n.severity),
      rects: (n.regions ?? []).map((r) => ({
        section: String(r.section ?? ''),
        x: num(r.x),
        y: num(r.y),
        width: num(r.width),
        height: num(r.height),
      })),
    })),
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

interface Signal {
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

export async function getSeatMap(venueId: string, { signal }: Signal = {}): Promise<SeatMap> {
  return toSeatMap(
    await request<SeatMapDto>(`/api/v1/venues/${encodeURIComponent(venueId)}/seatmap`, { signal }),
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

/** The sandbox cards the checkout form offers outside production; never a card number. */
export const SANDBOX_CARDS = [
  { token: 'tok_sandbox_ok', label: 'Test card — approved' },
  { token: 'tok_sandbox_declined', label: 'Test card — declined' },
  { token: 'tok_sandbox_error', label: 'Test card — payment provider error' },
];

function detailsOf(b: ErrorBody): { reason?: string; currentAllInPrice?: MoneyDto | number } {
  return b.details && !Array.isArray(b.details) && typeof b.details === 'object' ? b.details : {};
}

function reasonOf(err: unknown): string {
  const b = err instanceof ApiError ? err.body : {};
  return String(b.reason ?? b.code ?? detailsOf(b).reason ?? '').toLowerCase();
}

/**
 * True when the API says the listing's performance is past its sales cut-off: search-api's
 * 404 and checkout's 409 both carry `reason: "performance_closed"`.
 */
export function isPerformanceClosed(err: unknown): boolean {
  return reasonOf(err) === 'performance_closed';
}

export type ConflictKind = 'price_changed' | 'sold_out' | 'performance_closed' | 'busy' | 'failed';

/**
 * A 409's meaning, read defensively: `price_changed` (with the new all-in price per
 * ticket, cents), `sold_out`, `performance_closed` (sales closed before curtain), `busy`
 * (the same Idempotency-Key is still being processed: retry with the same key) or `failed`
 * (this attempt is over: a new one needs a new key).
 */
export function conflictOf(err: ApiError): { kind: ConflictKind; soldOut: boolean; newPrice?: number } {
  const b = err.body;
  const priceRaw = b.currentAllInPrice ?? b.newAllInPrice ?? detailsOf(b).currentAllInPrice;
  const reason = reasonOf(err);
  const newPrice = priceRaw == null ? undefined : cents(priceRaw);
  let kind: ConflictKind;
  if (reason === 'performance_closed') kind = 'performance_closed';
  else if (reason.includes('price') || (!reason && newPrice)) kind = 'price_changed';
  else if (reason.includes('sold') || reason.includes('gone') || reason.includes('unavailable'))
    kind = 'sold_out';
  else if (reason.includes('fail')) kind = 'failed';
  else if (/being processed|in progress/i.test(err.message)) kind = 'busy';
  else kind = /sold|no longer|unavailable/i.test(err.message) ? 'sold_out' : 'failed';
  if (kind === 'price_changed' && !newPrice) kind = 'failed';
  return { kind, soldOut: kind === 'sold_out', newPrice };
}

interface FieldIssue {
  path?: string | string[];
  field?: string;
  property?: string;
  message?: string;
  msg?: string;
}

/** A 400's per-field messages, keyed by form field name (name, email, quantity...). */
export function fieldErrorsOf(err: ApiError): Record<string, string> {
  const b = err.body;
  const out: Record<string, string> = {};
  const add = (path: string | string[], message: unknown) => {
    const key = String(Array.isArray(path) ? path[path.length - 1] : String(path).split('.').pop());
    if (key && !out[key]) out[key] = String(message);
  };
  const list = b.errors ?? b.issues ?? b.fieldErrors ?? b.fields ?? b.details;
  if (Array.isArray(b.allowedQuantities)) add('quantity', b.message);
  if (Array.isArray(list)) {
    for (const e of list as (string | FieldIssue)[]) {
      // checkout answers strings such as "buyer.email Invalid email address".
      if (typeof e === 'string') {
        const m = /^([\w.]+) (.+)$/.exec(e);
        if (m) add(m[1], m[2].charAt(0).toUpperCase() + m[2].slice(1));
      } else add(e.path ?? e.field ?? e.property ?? '', e.message ?? e.msg ?? 'Check this field.');
    }
  } else if (list && typeof list === 'object')
    for (const [k, v] of Object.entries(list)) add(k, Array.isArray(v) ? v[0] : v);
  return out;
}

/**
 * Checkout's order view (`POST /api/v1/orders` 201, `GET /api/v1/orders/:id`): checkout
 * defines no shape in libs/contracts yet, so the page's reading of it lives here.
 */
interface OrderDto {
  id: string;
  status: string;
  listingId: string;
  quantity: number;
  allInPrice?: MoneyDto | number;
  total?: MoneyDto | number;
  buyer?: { email?: string };
  email?: string;
  accessToken?: string;
}

/** The order as the pages use it: the buyer's email read up to the top. */
export type Order = Omit<OrderDto, 'buyer'>;

/** 201: the order and the accessToken that alone can read it back later. */
export function toOrder(data: (OrderDto & { order?: OrderDto }) | undefined): Order {
  const order: Partial<OrderDto> = data?.order ?? data ?? {};
  return {
    id: String(order.id ?? ''),
    status: String(order.status ?? 'confirmed'),
    listingId: String(order.listingId ?? ''),
    quantity: num(order.quantity),
    allInPrice: order.allInPrice,
    total: order.total,
    email: order.buyer?.email ?? order.email,
    accessToken: data?.accessToken ?? order.accessToken,
  };
}

export interface OrderBody {
  listingId: string;
  quantity: number;
  expectedAllInPrice: number;
  buyer: { name: string; email: string };
  paymentToken: string;
}

export async function postOrder(body: OrderBody, idempotencyKey: string): Promise<Order> {
  return toOrder(
    await request('/api/v1/orders', { method: 'POST', headers: { 'idempotency-key': idempotencyKey }, body }),
  );
}

export async function getOrder(id: string, accessToken: string): Promise<Order> {
  return toOrder(
    await request(`/api/v1/orders/${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    }),
  );
}

export interface SiteConfig {
  appEnv: string;
  paymentProvider: 'sandbox' | 'stripe';
  stripePublishableKey: string;
}

/**
 * Run-time settings the server writes: `{ appEnv, paymentProvider, stripePublishableKey }`
 * (the key only with provider stripe); production without a way to pay when unreadable.
 */
export async function getConfig(): Promise<SiteConfig> {
  const fallback: SiteConfig = { appEnv: 'production', paymentProvider: 'stripe', stripePublishableKey: '' };
  try {
    const res = await fetch('/config.json', { headers: { accept: 'application/json' } });
    if (!res.ok) return fallback;
    const data = (await res.json()) as Partial<Record<keyof SiteConfig, unknown>>;
    const key = String(data.stripePublishableKey ?? '');
    return {
      appEnv: String(data.appEnv ?? 'production'),
      paymentProvider: data.paymentProvider === 'sandbox' ? 'sandbox' : 'stripe',
      stripePublishableKey: /^pk_(test|live)_[A-Za-z0-9]+$/.test(key) ? key : '',
    };
  } catch {
    return fallback;
  }
}

// ---- Price alerts (the notifier, docs/architecture.md "Public HTTP API"). Money in dollars here
// because the alert API takes the search page's filters as the listings query names them. The
// notifier defines no shape in libs/contracts yet, so the page's reading of it lives here.

export interface AlertFilters {
  city?: string;
  from?: string;
  to?: string;
  days?: string[];
  time?: string;
  quantity?: number;
  maxPrice?: number;
  section?: string;
  clearView?: boolean;
}

export interface AlertTarget {
  /** Dollars. */
  maxPrice?: number;
  minQuality?: number;
}

export interface Alert {
  id: string;
  status: string;
  email: string;
  show: string;
  filters?: AlertFilters;
  target?: AlertTarget;
}

/** POST /api/v1/alerts: `{ email, show, filters, target }` → `{ id, status: 'pending', message }`. */
export async function createAlert(body: {
  email: string;
  show: string;
  filters: AlertFilters;
  target: AlertTarget;
}): Promise<{ id: string; status: string; message?: string }> {
  return request('/api/v1/alerts', { method: 'POST', body });
}

export async function confirmAlert(id: string, token: string): Promise<Alert> {
  return request(`/api/v1/alerts/${encodeURIComponent(id)}/confirm`, { method: 'POST', body: { token } });
}

export async function getAlert(id: string, accessToken: string): Promise<Alert> {
  return request(`/api/v1/alerts/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

export async function deleteAlert(id: string, accessToken: string): Promise<unknown> {
  return request(`/api/v1/alerts/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

export async function unsubscribeAlert(id: string, token: string): Promise<unknown> {
  return request(`/api/v1/alerts/${encodeURIComponent(id)}/unsubscribe`, { method: 'POST', body: { token } });
}
