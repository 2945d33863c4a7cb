// Checkout's API (`POST /api/v1/orders`, `GET /api/v1/orders/:id`) as the checkout and order
// pages read it: the order, a 409's meaning, a 400's field errors, the sandbox cards, and the
// run-time config that says how the buyer pays.
import type { MoneyDto } from '@hamiltix/contracts';
import type { ApiError } from './api-http.js';
import { cents, detailsOf, num, reasonOf, request } from './api-http.js';

/** The sandbox cards the checkout form offers outside production; never a card number. */
export const SANDBOX_CARDS = [
  { token: 'tok_sandbox_ok', label: 'Test card — approved' },
  { token: 'tok_sandbox_declined', label: 'Test card — declined' },
  { token: 'tok_sandbox_error', label: 'Test card — payment provider error' },
];

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
