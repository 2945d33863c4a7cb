// The checkout page's parts: the fields, the payment fieldset (sandbox cards or Stripe's
// card form), the order summary, the confirmation and the form's own checks. checkout.ts
// wires them to the API.
import { SANDBOX_CARDS, type ListingDetail, type Order, type SiteConfig } from './api.js';
import { el, money, moneyExact, performanceTimeLong, sectionTitle, seatsText } from './format.js';

function field({
  name,
  label,
  type = 'text',
  autocomplete,
  hint,
}: {
  name: string;
  label: string;
  type?: string;
  autocomplete: string;
  hint?: string;
}): HTMLDivElement {
  const inputId = `co-${name}`;
  return el(
    'div',
    { class: 'field', 'data-field': name },
    el('label', { for: inputId }, label),
    el('input', {
      id: inputId,
      name,
      type,
      autocomplete,
      required: true,
      'aria-describedby': `${inputId}-error${hint ? ` ${inputId}-hint` : ''}`,
    }),
    hint ? el('p', { class: 'hint', id: `${inputId}-hint` }, hint) : null,
    el('p', { class: 'field-error', id: `${inputId}-error` }),
  );
}

/**
 * How the buyer pays: Stripe's card form when the run-time config names it (production);
 * the sandbox cards elsewhere; in production without Stripe settings, no way to pay.
 */
export type PayMode = 'stripe' | 'sandbox' | 'unavailable';

export function payModeOf(config: SiteConfig): PayMode {
  if (config.paymentProvider === 'stripe' && config.stripePublishableKey) return 'stripe';
  return config.appEnv !== 'production' ? 'sandbox' : 'unavailable';
}

export function paymentFieldset(mode: PayMode): HTMLFieldSetElement {
  const error = el('p', { class: 'field-error', id: 'co-paymentToken-error' });
  if (mode === 'sandbox')
    return el(
      'fieldset',
      { 'data-field': 'paymentToken' },
      el('legend', {}, 'Payment ', el('span', { class: 'sandbox-badge' }, 'Test mode')),
      el(
        'p',
        { class: 'hint' },
        'This is a test environment: pick a sandbox card. No real card is charged and no card number is ever asked for.',
      ),
      SANDBOX_CARDS.map((card, i) =>
        el(
          'label',
          { class: 'radio' },
          el('input', { type: 'radio', name: 'paymentToken', value: card.token, checked: i === 0 }),
          card.label,
        ),
      ),
      error,
    );
  return el(
    'fieldset',
    { 'data-field': 'paymentToken' },
    el('legend', {}, 'Payment'),
    el(
      'p',
      { class: 'hint' },
      mode === 'stripe'
        ? 'Your card is entered in Stripe’s secure form; Hamiltix never sees the card number.'
        : 'Card payments are not available right now. Please try again later.',
    ),
    el('div', { id: 'payment-element', 'data-testid': 'payment-element' }),
    error,
  );
}

/** The quantities this seller allows, at most what is listed. */
export function allowedQuantities(listing: ListingDetail): number[] {
  return (listing.splits.length ? listing.splits : [listing.quantity]).filter(
    (n) => n > 0 && n <= listing.quantity,
  );
}

export const seatsLine = (listing: ListingDetail) => `${sectionTitle(listing).name} · ${seatsText(listing)}`;
export const when = (listing: ListingDetail) =>
  performanceTimeLong(listing.performance.startsAt, listing.performance.timeZone);
export const tickets = (n: number) => `${n} ticket${n === 1 ? '' : 's'}`;

/** The order summary beside the form; `price` and `total` are filled as the quantity changes. */
export function orderSummary(listing: ListingDetail) {
  const price = el('span', { class: 'price-amount', 'data-testid': 'all-in-price' });
  const total = el('p', { class: 'summary-total' });
  const { venue, city } = listing.performance;
  const element = el(
    'aside',
    { class: 'panel', 'aria-label': 'Order summary' },
    el('h2', {}, 'Hamilton'),
    el('p', {}, when(listing)),
    el('p', { class: 'card-venue' }, `${venue.name}${city ? `, ${city}` : ''}`),
    el('p', {}, el('strong', {}, seatsLine(listing))),
    el('p', { class: 'price' }, price, el('span', { class: 'price-unit' }, 'per ticket, fees included')),
    total,
    el(
      'div',
      { class: 'legal' },
      el(
        'p',
        {},
        el('strong', {}, 'Refunds: '),
        'full refund, fees included, if the performance is cancelled or you are refused entry.',
      ),
    ),
  );
  return { element, price, total };
}

/** The confirmation that replaces the form once the order is taken. */
export function confirmationOf(
  listing: ListingDetail,
  order: Order,
  quantity: number,
  paid: number,
): HTMLElement {
  const pending = /pending/i.test(order.status);
  return el(
    'section',
    {
      class: 'panel confirmation',
      'data-testid': 'order-confirmation',
      'aria-labelledby': 'confirmation-title',
    },
    el(
      'h2',
      { id: 'confirmation-title', tabindex: '-1' },
      pending ? 'Order received — confirming your seats' : 'You’re going to Hamilton!',
    ),
    el(
      'p',
      {},
      pending
        ? 'We are confirming the seats with the seller and will email you as soon as they are yours.'
        : `Your tickets will be emailed to ${order.email ?? 'you'}.`,
    ),
    el(
      'dl',
      { class: 'facts' },
      el('dt', {}, 'Order'),
      el('dd', { 'data-testid': 'order-id' }, order.id),
      el('dt', {}, 'Status'),
      el('dd', {}, order.status),
      el('dt', {}, 'Performance'),
      el('dd', {}, when(listing)),
      el('dt', {}, 'Seats'),
      el('dd', {}, seatsLine(listing)),
      el('dt', {}, 'Tickets'),
      el('dd', {}, String(order.quantity || quantity)),
      el('dt', {}, 'Total paid'),
      el('dd', {}, moneyExact(paid)),
    ),
    el(
      'p',
      {},
      el('a', { href: `/order?${new URLSearchParams({ id: order.id })}` }, 'View this order later'),
      ' — this browser keeps your private order key.',
    ),
  );
}

export interface Values {
  name: string;
  email: string;
  paymentToken: string;
}

export function validate(values: Values): Partial<Record<keyof Values, string>> {
  const errors: Partial<Record<keyof Values, string>> = {};
  if (!values.name.trim()) errors.name = 'Enter the name for the tickets.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim()))
    errors.email = 'Enter an email address like name@example.com.';
  if (!values.paymentToken) errors.paymentToken = 'Choose how to pay.';
  return errors;
}

/** The form: an alert slot, the buyer's name and email, the quantity, how to pay, the button. */
export function checkoutFormOf(parts: {
  alert: HTMLElement;
  quantity: HTMLSelectElement;
  payment: HTMLFieldSetElement;
  submit: HTMLButtonElement;
}): HTMLFormElement {
  return el(
    'form',
    {
      class: 'panel checkout-form',
      'data-testid': 'checkout-form',
      novalidate: true,
      'aria-labelledby': 'checkout-title',
    },
    parts.alert,
    el('h2', {}, 'Your details'),
    field({ name: 'name', label: 'Full name', autocomplete: 'name' }),
    field({
      name: 'email',
      label: 'Email',
      type: 'email',
      autocomplete: 'email',
      hint: 'Your tickets and receipt are sent here.',
    }),
    el(
      'div',
      { class: 'field', 'data-field': 'quantity' },
      el('label', { for: 'co-quantity' }, 'Tickets'),
      parts.quantity,
      el('p', { class: 'field-error', id: 'co-quantity-error' }),
    ),
    parts.payment,
    parts.submit,
    el(
      'p',
      { class: 'hint' },
      'The price shown is the total you pay. It cannot go up without you agreeing first.',
    ),
  );
}

/** A 409 with a higher price: the new price and total, and the button that accepts them. */
export function priceChangedAlert({
  newPrice,
  was,
  quantity,
  continueButton,
}: {
  newPrice: number;
  was: number;
  quantity: number;
  continueButton: HTMLButtonElement;
}): HTMLElement[] {
  return [
    el(
      'p',
      {},
      el('strong', {}, `The price changed to ${money(newPrice)} per ticket`),
      ` (it was ${money(was)}). You have not been charged.`,
    ),
    el('p', {}, `New total: ${moneyExact(newPrice * quantity)} for ${tickets(quantity)}, fees included.`),
    el(
      'div',
      { class: 'filter-actions' },
      continueButton,
      el('a', { class: 'button button-ghost', href: '/' }, 'Choose other tickets'),
    ),
  ];
}
