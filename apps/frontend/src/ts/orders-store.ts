// The buyer's orders in this browser: the accessToken is the only key that can read an
// order back (GET /api/v1/orders/:id with a bearer token), so it is kept here and never
// put in a URL, where it would leak into history and referrers.
import type { Listing, Order } from './api.js';
import { now } from './clock.js';

const STORE = 'hamiltix.orders';

/** What this browser keeps per order: the key to read it back and what to show meanwhile. */
export interface SavedOrder {
  accessToken: string;
  savedAt: string;
  summary: {
    section: string;
    row: string;
    startsAt: string;
    venue: string;
    quantity: number;
    price: number;
  };
}

function readAll(): Record<string, SavedOrder> {
  try {
    const data: unknown = JSON.parse(localStorage.getItem(STORE) ?? '{}');
    return data && typeof data === 'object' ? (data as Record<string, SavedOrder>) : {};
  } catch {
    return {};
  }
}

export function rememberOrder(
  order: Order,
  { listing, quantity, price }: { listing: Listing; quantity: number; price: number },
): void {
  if (!order.id) return;
  const all = readAll();
  all[order.id] = {
    accessToken: order.accessToken ?? '',
    savedAt: now().toISOString(),
    summary: {
      section: listing.section,
      row: listing.row,
      startsAt: listing.performance.startsAt,
      venue: listing.performance.venue.name,
      quantity,
      price,
    },
  };
  try {
    localStorage.setItem(STORE, JSON.stringify(all));
  } catch {
    // Storage full or disabled: the confirmation e-mail still carries the order.
  }
}

export function savedOrder(id: string): SavedOrder | undefined {
  return readAll()[id];
}
