// The listing page: where the seats are (SVG seat map), what they will not see, how the
// price moved, and the all-in price with its breakdown one click away.
import {
  getListing,
  getSeatMap,
  isPerformanceClosed,
  messageOf,
  statusOf,
  type ListingDetail,
  type MapViewNote,
} from './api.js';
import {
  dealLabel,
  dealTone,
  el,
  isMatinee,
  money,
  moneyExact,
  performanceTimeLong,
  sectionTitle,
  seatsText,
} from './format.js';
import { sectionCode } from './listing-card.js';
import { renderPriceChart } from './price-chart.js';
import { renderSeatMap } from './seatmap.js';
import { renderSightline } from './sightline.js';
import { announce, byId, emptyToDeals, errorBox, salesClosedBox } from './ui.js';

const params = new URLSearchParams(location.search);
const id = params.get('id') ?? '';
const wantedQuantity = Number(params.get('quantity')) || undefined;
const root = byId('listing');
const status = byId('page-status');

if (
  document.referrer &&
  new URL(document.referrer).origin === location.origin &&
  /\/search/.test(document.referrer)
) {
  const back = byId('back-link', HTMLAnchorElement);
  back.href = new URL(document.referrer).pathname + new URL(document.referrer).search;
  back.textContent = '← Back to your search';
}

/** The quantities this seller allows, the buyer's wish first when allowed. */
function allowedQuantities(listing: ListingDetail): number[] {
  const splits = (listing.splits.length ? listing.splits : [listing.quantity]).filter(
    (n) => n > 0 && n <= listing.quantity,
  );
  return [...new Set(splits)].sort((a, b) => a - b);
}

function breakdown(listing: ListingDetail, quantity: number): HTMLDetailsElement {
  const b = listing.priceBreakdown;
  const ticket = b.ticket || b.total - b.fees;
  return el(
    'details',
    { class: 'breakdown' },
    el('summary', {}, 'Price breakdown'),
    el(
      'dl',
      {},
      el('dt', {}, 'Ticket price'),
      el('dd', {}, moneyExact(ticket)),
      el('dt', {}, 'Service and delivery fees'),
      el('dd', {}, moneyExact(b.fees)),
      el('dt', { class: 'total' }, 'All-in price per ticket'),
      el('dd', { class: 'total' }, moneyExact(b.total)),
      el(
        'dt',
        { class: 'total', 'data-role': 'qty-label' },
        `Total for ${quantity} ticket${quantity === 1 ? '' : 's'}`,
      ),
      el('dd', { class: 'total', 'data-role': 'qty-total' }, moneyExact(b.total * quantity)),
    ),
    el(
      'p',
      { class: 'hint' },
      'No fee is added at checkout. E-tickets are delivered free. Sales tax, where it applies, is shown before you pay.',
    ),
  );
}

function buyBox(listing: ListingDetail): HTMLElement {
  const quantities = allowedQuantities(listing);
  let quantity =
    wantedQuantity !== undefined && quantities.includes(wantedQuantity)
      ? wantedQuantity
      : (quantities.find((q) => q >= 2) ?? quantities[0] ?? 1);
  const select = el(
    'select',
    { id: 'buy-quantity', name: 'quantity', 'aria-describedby': 'buy-quantity-hint' },
    quantities.map((q) =>
      el('option', { value: q, selected: q === quantity }, `${q} ticket${q === 1 ? '' : 's'}`),
    ),
  );
  const totalLine = el('p', { class: 'hint', 'aria-live': 'polite' });
  const checkout = el('a', { class: 'button button-gold', href: '#' }, 'Continue to checkout');
  const bd = breakdown(listing, quantity);
  const qtyLabel = bd.querySelector('[data-role="qty-label"]') ?? el('dt');
  const qtyTotal = bd.querySelector('[data-role="qty-total"]') ?? el('dd');
  const update = () => {
    quantity = Number(select.value);
    totalLine.textContent = `${money(listing.allInPrice.amount * quantity)} for ${quantity} ticket${quantity === 1 ? '' : 's'}, fees included.`;
    checkout.href = `/checkout?${new URLSearchParams({ id: listing.id, quantity: String(quantity) })}`;
    qtyLabel.textContent = `Total for ${quantity} ticket${quantity === 1 ? '' : 's'}`;
    qtyTotal.textContent = moneyExact(listing.priceBreakdown.total * quantity);
  };
  select.addEventListener('change', update);
  update();
  const tone = dealTone(listing.dealScore);
  return el(
    'aside',
    { class: 'panel buy-box', 'aria-label': 'Price and purchase' },
    el(
      'p',
      { class: 'price' },
      el('span', { class: 'price-amount', 'data-testid': 'all-in-price' }, money(listing.allInPrice.amount)),
      el('span', { class: 'price-unit' }, 'per ticket — the total you pay, fees included'),
    ),
    el(
      'p',
      { class: `deal deal-${tone}` },
      el('span', { class: 'deal-score', 'aria-hidden': 'true' }, String(Math.round(listing.dealScore))),
      el('span', { class: 'deal-label' }, dealLabel(listing.dealScore)),
      el('span', { class: 'visually-hidden' }, `, deal score ${Math.round(listing.dealScore)} out of 100`),
    ),
    listing.explanation ? el('p', {}, listing.explanation) : null,
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'buy-quantity' }, 'How many tickets'),
      select,
      el(
        'p',
        { class: 'hint', id: 'buy-quantity-hint' },
        'The seller sells these seats only in these quantities.',
      ),
    ),
    totalLine,
    bd,
    checkout,
    el(
      'div',
      { class: 'legal' },
      el(
        'p',
        {},
        el('strong', {}, 'Face value: '),
        'printed on the ticket. This resale price may be above or below it.',
      ),
      el(
        'p',
        {},
        el('strong', {}, 'Refunds: '),
        'a full refund, fees included, if the performance is cancelled or you are refused entry.',
      ),
    ),
  );
}

/** "The mezzanine overhang" of "The mezzanine overhang hides the top 18% of the stage". */
const subject = (text: string) => (/^(.+?) hides /.exec(text) ?? [])[1];

function unseen(listing: ListingDetail, notesFromMap: readonly MapViewNote[]): HTMLElement {
  // The map words its computed notes for every seat they touch ("hides the top of the
  // stage"); the listing's own copy has these seats' figure, so it wins.
  const said = new Set(listing.viewNotes.map(subject).filter(Boolean));
  const fromMap = notesFromMap.map((n) => n.text).filter((t) => !said.has(subject(t)));
  const texts = [...new Set([...listing.viewNotes, ...fromMap])];
  if (!texts.length)
    return el('div', { class: 'clear-view' }, 'Clear view: no known obstruction from these seats.');
  return el(
    'section',
    { class: 'unseen', 'aria-labelledby': 'unseen-title' },
    el('h2', { id: 'unseen-title' }, 'What you will not see from these seats'),
    el(
      'ul',
      {},
      texts.map((t) => el('li', {}, t)),
    ),
  );
}

async function loadMap(
  listing: ListingDetail,
  mapPanel: HTMLElement,
  unseenSlot: HTMLElement,
): Promise<void> {
  const body = mapPanel.querySelector('.panel-body') ?? mapPanel;
  body.replaceChildren(el('p', { class: 'muted' }, 'Drawing the seat map…'));
  try {
    if (!listing.performance.venue.id) throw new Error('no venue');
    const map = await getSeatMap(listing.performance.venue.id);
    const { element, notesForListing } = renderSeatMap(map, listing);
    body.replaceChildren(element);
    unseenSlot.replaceChildren(unseen(listing, notesForListing));
  } catch (err) {
    body.replaceChildren(
      errorBox(
        `The seat map could not be loaded. ${statusOf(err) ? messageOf(err) : ''}`.trim(),
        () => void loadMap(listing, mapPanel, unseenSlot),
      ),
    );
  }
}

function render(listing: ListingDetail): void {
  const { performance } = listing;
  const when = performanceTimeLong(performance.startsAt, performance.timeZone);
  const section = sectionTitle(listing).name;
  document.title = `${section}, row ${listing.row} — ${when} — Hamiltix`;
  const unseenSlot = el('div', {}, unseen(listing, []));
  const mapPanel = el(
    'section',
    { class: 'panel', 'aria-labelledby': 'map-title' },
    el('h2', { id: 'map-title' }, 'Where you will sit'),
    el('div', { class: 'panel-body' }),
  );
  const historyPanel = el(
    'section',
    { class: 'panel', 'aria-labelledby': 'history-title' },
    el('h2', { id: 'history-title' }, 'Price history'),
    renderPriceChart(listing.priceHistory, listing.allInPrice.amount),
  );
  root.replaceChildren(
    el(
      'div',
      { class: 'detail-head' },
      el(
        'p',
        { class: 'card-when' },
        el('time', { datetime: performance.startsAt }, when),
        el(
          'span',
          { class: 'pill' },
          isMatinee(performance.startsAt, performance.timeZone) ? 'Matinee' : 'Evening',
        ),
      ),
      el(
        'h1',
        { id: 'listing-title', tabindex: '-1' },
        `${section} · ${seatsText(listing)}`,
        sectionCode(listing),
      ),
      el(
        'p',
        { class: 'card-venue' },
        `${performance.venue.name}${performance.city ? `, ${performance.city}` : ''} · Seat quality ${Math.round(listing.seatQuality)}/100 · times are the theatre’s local time`,
      ),
    ),
    el(
      'div',
      { class: 'detail' },
      buyBox(listing),
      el('div', { class: 'detail-body' }, unseenSlot, mapPanel, renderSightline(listing), historyPanel),
    ),
  );
  root.removeAttribute('aria-busy');
  announce(
    status,
    `${section}, ${seatsText(listing)}, ${money(listing.allInPrice.amount)} per ticket, fees included.`,
  );
  void loadMap(listing, mapPanel, unseenSlot);
}

async function load(): Promise<void> {
  root.setAttribute('aria-busy', 'true');
  if (!id) {
    root.replaceChildren(emptyToDeals('No tickets chosen.', 'Pick tickets from the best deals or a search.'));
    root.removeAttribute('aria-busy');
    return;
  }
  try {
    render(await getListing(id));
  } catch (err) {
    root.removeAttribute('aria-busy');
    if (statusOf(err) === 404 && isPerformanceClosed(err)) {
      root.replaceChildren(salesClosedBox());
      document.title = 'Sales closed — Hamiltix';
      announce(status, 'Sales for this performance have closed.');
      return;
    }
    if (statusOf(err) === 404) {
      root.replaceChildren(
        emptyToDeals(
          'These tickets are no longer available.',
          'They may have just sold. Here are the best deals still on sale.',
        ),
      );
      announce(status, 'These tickets are no longer available.');
      return;
    }
    root.replaceChildren(errorBox(messageOf(err), () => void load()));
    announce(status, messageOf(err));
  }
}

void load();
