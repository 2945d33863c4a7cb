// Checkout: POST /api/v1/orders. The all-in price the buyer saw is sent as
// expectedAllInPrice (cents per ticket); the server answers 409 rather than charge more,
// and the buyer must accept a new price explicitly. One Idempotency-Key per attempt:
// the same body reuses it (a retry after a timeout can never pay twice), a changed body
// (other card, new price, other quantity) gets a fresh one (the server would answer 422).
import {
  ApiError,
  conflictOf,
  fieldErrorsOf,
  getConfig,
  getListing,
  isPerformanceClosed,
  postOrder,
  SANDBOX_CARDS,
} from './api.js';
import { el, money, moneyExact, performanceTimeLong, seatsText } from './format.js';
import { rememberOrder } from './orders-store.js';
import { mountPaymentElement } from './stripe-payment.js';
import { announce, emptyBox, errorBox, salesClosedBox } from './ui.js';

const params = new URLSearchParams(location.search);
const id = params.get('id') ?? '';
const root = document.getElementById('checkout');
const status = document.getElementById('page-status');
const title = document.getElementById('checkout-title');
if (id)
  document.getElementById('back-link').href =
    `/listing?${new URLSearchParams({ id, quantity: params.get('quantity') ?? '' })}`;

const ATTEMPT_KEY = `hamiltix.checkout.${id}`;

function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** The attempt's key: reused while the body is the same (kept across a reload, too). */
function keyFor(bodyJson) {
  try {
    const saved = JSON.parse(sessionStorage.getItem(ATTEMPT_KEY) ?? 'null');
    if (saved && saved.body === bodyJson && typeof saved.key === 'string') return saved.key;
  } catch {
    sessionStorage.removeItem(ATTEMPT_KEY);
  }
  const key = newKey();
  sessionStorage.setItem(ATTEMPT_KEY, JSON.stringify({ key, body: bodyJson }));
  return key;
}

function field({ name, label, type = 'text', autocomplete, hint }) {
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

function render(listing, config) {
  const splits = (listing.splits.length ? listing.splits : [listing.quantity]).filter(
    (n) => n > 0 && n <= listing.quantity,
  );
  const asked = Number(params.get('quantity'));
  let quantity = splits.includes(asked) ? asked : (splits[0] ?? 1);
  // The price the buyer agreed to; only an explicit "continue at the new price" changes it.
  let expected = listing.allInPrice.amount;
  // Stripe's card form when the run-time config names it (production); the sandbox cards
  // elsewhere; in production without Stripe settings, no way to pay.
  const mode =
    config.paymentProvider === 'stripe' && config.stripePublishableKey
      ? 'stripe'
      : config.appEnv !== 'production'
        ? 'sandbox'
        : 'unavailable';
  const sandbox = mode === 'sandbox';
  let cardForm;

  const formAlert = el('div', { tabindex: '-1', class: 'form-alert' });
  const qtySelect = el(
    'select',
    { id: 'co-quantity', name: 'quantity' },
    splits.map((q) =>
      el('option', { value: q, selected: q === quantity }, `${q} ticket${q === 1 ? '' : 's'}`),
    ),
  );
  const payment = sandbox
    ? el(
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
        el('p', { class: 'field-error', id: 'co-paymentToken-error' }),
      )
    : el(
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
        el('p', { class: 'field-error', id: 'co-paymentToken-error' }),
      );
  const submit = el('button', { type: 'submit', class: 'button button-gold' });
  const form = el(
    'form',
    {
      class: 'panel checkout-form',
      'data-testid': 'checkout-form',
      novalidate: true,
      'aria-labelledby': 'checkout-title',
    },
    formAlert,
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
      qtySelect,
      el('p', { class: 'field-error', id: 'co-quantity-error' }),
    ),
    payment,
    submit,
    el(
      'p',
      { class: 'hint' },
      'The price shown is the total you pay. It cannot go up without you agreeing first.',
    ),
  );

  const summaryPrice = el('span', { class: 'price-amount', 'data-testid': 'all-in-price' });
  const summaryTotal = el('p', { class: 'summary-total' });
  const summary = el(
    'aside',
    { class: 'panel', 'aria-label': 'Order summary' },
    el('h2', {}, 'Hamilton'),
    el('p', {}, performanceTimeLong(listing.performance.startsAt, listing.performance.timeZone)),
    el(
      'p',
      { class: 'card-venue' },
      `${listing.performance.venue.name}${listing.performance.city ? `, ${listing.performance.city}` : ''}`,
    ),
    el('p', {}, el('strong', {}, `${listing.section} · ${seatsText(listing)}`)),
    el(
      'p',
      { class: 'price' },
      summaryPrice,
      el('span', { class: 'price-unit' }, 'per ticket, fees included'),
    ),
    summaryTotal,
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

  function refresh() {
    quantity = Number(qtySelect.value);
    summaryPrice.textContent = money(expected);
    summaryTotal.textContent = `${quantity} × ${moneyExact(expected)} = ${moneyExact(expected * quantity)} total`;
    submit.textContent = `Pay ${money(expected * quantity)}`;
    cardForm?.setAmount(expected * quantity);
  }
  qtySelect.addEventListener('change', refresh);
  refresh();

  function setFieldError(name, message) {
    const box = form.querySelector(`[data-field="${name}"]`);
    if (!box) return false;
    const input = box.querySelector('input:not([type=radio]), select') ?? box.querySelector('input');
    box.querySelector('.field-error').textContent = message ?? '';
    if (input) {
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    return true;
  }

  function clearErrors() {
    for (const name of ['name', 'email', 'quantity', 'paymentToken']) setFieldError(name, '');
    formAlert.replaceChildren();
  }

  function showAlert(kind, children) {
    formAlert.replaceChildren(el('div', { class: `alert alert-${kind}`, role: 'alert' }, children));
    formAlert.focus();
  }

  function validate(values) {
    const errors = {};
    if (!values.name.trim()) errors.name = 'Enter the name for the tickets.';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim()))
      errors.email = 'Enter an email address like name@example.com.';
    if (!values.paymentToken) errors.paymentToken = 'Choose how to pay.';
    return errors;
  }

  if (mode === 'stripe') {
    mountPaymentElement(form.querySelector('#payment-element'), {
      publishableKey: config.stripePublishableKey,
      amountCents: expected * quantity,
    })
      .then((handle) => {
        cardForm = handle;
      })
      .catch(() =>
        setFieldError(
          'paymentToken',
          'The card form could not be loaded. Check your connection and reload the page.',
        ),
      );
  }

  /** `{ token }`, or `{ error }` when the card form refused the details. */
  async function paymentToken() {
    if (sandbox) return { token: form.querySelector('input[name="paymentToken"]:checked')?.value ?? '' };
    // Stripe's Payment Element turns the card into a PaymentMethod in the browser.
    if (!cardForm) return { token: '' };
    return cardForm.token();
  }

  let busyRetries = 0;
  async function attempt() {
    clearErrors();
    const values = {
      name: form.elements.namedItem('name').value,
      email: form.elements.namedItem('email').value,
    };
    const card = await paymentToken();
    values.paymentToken = card.token ?? '';
    const errors = validate(values);
    if (card.error) errors.paymentToken = card.error;
    if (Object.keys(errors).length) {
      for (const [k, v] of Object.entries(errors)) setFieldError(k, v);
      const first = form.querySelector('[aria-invalid="true"]');
      first?.focus();
      announce(status, 'Please correct the highlighted fields.');
      return;
    }
    const body = {
      listingId: listing.id,
      quantity,
      expectedAllInPrice: expected,
      buyer: { name: values.name.trim(), email: values.email.trim() },
      paymentToken: values.paymentToken,
    };
    const key = keyFor(JSON.stringify(body));
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    submit.textContent = 'Processing payment…';
    announce(status, 'Processing your payment…');
    try {
      const order = await postOrder(body, key);
      busyRetries = 0;
      sessionStorage.removeItem(ATTEMPT_KEY);
      rememberOrder(order, { listing, quantity, price: expected });
      showConfirmation(order);
      return;
    } catch (err) {
      handleError(err);
    } finally {
      submit.disabled = false;
      form.removeAttribute('aria-busy');
      if (form.isConnected) refresh();
    }
  }

  function handleError(err) {
    if (!(err instanceof ApiError)) {
      showAlert('error', el('p', {}, 'Something went wrong. Your card was not charged. Please try again.'));
      return;
    }
    if (err.status === 409) {
      const { kind, newPrice } = conflictOf(err);
      if (kind === 'busy' && busyRetries < 5) {
        // The first try with this key is still running on the server: ask again with the same key.
        busyRetries++;
        submit.disabled = true;
        announce(status, 'Still processing your payment…');
        setTimeout(attempt, 1000 * busyRetries);
        return;
      }
      if (kind === 'performance_closed') {
        // Nothing can be bought any more: the form goes, the reason stays.
        sessionStorage.removeItem(ATTEMPT_KEY);
        showSalesClosed('You have not been charged.');
        return;
      }
      if (kind === 'sold_out') {
        showAlert('warn', [
          el('p', {}, el('strong', {}, 'Sorry, these seats just sold out. '), 'You were not charged.'),
          el('p', {}, err.message),
          el('a', { class: 'button button-secondary', href: '/' }, 'See other tickets'),
        ]);
        announce(status, 'These seats just sold out.');
        return;
      }
      if (kind !== 'price_changed') {
        // This attempt is over on the server; a new try must not replay it, so drop its key.
        sessionStorage.removeItem(ATTEMPT_KEY);
        showAlert('error', el('p', {}, err.message));
        return;
      }
      const was = expected;
      const continueButton = el(
        'button',
        { type: 'button', class: 'button' },
        `Continue at ${money(newPrice)} per ticket`,
      );
      continueButton.addEventListener('click', () => {
        expected = newPrice;
        refresh();
        attempt();
      });
      showAlert('warn', [
        el(
          'p',
          {},
          el('strong', {}, `The price changed to ${money(newPrice)} per ticket`),
          ` (it was ${money(was)}). You have not been charged.`,
        ),
        el(
          'p',
          {},
          `New total: ${moneyExact(newPrice * quantity)} for ${quantity} ticket${quantity === 1 ? '' : 's'}, fees included.`,
        ),
        el(
          'div',
          { class: 'filter-actions' },
          continueButton,
          el('a', { class: 'button button-ghost', href: '/' }, 'Choose other tickets'),
        ),
      ]);
      announce(status, `The price changed to ${money(newPrice)} per ticket.`);
      return;
    }
    if (err.status === 402 && err.body.reason === 'requires_action' && cardForm) {
      // The bank asks the buyer to confirm (3-D Secure); the seats stay held meanwhile.
      announce(status, 'Your bank asks you to confirm this payment.');
      cardForm.authenticate(err.body.clientSecret).then(({ error }) => {
        if (!error) return attempt(); // the same order again: it continues on the server
        showAlert('error', el('p', {}, `${error} You were not charged; try again or use another card.`));
        setFieldError('paymentToken', error);
      });
      return;
    }
    if (err.status === 402) {
      showAlert('error', [
        el(
          'p',
          {},
          el('strong', {}, 'Your payment was declined. '),
          'No money was taken. Please use another card.',
        ),
      ]);
      setFieldError('paymentToken', 'This card was declined.');
      announce(status, 'Your payment was declined.');
      return;
    }
    if (err.status === 400) {
      const fields = fieldErrorsOf(err);
      let placed = 0;
      for (const [k, v] of Object.entries(fields)) if (setFieldError(k, v)) placed++;
      showAlert('error', el('p', {}, placed ? 'Please correct the highlighted fields.' : err.message));
      form.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    if (err.status === 422) {
      // Our key met a different body (should not happen): the next attempt gets a fresh key.
      sessionStorage.removeItem(ATTEMPT_KEY);
    }
    if (err.status === 404) {
      showAlert('warn', [
        el('p', {}, 'These tickets are no longer available. You were not charged.'),
        el('a', { class: 'button button-secondary', href: '/' }, 'See other tickets'),
      ]);
      return;
    }
    const retry = el('button', { type: 'button', class: 'button button-secondary' }, 'Try again');
    retry.addEventListener('click', attempt);
    showAlert('error', [
      el('p', {}, `${err.message} Trying again is safe: you will not be charged twice.`),
      retry,
    ]);
  }

  function showConfirmation(order) {
    const pending = /pending/i.test(order.status);
    const total = order.total != null ? order.total : expected * quantity;
    const confirmation = el(
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
        el('dd', {}, performanceTimeLong(listing.performance.startsAt, listing.performance.timeZone)),
        el('dt', {}, 'Seats'),
        el('dd', {}, `${listing.section} · ${seatsText(listing)}`),
        el('dt', {}, 'Tickets'),
        el('dd', {}, String(order.quantity || quantity)),
        el('dt', {}, 'Total paid'),
        el('dd', {}, moneyExact(typeof total === 'object' ? total.amount : total)),
      ),
      el(
        'p',
        {},
        el('a', { href: `/order?${new URLSearchParams({ id: order.id })}` }, 'View this order later'),
        ' — this browser keeps your private order key.',
      ),
    );
    root.replaceChildren(confirmation);
    document.getElementById('back-link').closest('.back')?.remove();
    title.textContent = 'Thank you';
    confirmation.querySelector('h2').focus();
    announce(status, 'Your order is confirmed.');
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt();
  });

  root.replaceChildren(el('div', { class: 'checkout-layout' }, form, summary));
  root.removeAttribute('aria-busy');
}

function showSalesClosed(extra) {
  root.replaceChildren(salesClosedBox(extra));
  root.removeAttribute('aria-busy');
  title.textContent = 'Sales closed';
  root.querySelector('h2').setAttribute('tabindex', '-1');
  root.querySelector('h2').focus();
  announce(status, 'Sales for this performance have closed.');
}

async function load() {
  if (!id) {
    root.replaceChildren(
      emptyBox(
        'No tickets chosen.',
        'Pick tickets first.',
        el('a', { class: 'button', href: '/' }, 'See the best deals'),
      ),
    );
    root.removeAttribute('aria-busy');
    return;
  }
  try {
    const [listing, config] = await Promise.all([getListing(id), getConfig()]);
    render(listing, config);
  } catch (err) {
    root.removeAttribute('aria-busy');
    if (err?.status === 404 && isPerformanceClosed(err)) {
      showSalesClosed();
      return;
    }
    if (err?.status === 404) {
      root.replaceChildren(
        emptyBox(
          'These tickets are no longer available.',
          'They may have just sold.',
          el('a', { class: 'button', href: '/' }, 'See the best deals'),
        ),
      );
      return;
    }
    root.replaceChildren(errorBox(err.message, load));
  }
}

load();
