// An order read back with the accessToken this browser kept at checkout.
import { getOrder, messageOf, statusOf } from './api.js';
import { el, money, performanceTimeLong } from './format.js';
import { savedOrder } from './orders-store.js';
import { announce, byId, emptyToDeals, errorBox } from './ui.js';

const id = new URLSearchParams(location.search).get('id') ?? '';
const root = byId('order');
const status = byId('page-status');

async function load(): Promise<void> {
  const saved = id ? savedOrder(id) : undefined;
  if (!saved?.accessToken) {
    root.replaceChildren(
      emptyToDeals(
        'We can’t show this order here.',
        'Orders can only be opened from the browser that bought them, or from the link in your confirmation e-mail.',
      ),
    );
    return;
  }
  root.replaceChildren(el('p', { class: 'muted' }, 'Loading your order…'));
  try {
    const order = await getOrder(id, saved.accessToken);
    const s: Partial<typeof saved.summary> = saved.summary ?? {};
    root.replaceChildren(
      el(
        'section',
        { class: 'panel' },
        el(
          'dl',
          { class: 'facts' },
          el('dt', {}, 'Order'),
          el('dd', {}, order.id),
          el('dt', {}, 'Status'),
          el('dd', {}, order.status),
          s.startsAt ? [el('dt', {}, 'Performance'), el('dd', {}, performanceTimeLong(s.startsAt))] : null,
          s.section ? [el('dt', {}, 'Seats'), el('dd', {}, `${s.section}, row ${s.row}`)] : null,
          el('dt', {}, 'Tickets'),
          el('dd', {}, String(order.quantity || s.quantity || '')),
          s.price
            ? [el('dt', {}, 'Price per ticket'), el('dd', {}, `${money(s.price)}, fees included`)]
            : null,
        ),
      ),
    );
    announce(status, `Order ${order.id}: ${order.status}.`);
  } catch (err) {
    root.replaceChildren(
      errorBox(
        [401, 403, 404].includes(statusOf(err) ?? 0)
          ? 'This order could not be found with the key saved in this browser.'
          : messageOf(err),
        () => void load(),
      ),
    );
  }
}

void load();
