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
  messageOf,
  postOrder,
  statusOf,
  type ListingDetail,
  type Order,
  type OrderBody,
  type SiteConfig,
} from './api.js';
import { el, money, moneyExact, type Child } from './format.js';
import { rememberOrder } from './orders-store.js';
import {
  allowedQuantities,
  checkoutFormOf,
  priceChangedAlert,
  confirmationOf,
  orderSummary,
  payModeOf,
  paymentFieldset,
  tickets,
  validate,
  type PayMode,
  type Values,
} from './checkout-view.js';
import { attemptKeyFor } from './attempt-key.js';
import { mountPaymentElement, type CardToken, type PaymentElementHandle } from './stripe-payment.js';
import { announce, byId, emptyToDeals, errorBox, salesClosedBox } from './ui.js';

const params = new URLSearchParams(location.search);
const id = params.get('id') ?? '';
const root = byId('checkout');
const status = byId('page-status');
const title = byId('checkout-title');
if (id)
  byId('back-link', HTMLAnchorElement).href =
    `/listing?${new URLSearchParams({ id, quantity: params.get('quantity') ?? '' })}`;

const attemptKey = attemptKeyFor(id);

/** The checkout form of one listing: its state, its submit and every answer the API can give. */
class CheckoutForm {
  private quantity: number;
  /** The price the buyer agreed to; only an explicit "continue at the new price" changes it. */
  private expected: number;
  private readonly mode: PayMode;
  private cardForm: PaymentElementHandle | undefined;
  private busyRetries = 0;
  /** Stripe.js's error when the buyer's 3-D Secure check failed, until the repeat's answer. */
  private failedCheck?: string;
  private readonly splits: number[];
  private readonly formAlert = el('div', { tabindex: '-1', class: 'form-alert' });
  private readonly qtySelect: HTMLSelectElement;
  private readonly submit = el('button', { type: 'submit', class: 'button button-gold' });
  private readonly form: HTMLFormElement;
  private readonly summary: ReturnType<typeof orderSummary>;

  constructor(
    private readonly listing: ListingDetail,
    private readonly config: SiteConfig,
  ) {
    this.splits = allowedQuantities(listing);
    const asked = Number(params.get('quantity'));
    this.quantity = this.splits.includes(asked) ? asked : (this.splits[0] ?? 1);
    this.expected = listing.allInPrice.amount;
    this.mode = payModeOf(config);
    this.qtySelect = el(
      'select',
      { id: 'co-quantity', name: 'quantity' },
      this.splits.map((q) => el('option', { value: q, selected: q === this.quantity }, tickets(q))),
    );
    this.form = checkoutFormOf({
      alert: this.formAlert,
      quantity: this.qtySelect,
      payment: paymentFieldset(this.mode),
      submit: this.submit,
    });
    this.summary = orderSummary(listing);
  }

  /** Puts the form on the page and wires it up. */
  mount(): void {
    this.qtySelect.addEventListener('change', () => this.refresh());
    this.refresh();
    if (this.mode === 'stripe') this.mountCardForm();
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.attempt();
    });
    root.replaceChildren(el('div', { class: 'checkout-layout' }, this.form, this.summary.element));
    root.removeAttribute('aria-busy');
  }

  private mountCardForm(): void {
    const container = this.form.querySelector<HTMLElement>('#payment-element');
    if (!container) return;
    mountPaymentElement(container, {
      publishableKey: this.config.stripePublishableKey,
      amountCents: this.expected * this.quantity,
    })
      .then((handle) => {
        this.cardForm = handle;
      })
      .catch(() =>
        this.setFieldError(
          'paymentToken',
          'The card form could not be loaded. Check your connection and reload the page.',
        ),
      );
  }

  private refresh(): void {
    const { expected } = this;
    this.quantity = Number(this.qtySelect.value);
    this.summary.price.textContent = money(expected);
    this.summary.total.textContent = `${this.quantity} × ${moneyExact(expected)} = ${moneyExact(expected * this.quantity)} total`;
    this.submit.textContent = `Pay ${money(expected * this.quantity)}`;
    this.cardForm?.setAmount(expected * this.quantity);
  }

  private setFieldError(name: string, message: string): boolean {
    const box = this.form.querySelector(`[data-field="${name}"]`);
    if (!box) return false;
    const input =
      box.querySelector('input:not([type=radio]), select') ?? box.querySelector<HTMLInputElement>('input');
    const error = box.querySelector('.field-error');
    if (error) error.textContent = message;
    if (input) {
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    return true;
  }

  private clearErrors(): void {
    for (const name of ['name', 'email', 'quantity', 'paymentToken']) this.setFieldError(name, '');
    this.formAlert.replaceChildren();
  }

  private showAlert(kind: 'error' | 'warn', children: Child): void {
    this.formAlert.replaceChildren(el('div', { class: `alert alert-${kind}`, role: 'alert' }, children));
    this.formAlert.focus();
  }

  private focusFirstInvalid(): void {
    this.form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  /** The sandbox card chosen, or what Stripe's Payment Element made of the card. */
  private async paymentToken(): Promise<CardToken> {
    if (this.mode === 'sandbox')
      return {
        token: this.form.querySelector<HTMLInputElement>('input[name="paymentToken"]:checked')?.value ?? '',
      };
    // Stripe's Payment Element turns the card into a PaymentMethod in the browser.
    if (!this.cardForm) return { token: '' };
    return this.cardForm.token();
  }

  private textOf(name: string): string {
    const input = this.form.elements.namedItem(name);
    return input instanceof HTMLInputElement ? input.value : '';
  }

  private async attempt(): Promise<void> {
    this.clearErrors();
    const card = await this.paymentToken();
    const values: Values = {
      name: this.textOf('name'),
      email: this.textOf('email'),
      paymentToken: card.token ?? '',
    };
    const errors = validate(values);
    if (card.error) errors.paymentToken = card.error;
    if (Object.keys(errors).length) {
      for (const [k, v] of Object.entries(errors)) this.setFieldError(k, v);
      this.focusFirstInvalid();
      announce(status, 'Please correct the highlighted fields.');
      return;
    }
    const body: OrderBody = {
      listingId: this.listing.id,
      quantity: this.quantity,
      expectedAllInPrice: this.expected,
      buyer: { name: values.name.trim(), email: values.email.trim() },
      paymentToken: values.paymentToken,
    };
    const key = attemptKey.keyFor(JSON.stringify(body));
    this.submit.disabled = true;
    this.form.setAttribute('aria-busy', 'true');
    this.submit.textContent = 'Processing payment…';
    announce(status, 'Processing your payment…');
    try {
      const order = await postOrder(body, key);
      this.busyRetries = 0;
      attemptKey.forget();
      rememberOrder(order, { listing: this.listing, quantity: this.quantity, price: this.expected });
      this.showConfirmation(order);
    } catch (err) {
      this.handleError(err);
    } finally {
      this.submit.disabled = false;
      this.form.removeAttribute('aria-busy');
      if (this.form.isConnected) this.refresh();
    }
  }

  private handleError(err: unknown): void {
    if (!(err instanceof ApiError)) {
      this.showAlert(
        'error',
        el('p', {}, 'Something went wrong. Your card was not charged. Please try again.'),
      );
      return;
    }
    if (err.status === 409) return this.handleConflict(err);
    const secret = err.body.reason === 'requires_action' ? err.body.clientSecret : undefined;
    const failedCheck = this.failedCheck;
    this.failedCheck = undefined;
    if (err.status === 402 && failedCheck !== undefined) {
      // The repeat after a failed check: declined (the seats are released), or still waiting
      // for a check Stripe.js never got to the bank (never asked again here: no loop).
      this.showCheckFailed(failedCheck);
      return;
    }
    if (err.status === 402 && secret && this.cardForm) {
      void this.authenticate(this.cardForm, secret);
      return;
    }
    if (err.status === 402) {
      this.showAlert(
        'error',
        el(
          'p',
          {},
          el('strong', {}, 'Your payment was declined. '),
          'No money was taken. Please use another card.',
        ),
      );
      this.setFieldError('paymentToken', 'This card was declined.');
      announce(status, 'Your payment was declined.');
      return;
    }
    if (err.status === 400) {
      let placed = 0;
      for (const [k, v] of Object.entries(fieldErrorsOf(err))) if (this.setFieldError(k, v)) placed++;
      this.showAlert('error', el('p', {}, placed ? 'Please correct the highlighted fields.' : err.message));
      this.focusFirstInvalid();
      return;
    }
    // 422: our key met a different body (should not happen): the next attempt gets a fresh key.
    if (err.status === 422) attemptKey.forget();
    if (err.status === 404) {
      this.showAlert('warn', [
        el('p', {}, 'These tickets are no longer available. You were not charged.'),
        el('a', { class: 'button button-secondary', href: '/' }, 'See other tickets'),
      ]);
      return;
    }
    const retry = el('button', { type: 'button', class: 'button button-secondary' }, 'Try again');
    retry.addEventListener('click', () => void this.attempt());
    this.showAlert('error', [
      el('p', {}, `${err.message} Trying again is safe: you will not be charged twice.`),
      retry,
    ]);
  }

  /**
   * 3-D Secure: the bank asks the buyer to confirm; the seats stay held meanwhile. Once
   * Stripe.js has run the check, the same order again (same body, same Idempotency-Key)
   * continues it on the server.
   */
  private async authenticate(cardForm: PaymentElementHandle, clientSecret: string): Promise<void> {
    announce(status, 'Your bank asks you to confirm this payment.');
    const { error } = await cardForm.authenticate(clientSecret);
    if (!error) return this.attempt();
    // The same order once more: the server reads the failed check, cancels the payment and
    // releases the seats at once (402 declined) instead of holding them for the whole window.
    this.failedCheck = error;
    return this.attempt();
  }

  private showCheckFailed(error: string): void {
    this.showAlert('error', el('p', {}, `${error} You were not charged; try again or use another card.`));
    this.setFieldError('paymentToken', error);
  }

  /** A 409: still busy (ask again, same key), closed, sold out, a new price, or over. */
  private handleConflict(err: ApiError): void {
    const { kind, newPrice } = conflictOf(err);
    if (kind === 'busy' && this.busyRetries < 5) {
      // The first try with this key is still running on the server: ask again with the same key.
      this.busyRetries++;
      this.submit.disabled = true;
      announce(status, 'Still processing your payment…');
      window.setTimeout(() => void this.attempt(), 1000 * this.busyRetries);
      return;
    }
    if (kind === 'performance_closed') {
      // Nothing can be bought any more: the form goes, the reason stays.
      attemptKey.forget();
      showSalesClosed('You have not been charged.');
      return;
    }
    if (kind === 'sold_out') {
      this.showAlert('warn', [
        el('p', {}, el('strong', {}, 'Sorry, these seats just sold out. '), 'You were not charged.'),
        el('p', {}, err.message),
        el('a', { class: 'button button-secondary', href: '/' }, 'See other tickets'),
      ]);
      announce(status, 'These seats just sold out.');
      return;
    }
    if (kind !== 'price_changed' || newPrice === undefined) {
      // This attempt is over on the server; a new try must not replay it, so drop its key.
      attemptKey.forget();
      this.showAlert('error', el('p', {}, err.message));
      return;
    }
    this.offerNewPrice(newPrice);
  }

  /** The price went up: say so, and go on only when the buyer presses "Continue at $X". */
  private offerNewPrice(newPrice: number): void {
    const was = this.expected;
    const continueButton = el(
      'button',
      { type: 'button', class: 'button' },
      `Continue at ${money(newPrice)} per ticket`,
    );
    continueButton.addEventListener('click', () => {
      this.expected = newPrice;
      this.refresh();
      void this.attempt();
    });
    this.showAlert('warn', priceChangedAlert({ newPrice, was, quantity: this.quantity, continueButton }));
    announce(status, `The price changed to ${money(newPrice)} per ticket.`);
  }

  private showConfirmation(order: Order): void {
    const total = order.total ?? this.expected * this.quantity;
    const paid = typeof total === 'object' ? total.amount : total;
    const confirmation = confirmationOf(this.listing, order, this.quantity, paid);
    root.replaceChildren(confirmation);
    byId('back-link').closest('.back')?.remove();
    title.textContent = 'Thank you';
    confirmation.querySelector('h2')?.focus();
    announce(status, 'Your order is confirmed.');
  }
}

function showSalesClosed(extra?: string): void {
  root.replaceChildren(salesClosedBox(extra));
  root.removeAttribute('aria-busy');
  title.textContent = 'Sales closed';
  const heading = root.querySelector('h2');
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
  announce(status, 'Sales for this performance have closed.');
}

async function load(): Promise<void> {
  if (!id) {
    root.replaceChildren(emptyToDeals('No tickets chosen.', 'Pick tickets first.'));
    root.removeAttribute('aria-busy');
    return;
  }
  try {
    const [listing, config] = await Promise.all([getListing(id), getConfig()]);
    new CheckoutForm(listing, config).mount();
  } catch (err) {
    root.removeAttribute('aria-busy');
    if (statusOf(err) === 404 && isPerformanceClosed(err)) {
      showSalesClosed();
      return;
    }
    if (statusOf(err) === 404) {
      root.replaceChildren(
        emptyToDeals('These tickets are no longer available.', 'They may have just sold.'),
      );
      return;
    }
    root.replaceChildren(errorBox(messageOf(err), () => void load()));
  }
}

void load();
