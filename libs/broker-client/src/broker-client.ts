import { z } from 'zod';
import { BrokerMalformedResponseError } from './errors.js';
import { HttpTransport } from './http-transport.js';
import type { BreakerState, BrokerClientOptions } from './options.js';
import { pageEnvelope, parseEventRow, parseListingRow, parseOrder, parsePerformerRow } from './schemas.js';
import type {
  BrokerEvent,
  BrokerListing,
  BrokerOrder,
  BrokerPerformer,
  CreateOrderInput,
  EventsResult,
  ListingsPage,
  SkippedRow,
} from './types.js';

/** docs/domain.md §1: `per_page` defaults to and is capped at 100. */
export const MAX_PER_PAGE = 100;

export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * Typed client for the broker API (Ticket Evolution v9 model, docs/domain.md §1). Every
 * request is signed; reads are retried with capped full-jitter backoff; a circuit
 * breaker guards the broker; rows are validated one by one and bad ones reported in
 * `skipped`, never failing the page. Money comes out as integer cents.
 */
export class BrokerClient {
  private readonly http: HttpTransport;
  private readonly pageConcurrency: number;

  constructor(options: BrokerClientOptions) {
    this.http = new HttpTransport(options);
    this.pageConcurrency = Math.max(1, options.pageConcurrency ?? 4);
  }

  get breakerState(): BreakerState {
    return this.http.breakerState;
  }

  /** Stops timers (the breaker's rolling window). Call on shutdown. */
  close(): void {
    this.http.shutdown();
  }

  async listPerformers(filter: { name?: string } = {}, opts: CallOptions = {}): Promise<BrokerPerformer[]> {
    const { rows } = await this.pages(
      'performers',
      '/v9/performers',
      { name: filter.name },
      parsePerformerRow,
      opts,
    );
    return rows;
  }

  /** Every page of events for the filter, in the broker's order. */
  async listEvents(
    filter: { performerId?: number; venueId?: number; occursAtGte?: Date; occursAtLt?: Date },
    opts: CallOptions = {},
  ): Promise<EventsResult> {
    const query = {
      performer_id: filter.performerId,
      venue_id: filter.venueId,
      'occurs_at.gte': filter.occursAtGte?.toISOString(),
      'occurs_at.lt': filter.occursAtLt?.toISOString(),
    };
    const { rows, skipped } = await this.pages('events', '/v9/events', query, parseEventRow, opts);
    return { events: rows, skipped };
  }

  async getEvent(id: number, opts: CallOptions = {}): Promise<BrokerEvent> {
    const body = await this.http.request({
      method: 'GET',
      path: `/v9/events/${id}`,
      resource: 'event',
      signal: opts.signal,
    });
    const r = parseEventRow(unwrap(body, 'event'));
    if (!r.ok) throw new BrokerMalformedResponseError(`/v9/events/${id}`, r.skipped.reason);
    return r.value;
  }

  /** Every listing of one event (the broker does not page listings). */
  async listListings(eventId: number, opts: CallOptions = {}): Promise<ListingsPage> {
    const path = '/v9/listings';
    const body = await this.http.request<unknown>({
      method: 'GET',
      path,
      query: { event_id: eventId },
      resource: 'listings',
      signal: opts.signal,
    });
    const rows = arrayField(body, ['listings', 'ticket_groups']);
    if (!rows) throw new BrokerMalformedResponseError(path, 'no "listings" array');
    const listings: BrokerListing[] = [];
    const skipped: SkippedRow[] = [];
    const seen = new Set<number>();
    for (const row of rows) {
      const r = parseListingRow(row, eventId);
      if (!r.ok) {
        skipped.push(r.skipped);
      } else if (seen.has(r.value.id)) {
        skipped.push({ id: r.value.id, reason: 'duplicate listing id in one answer' });
      } else {
        seen.add(r.value.id);
        listings.push(r.value);
      }
    }
    return { listings, skipped };
  }

  async getListing(id: number, opts: CallOptions = {}): Promise<BrokerListing> {
    const path = `/v9/listings/${id}`;
    const body = await this.http.request({ method: 'GET', path, resource: 'listing', signal: opts.signal });
    const row = unwrap(body, 'listing') as Record<string, unknown> | undefined;
    const eventId = z
      .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
      .safeParse((row?.event as { id?: unknown } | undefined)?.id ?? row?.event_id);
    if (!eventId.success) throw new BrokerMalformedResponseError(path, 'listing has no event id');
    const r = parseListingRow(row, eventId.data);
    if (!r.ok) throw new BrokerMalformedResponseError(path, r.skipped.reason);
    return r.value;
  }

  /**
   * Places an order. Never retried: a timed-out POST may have been placed, so the caller
   * must look the order up (by reference) before trying again.
   */
  async createOrder(input: CreateOrderInput, opts: CallOptions = {}): Promise<BrokerOrder> {
    const dollars = (c: number | undefined) => (c === undefined ? undefined : (c / 100).toFixed(2));
    const body = {
      orders: [
        {
          client_id: input.clientId,
          client_reference: input.reference,
          shipped_items: [
            {
              items: [
                {
                  ticket_group_id: input.ticketGroupId,
                  price: dollars(input.priceCents),
                  quantity: input.quantity,
                  ticket_group_signature: input.ticketGroupSignature,
                  seat_order: input.seatOrder,
                },
              ],
            },
          ],
          service_fee: dollars(input.serviceFeeCents ?? 0),
          shipping: dollars(input.shippingCents ?? 0),
          tax: dollars(input.taxCents ?? 0),
          discount: dollars(input.discountCents ?? 0),
          session_id: input.sessionId,
          created_by_ip_address: input.createdByIpAddress,
        },
      ],
    };
    const path = '/v9/orders';
    const res = await this.http.request({
      method: 'POST',
      path,
      body,
      resource: 'orders',
      signal: opts.signal,
    });
    const order = parseOrder(arrayField(res, ['orders'])?.[0] ?? unwrap(res, 'order'));
    if (!order) throw new BrokerMalformedResponseError(path, 'no order in the answer');
    return order;
  }

  async getOrder(id: number | string, opts: CallOptions = {}): Promise<BrokerOrder> {
    const path = `/v9/orders/${encodeURIComponent(String(id))}`;
    const res = await this.http.request({ method: 'GET', path, resource: 'order', signal: opts.signal });
    const order = parseOrder(unwrap(res, 'order'));
    if (!order) throw new BrokerMalformedResponseError(path, 'no order in the answer');
    return order;
  }

  /**
   * The broker's order placed with our `reference` (`GET /v9/orders?reference=`), or null when
   * the broker's list has none with it. The only way to learn whether a POST whose answer was
   * lost placed an order; a read, so retried like other GETs. A 404 is NOT taken for "none":
   * the list itself is missing (a wrong base URL), and a caller that voids the payment on
   * "none" must not do so for an order the broker may have placed — it throws BrokerHttpError.
   */
  async findOrderByReference(reference: string, opts: CallOptions = {}): Promise<BrokerOrder | null> {
    const path = '/v9/orders';
    const res = await this.http.request({
      method: 'GET',
      path,
      query: { reference },
      resource: 'orders',
      signal: opts.signal,
    });
    const rows = arrayField(res, ['orders']);
    if (!rows) throw new BrokerMalformedResponseError(path, 'no "orders" array');
    // The broker filters by reference, but only an exact match is our order. One we cannot
    // read is an error, never "none" (the caller would void a payment for a placed order).
    const row = rows.find((r) => rowReference(r) === reference);
    if (row === undefined) return null;
    const order = parseOrder(row);
    if (!order)
      throw new BrokerMalformedResponseError(path, `the order for reference ${reference} is malformed`);
    return order;
  }

  /**
   * Reads every page of a catalogue list: page 1 first (for `total_entries`), then the
   * rest with bounded concurrency. Stops early when a page comes back empty.
   */
  private async pages<T>(
    key: string,
    path: string,
    query: Record<string, string | number | undefined>,
    parse: (row: unknown) => { ok: true; value: T } | { ok: false; skipped: SkippedRow },
    opts: CallOptions,
  ): Promise<{ rows: T[]; skipped: SkippedRow[] }> {
    const fetchPage = async (page: number) => {
      const body = await this.http.request<unknown>({
        method: 'GET',
        path,
        query: { ...query, page, per_page: MAX_PER_PAGE },
        resource: key,
        signal: opts.signal,
      });
      const env = pageEnvelope.safeParse(body);
      const rows = arrayField(body, [key]);
      if (!env.success || !rows)
        throw new BrokerMalformedResponseError(path, `page ${page} has no "${key}" or "total_entries"`);
      return { total: env.data.total_entries, rows };
    };
    const first = await fetchPage(1);
    const lastPage = Math.ceil(first.total / MAX_PER_PAGE);
    const pages: unknown[][] = [first.rows];
    let next = 2;
    let exhausted = first.rows.length === 0;
    const worker = async () => {
      while (!exhausted && next <= lastPage) {
        const page = next++;
        const { rows } = await fetchPage(page);
        pages[page - 1] = rows;
        if (rows.length === 0) exhausted = true;
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.pageConcurrency, Math.max(0, lastPage - 1)) }, worker),
    );
    const out: T[] = [];
    const skipped: SkippedRow[] = [];
    for (const rows of pages) {
      for (const row of rows ?? []) {
        const r = parse(row);
        if (r.ok) out.push(r.value);
        else skipped.push(r.skipped);
      }
    }
    return { rows: out, skipped };
  }
}

function arrayField(body: unknown, keys: string[]): unknown[] | undefined {
  if (!body || typeof body !== 'object') return undefined;
  for (const k of keys) {
    const v = (body as Record<string, unknown>)[k];
    if (Array.isArray(v)) return v;
  }
  return undefined;
}

function rowReference(row: unknown): unknown {
  if (!row || typeof row !== 'object') return undefined;
  const r = row as Record<string, unknown>;
  return r.client_reference ?? r.reference;
}

/** Single resources may come bare or wrapped (`{ "event": {...} }`). */
function unwrap(body: unknown, key: string): unknown {
  if (body && typeof body === 'object' && key in body) return (body as Record<string, unknown>)[key];
  return body;
}
