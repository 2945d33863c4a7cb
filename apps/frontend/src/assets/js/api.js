// The one place that knows the public HTTP API's shapes (docs/architecture.md "Public HTTP
// API"). Pages only see the normalised objects built here, so a renamed field on the
// server is fixed in this file alone. Money stays integer cents everywhere.

/** An API answer that was not 2xx, carrying the server's `{ statusCode, error, message }`. */
export class ApiError extends Error {
  constructor(status, body, fallback) {
    const message = (body && typeof body.message === 'string' && body.message) || fallback;
    super(Array.isArray(body?.message) ? body.message.join('; ') : message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body ?? {};
  }
}

const NETWORK_MESSAGE = 'We could not reach Hamiltix. Check your connection and try again.';

async function request(path, { method = 'GET', headers = {}, body, signal } = {}) {
  let res;
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
    if (err?.name === 'AbortError') throw err;
    throw new ApiError(0, undefined, NETWORK_MESSAGE);
  }
  let data;
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
    throw new ApiError(res.status, data, fallback);
  }
  return data;
}

const num = (v, d = 0) =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : d;

/** Money as integer cents, whether it comes as `{ amount }`, a number or a numeric string. */
export function cents(value) {
  if (value && typeof value === 'object') return Math.round(num(value.amount ?? value.cents));
  return Math.round(num(value));
}

function venueOf(raw) {
  if (!raw) return { id: '', name: '' };
  if (typeof raw === 'string') return { id: raw, name: raw };
  return { id: String(raw.id ?? ''), name: String(raw.name ?? raw.id ?? ''), timeZone: raw.timeZone };
}

function seatNumbers(raw) {
  if (Array.isArray(raw))
    return raw.map((s) => (typeof s === 'object' ? num(s.number) : num(s))).filter(Boolean);
  if (raw && typeof raw === 'object' && raw.low != null) {
    const out = [];
    for (let n = num(raw.low); n <= num(raw.high, num(raw.low)) && out.length < 50; n++) out.push(n);
    return out;
  }
  return [];
}

/** One item of `GET /api/v1/listings` (and the base of the detail). */
export function toListing(raw) {
  const perf = raw.performance ?? {};
  const venue = venueOf(perf.venue ?? raw.venue);
  return {
    id: String(raw.id),
    performance: {
      id: String(perf.id ?? ''),
      startsAt: String(perf.startsAt ?? perf.occursAt ?? ''),
      venue,
      city: String(perf.city ?? ''),
      timeZone: perf.timeZone ?? venue.timeZone,
    },
    section: String(raw.section ?? ''),
    sectionId: raw.sectionId ? String(raw.sectionId) : undefined,
    row: String(raw.row ?? ''),
    seats: seatNumbers(raw.seats),
    quantity: num(raw.quantity),
    splits: Array.isArray(raw.splits) ? raw.splits.map((s) => num(s)).filter(Boolean) : [],
    allInPrice: { amount: cents(raw.allInPrice), currency: raw.allInPrice?.currency ?? 'USD' },
    faceValue: raw.faceValue != null ? cents(raw.faceValue) : undefined,
    seatQuality: num(raw.seatQuality),
    viewNotes: Array.isArray(raw.viewNotes)
      ? raw.viewNotes.map((n) => (typeof n === 'string' ? n : String(n?.text ?? ''))).filter(Boolean)
      : [],
    dealScore: num(raw.dealScore),
    explanation: String(raw.explanation ?? ''),
  };
}

function toSeatPlace(raw, fallbackSection, fallbackRow) {
  return {
    section: String(raw.section ?? raw.sectionId ?? fallbackSection ?? ''),
    row: String(raw.row ?? fallbackRow ?? ''),
    number: num(raw.number ?? raw.seat),
    x: raw.x == null ? undefined : num(raw.x),
    y: raw.y == null ? undefined : num(raw.y),
    sightline: toSightline(raw.sightline),
  };
}

const point = (p, keys) => Object.fromEntries(keys.map((k) => [k, num(p?.[k])]));

/**
 * A seat's computed sightline (docs/architecture.md: shares 0..1, `hiddenBy`, and the points
 * to draw it, in metres). Null when the API has none or it cannot be drawn.
 */
function toSightline(raw) {
  const d = raw?.drawing;
  if (!raw || !d?.eye || !d.stage || !d.visible) return null;
  return {
    visibleHeightShare: num(raw.visibleHeightShare),
    visibleWidthShare: num(raw.visibleWidthShare),
    visibleShare: num(raw.visibleShare),
    hiddenBy: (Array.isArray(raw.hiddenBy) ? raw.hiddenBy : []).map((h) => ({
      by: String(h.by ?? ''),
      name: String(h.name ?? ''),
      side: String(h.side ?? ''),
      share: num(h.share),
    })),
    summary: String(raw.summary ?? `You see about ${Math.round(num(raw.visibleShare) * 100)}% of the stage`),
    notes: Array.isArray(raw.notes) ? raw.notes.map(String) : [],
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
      edges: (Array.isArray(d.edges) ? d.edges : []).map((e) => ({
        by: String(e.by ?? ''),
        name: String(e.name ?? ''),
        ...point(e, ['y', 'z']),
      })),
      columns: (Array.isArray(d.columns) ? d.columns : []).map((c) => ({
        name: String(c.name ?? ''),
        ...point(c, ['x', 'y', 'radius']),
      })),
      shadows: (Array.isArray(d.shadows) ? d.shadows : []).map((s) => point(s, ['from', 'to'])),
    },
  };
}

/** `GET /api/v1/listings/:id`: the listing plus history, breakdown and seat places. */
export function toListingDetail(raw) {
  const base = toListing(raw);
  const history = Array.isArray(raw.priceHistory) ? raw.priceHistory : [];
  const breakdown = raw.priceBreakdown ?? raw.breakdown ?? {};
  // The breakdown is per ticket, like every price shown; the total is the all-in price.
  const total = cents(breakdown.total ?? breakdown.allIn) || base.allInPrice.amount;
  const places = raw.seatPositions ?? raw.seatPlaces ?? raw.seatMap?.seats ?? raw.seatmap?.seats ?? [];
  return {
    ...base,
    sectionId: String(raw.seatMap?.sectionId ?? raw.sectionId ?? base.sectionId ?? ''),
    priceHistory: history
      .map((p) => ({ at: String(p.at ?? p.time ?? ''), amount: cents(p.amount ?? p.allInPrice ?? p.price) }))
      .filter((p) => p.at && p.amount > 0)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    priceBreakdown: {
      ticket: cents(breakdown.ticket ?? breakdown.price),
      fees: cents(breakdown.fees ?? breakdown.fee),
      total,
    },
    seatPositions: Array.isArray(places)
      ? places.map((p) => toSeatPlace(p, raw.seatMap?.sectionId, base.row))
      : [],
  };
}

function toViewNoteTarget(raw) {
  // Three ways a note may say where it applies, all accepted: explicit seats; seat ranges
  // { section, rows?: [a, b], seats?: [lo, hi] } (libs/venues SeatRange); or drawing
  // rectangles { section, x, y, width, height } (libs/venues SeatMap), which come with
  // per-seat note ids on the seats themselves.
  const regions = Array.isArray(raw.regions) ? raw.regions : Array.isArray(raw.where) ? raw.where : [];
  const isRect = (r) => r && r.width != null && r.height != null;
  return {
    seats: (Array.isArray(raw.seats) ? raw.seats : []).map((s) => toSeatPlace(s)),
    regions: regions
      .filter((r) => !isRect(r))
      .map((r) => ({
        section: String(r.section ?? ''),
        rows: Array.isArray(r.rows) && r.rows.length === 2 ? r.rows.map(String) : undefined,
        seats: Array.isArray(r.seats) && r.seats.length === 2 ? r.seats.map((n) => num(n)) : undefined,
      })),
    rects: regions.filter(isRect).map((r) => ({
      section: String(r.section ?? ''),
      x: num(r.x),
      y: num(r.y),
      width: num(r.width),
      height: num(r.height),
    })),
  };
}

/** `GET /api/v1/venues/:id/seatmap`. Coordinates are in seat widths, y away from the stage. */
export function toSeatMap(raw) {
  const venue = raw.venue
    ? venueOf(raw.venue)
    : { id: String(raw.venueId ?? raw.id ?? ''), name: String(raw.name ?? ''), timeZone: raw.timeZone };
  return {
    venue,
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
          number: num(seat.number ?? seat.n),
          x: num(seat.x),
          y: num(seat.y),
          notes: Array.isArray(seat.notes) ? seat.notes.map(String) : [],
        })),
      })),
    })),
    viewNotes: (raw.viewNotes ?? []).map((n) => ({
      id: String(n.id ?? ''),
      kind: String(n.kind ?? 'other'),
      text: String(n.text ?? ''),
      severity: num(n.severity),
      ...toViewNoteTarget(n),
    })),
  };
}

/** Filters the page knows, in the API's own query names. Empty values are left out. */
export function listingsQuery(filters) {
  const q = new URLSearchParams();
  for (const key of [
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
  ]) {
    const v = filters[key];
    if (v === undefined || v === null || v === '' || v === false) continue;
    q.set(key, String(v));
  }
  return q;
}

export async function getListings(filters, { signal } = {}) {
  const data = await request(`/api/v1/listings?${listingsQuery(filters)}`, { signal });
  const items = Array.isArray(data) ? data : (data?.items ?? []);
  return { items: items.map(toListing), nextCursor: data?.nextCursor ?? null };
}

export async function getListing(id, { signal } = {}) {
  return toListingDetail(await request(`/api/v1/listings/${encodeURIComponent(id)}`, { signal }));
}

export async function getSeatMap(venueId, { signal } = {}) {
  return toSeatMap(await request(`/api/v1/venues/${encodeURIComponent(venueId)}/seatmap`, { signal }));
}

export async function getShows({ signal } = {}) {
  const data = await request('/api/v1/shows', { signal });
  return (Array.isArray(data) ? data : (data?.items ?? [])).map((s) => ({
    id: String(s.id),
    title: String(s.title ?? s.name ?? s.id),
    venue: venueOf(s.venue),
    city: String(s.city ?? ''),
    timeZone: s.timeZone,
  }));
}

export async function getPerformances({ show, from, to }, { signal } = {}) {
  const q = new URLSearchParams();
  if (show) q.set('show', show);
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  const data = await request(`/api/v1/performances?${q}`, { signal });
  return (Array.isArray(data) ? data : (data?.items ?? []))
    .map((p) => ({
      id: String(p.id),
      startsAt: String(p.startsAt ?? ''),
      listingCount: num(p.listingCount ?? p.listings ?? p.count),
      lowestPrice: p.lowestAllInPrice ?? p.lowestPrice ?? p.minAllInPrice ?? p.lowest,
      bestDealScore: p.bestDealScore == null ? undefined : num(p.bestDealScore),
    }))
    .map((p) => ({ ...p, lowestPrice: p.lowestPrice == null ? undefined : cents(p.lowestPrice) }));
}

/** The sandbox cards the checkout form offers outside production; never a card number. */
export const SANDBOX_CARDS = [
  { token: 'tok_sandbox_ok', label: 'Test card — approved' },
  { token: 'tok_sandbox_declined', label: 'Test card — declined' },
  { token: 'tok_sandbox_error', label: 'Test card — payment provider error' },
];

/**
 * True when the API says the listing's performance is past its sales cut-off: search-api's
 * 404 and checkout's 409 both carry `reason: "performance_closed"`.
 */
export function isPerformanceClosed(err) {
  const b = err?.body ?? {};
  return String(b.reason ?? b.code ?? b.details?.reason ?? '').toLowerCase() === 'performance_closed';
}

/**
 * A 409's meaning, read defensively: `price_changed` (with the new all-in price per
 * ticket, cents), `sold_out`, `performance_closed` (sales closed before curtain), `busy`
 * (the same Idempotency-Key is still being processed: retry with the same key) or `failed`
 * (this attempt is over: a new one needs a new key).
 */
export function conflictOf(err) {
  const b = err.body ?? {};
  const priceRaw =
    b.currentAllInPrice ?? b.newAllInPrice ?? b.newPrice ?? b.currentPrice ?? b.details?.currentAllInPrice;
  const reason = String(b.reason ?? b.code ?? b.details?.reason ?? '').toLowerCase();
  const newPrice = priceRaw == null ? undefined : cents(priceRaw);
  let kind;
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

/** A 400's per-field messages, keyed by form field name (name, email, quantity...). */
export function fieldErrorsOf(err) {
  const b = err.body ?? {};
  const out = {};
  const add = (path, message) => {
    const key = String(Array.isArray(path) ? path[path.length - 1] : String(path).split('.').pop());
    if (key && !out[key]) out[key] = String(message);
  };
  const list = b.errors ?? b.issues ?? b.fieldErrors ?? b.fields ?? b.details;
  if (Array.isArray(b.allowedQuantities)) add('quantity', b.message);
  if (Array.isArray(list)) {
    for (const e of list) {
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

/** 201: the order and the accessToken that alone can read it back later. */
export function toOrder(data) {
  const order = data?.order ?? data ?? {};
  return {
    id: String(order.id ?? order.orderId ?? ''),
    status: String(order.status ?? 'confirmed'),
    listingId: String(order.listingId ?? ''),
    quantity: num(order.quantity),
    allInPrice: order.allInPrice ?? order.unitAllInPrice ?? order.expectedAllInPrice,
    total: order.total ?? order.totalAmount ?? order.amount,
    email: order.buyer?.email ?? order.email,
    accessToken: data?.accessToken ?? order.accessToken,
    raw: order,
  };
}

export async function postOrder(body, idempotencyKey) {
  return toOrder(
    await request('/api/v1/orders', { method: 'POST', headers: { 'idempotency-key': idempotencyKey }, body }),
  );
}

export async function getOrder(id, accessToken) {
  return toOrder(
    await request(`/api/v1/orders/${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    }),
  );
}

/**
 * Run-time settings the server writes: `{ appEnv, paymentProvider, stripePublishableKey }`
 * (the key only with provider stripe); production without a way to pay when unreadable.
 */
export async function getConfig() {
  const fallback = { appEnv: 'production', paymentProvider: 'stripe', stripePublishableKey: '' };
  try {
    const res = await fetch('/config.json', { headers: { accept: 'application/json' } });
    if (!res.ok) return fallback;
    const data = await res.json();
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
// because the alert API takes the search page's filters as the listings query names them.

/** POST /api/v1/alerts: `{ email, show, filters, target }` → `{ id, status: 'pending', message }`. */
export async function createAlert(body) {
  return request('/api/v1/alerts', { method: 'POST', body });
}

export async function confirmAlert(id, token) {
  return request(`/api/v1/alerts/${encodeURIComponent(id)}/confirm`, { method: 'POST', body: { token } });
}

export async function getAlert(id, accessToken) {
  return request(`/api/v1/alerts/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

export async function deleteAlert(id, accessToken) {
  return request(`/api/v1/alerts/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

export async function unsubscribeAlert(id, token) {
  return request(`/api/v1/alerts/${encodeURIComponent(id)}/unsubscribe`, { method: 'POST', body: { token } });
}
