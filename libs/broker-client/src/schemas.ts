import { parseDollarsToCents } from '@hamiltix/domain';
import { z } from 'zod';
import { fastListing } from './fast-listing.js';
import type { BrokerEvent, BrokerListing, BrokerOrder, BrokerPerformer, SkippedRow } from './types.js';

/**
 * Wire schemas (snake_case, as the broker sends). Each row is validated on its own so a
 * malformed one is reported and skipped instead of failing the page.
 */
const intId = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
]);
const money = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const cents = parseDollarsToCents(v);
  if (cents === undefined || cents < 0) {
    ctx.addIssue({ code: 'custom', message: `not an amount of money: ${JSON.stringify(v).slice(0, 40)}` });
    return z.NEVER;
  }
  return cents;
});
const count = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number),
]);
const optText = z
  .string()
  .nullish()
  .transform((v) => (v == null || v === '' ? null : v));
const optBool = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false);
const seatNo = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,5}$/)
    .transform(Number),
]);
const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'not a date' });

const listingWire = z.object({
  id: intId,
  event: z.object({ id: intId }).optional(),
  event_id: intId.optional(),
  section: z.string().trim().min(1),
  row: z.string().trim().min(1),
  seats: z
    .union([
      z.array(seatNo),
      z.object({
        low: seatNo.nullish(),
        high: seatNo.nullish(),
        low_seat: seatNo.nullish(),
        high_seat: seatNo.nullish(),
      }),
    ])
    .nullish(),
  low_seat: seatNo.nullish(),
  high_seat: seatNo.nullish(),
  available_quantity: count.refine((n) => n >= 1, { message: 'no tickets available' }),
  splits: z.array(z.union([z.number(), z.string()])),
  retail_price: money,
  wholesale_price: money.nullish(),
  format: optText,
  in_hand: optBool,
  in_hand_on: optText,
  instant_delivery: optBool,
  public_notes: optText,
  view_type: optText,
  wheelchair: optBool,
  signature: optText,
});

export function parseListingRow(
  row: unknown,
  eventId: number,
): { ok: true; value: BrokerListing } | { ok: false; skipped: SkippedRow } {
  const fast = fastListing(row, eventId);
  if (fast) return { ok: true, value: fast };
  return parseListingRowStrict(row, eventId);
}

/** The zod path alone (the authority; exported for the fast path's property test). */
export function parseListingRowStrict(
  row: unknown,
  eventId: number,
): { ok: true; value: BrokerListing } | { ok: false; skipped: SkippedRow } {
  const r = listingWire.safeParse(row);
  if (!r.success) return { ok: false, skipped: { id: readId(row), reason: describe(r.error) } };
  const w = r.data;
  const rowEvent = w.event?.id ?? w.event_id;
  if (rowEvent !== undefined && rowEvent !== eventId) {
    return {
      ok: false,
      skipped: { id: w.id, reason: `listing belongs to event ${rowEvent}, not ${eventId}` },
    };
  }
  let lowSeat = w.low_seat ?? undefined;
  let highSeat = w.high_seat ?? undefined;
  let seatList: number[] | undefined;
  if (Array.isArray(w.seats)) {
    if (w.seats.length) seatList = w.seats;
  } else if (w.seats) {
    lowSeat = w.seats.low ?? w.seats.low_seat ?? lowSeat;
    highSeat = w.seats.high ?? w.seats.high_seat ?? highSeat;
  }
  const splits: number[] = [];
  for (const s of w.splits) {
    const n = typeof s === 'string' ? Number(s) : s;
    if (Number.isInteger(n) && n > 0) splits.push(n);
  }
  return {
    ok: true,
    value: {
      id: w.id,
      eventId,
      section: w.section,
      row: w.row,
      lowSeat,
      highSeat,
      seatList,
      availableQuantity: w.available_quantity,
      splits,
      retailCents: w.retail_price,
      wholesaleCents: w.wholesale_price ?? w.retail_price,
      format: w.format,
      inHand: w.in_hand,
      inHandOn: w.in_hand_on,
      instantDelivery: w.instant_delivery,
      publicNotes: w.public_notes,
      viewType: w.view_type,
      wheelchair: w.wheelchair,
      signature: w.signature,
    },
  };
}

const eventWire = z.object({
  id: intId,
  name: z.string().min(1),
  state: z.string().nullish(),
  occurs_at: isoInstant,
  occurs_at_local: optText,
  updated_at: isoInstant.nullish(),
  venue: z.object({ id: intId, name: z.string().min(1), location: optText }),
  configuration: z.object({ id: intId }).nullish(),
  performances: z
    .array(z.object({ performer: z.object({ id: intId, name: z.string() }), primary: optBool }))
    .nullish(),
  available_count: count.nullish(),
  popularity_score: z.number().nullish(),
});

export function parseEventRow(
  row: unknown,
): { ok: true; value: BrokerEvent } | { ok: false; skipped: SkippedRow } {
  const r = eventWire.safeParse(row);
  if (!r.success) return { ok: false, skipped: { id: readId(row), reason: describe(r.error) } };
  const w = r.data;
  return {
    ok: true,
    value: {
      id: w.id,
      name: w.name,
      state: w.state ?? 'shown',
      occursAt: new Date(w.occurs_at),
      occursAtLocal: w.occurs_at_local,
      updatedAt: w.updated_at ? new Date(w.updated_at) : null,
      venue: { id: w.venue.id, name: w.venue.name, location: w.venue.location },
      configurationId: w.configuration?.id ?? null,
      performers: (w.performances ?? []).map((p) => ({
        id: p.performer.id,
        name: p.performer.name,
        primary: p.primary,
      })),
      availableCount: w.available_count ?? null,
      popularityScore: w.popularity_score ?? null,
    },
  };
}

const performerWire = z.object({ id: intId, name: z.string().min(1) });

export function parsePerformerRow(
  row: unknown,
): { ok: true; value: BrokerPerformer } | { ok: false; skipped: SkippedRow } {
  const r = performerWire.safeParse(row);
  if (!r.success) return { ok: false, skipped: { id: readId(row), reason: describe(r.error) } };
  return { ok: true, value: { id: r.data.id, name: r.data.name } };
}

const orderWire = z
  .object({
    id: z.union([z.number(), z.string()]),
    state: z.string(),
    total: money.nullish(),
    client_reference: optText,
    reference: optText,
    reason: optText,
    rejection_reason: optText,
    items: z
      .array(
        z.object({
          ticket_group_id: intId.nullish(),
          ticket_group: z.object({ id: intId }).nullish(),
          quantity: count.nullish(),
        }),
      )
      .nullish(),
  })
  .loose();

export function parseOrder(row: unknown): BrokerOrder | undefined {
  const r = orderWire.safeParse(row);
  if (!r.success) return undefined;
  const w = r.data;
  const item = w.items?.[0];
  return {
    id: w.id,
    state: w.state,
    totalCents: w.total ?? null,
    reference: w.client_reference ?? w.reference ?? null,
    ticketGroupId: item?.ticket_group_id ?? item?.ticket_group?.id ?? null,
    quantity: item?.quantity ?? null,
    reason: w.rejection_reason ?? w.reason ?? null,
    raw: row,
  };
}

/** Page envelope of catalogue lists. TEvo names it `current_page`; docs/domain.md `page`. */
export const pageEnvelope = z.object({
  total_entries: count,
  page: count.optional(),
  current_page: count.optional(),
  per_page: count.optional(),
});

function readId(row: unknown): number | undefined {
  if (row && typeof row === 'object' && 'id' in row) {
    const id = (row as { id: unknown }).id;
    if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return id;
    if (typeof id === 'string' && /^\d{1,15}$/.test(id)) return Number(id);
  }
  return undefined;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`)
    .join('; ');
}
