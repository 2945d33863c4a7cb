// The buyer's orders in this browser: the accessToken is the only key that can read an
// order back (GET /api/v1/orders/:id with a bearer token), so it is kept here and never
// put in a URL, where it would leak into history and referrers.
const STORE = 'hamiltix.orders';

function readAll() {
  try {
    const data = JSON.parse(localStorage.getItem(STORE) ?? '{}');
    return data && typeof data === 'object' ? data : {};
  } catch {
    return {};
  }
}

export function rememberOrder(order, { listing, quantity, price }) {
  if (!order.id) return;
  const all = readAll();
  all[order.id] = {
    accessToken: order.accessToken ?? '',
    savedAt: new Date().toISOString(),
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

export function savedOrder(id) {
  return readAll()[id];
}
