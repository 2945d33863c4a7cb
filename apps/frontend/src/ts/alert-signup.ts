// "Email me when these get cheaper" on the search page: a small form prefilled from the
// current filters (and the max price as the price target), posted to the notifier. The
// buyer then confirms from the email (double opt-in); see alerts.ts for that page.
import { createAlert, messageOf, type AlertFilters, type AlertTarget, type ListingFilters } from './api.js';
import { el } from './format.js';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The search page's API filters → the alert API's `filters` object (only what is set). */
export function alertFilters(f: ListingFilters): AlertFilters {
  const out: AlertFilters = {};
  if (f.city) out.city = f.city;
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (f.days) out.days = f.days.split(',').filter((d) => DAYS.includes(d));
  if (f.time) out.time = f.time;
  if (f.quantity) out.quantity = Number(f.quantity);
  if (f.maxPrice) out.maxPrice = Number(f.maxPrice);
  if (f.section) out.section = f.section;
  if (f.clearView === 'true') out.clearView = true;
  if (out.days && !out.days.length) delete out.days;
  return out;
}

/**
 * Mounts the alert box into `container`. `current()` returns the page's current API filters;
 * `defaultShow()` the show to watch when the filters name none.
 */
export function mountAlertSignup(
  container: HTMLElement,
  { current, defaultShow }: { current: () => ListingFilters; defaultShow: () => string },
): void {
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'alert-status' });
  const email = el('input', {
    id: 'alert-email',
    type: 'email',
    name: 'email',
    required: true,
    autocomplete: 'email',
  });
  const maxPrice = el('input', {
    id: 'alert-max',
    type: 'number',
    name: 'maxPrice',
    min: '1',
    step: '1',
    inputmode: 'numeric',
  });
  const quality = el(
    'select',
    { id: 'alert-quality', name: 'minQuality' },
    el('option', { value: '' }, 'Any seat'),
    el('option', { value: '60' }, 'Good (60+)'),
    el('option', { value: '75' }, 'Very good (75+)'),
    el('option', { value: '90' }, 'Excellent (90+)'),
  );
  const form = el(
    'form',
    { class: 'alert-form', 'data-testid': 'alert-form', hidden: true, novalidate: true },
    el('div', { class: 'field' }, el('label', { for: 'alert-email' }, 'Your email'), email),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'alert-max' }, 'Tell me when the all-in price per ticket is at or below ($)'),
      maxPrice,
    ),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'alert-quality' }, 'and the seats are at least'),
      quality,
    ),
    el(
      'p',
      { class: 'hint' },
      'We email you at most every few hours, only about seats that got cheaper. One click unsubscribes.',
    ),
    el('button', { class: 'button', type: 'submit' }, 'Create alert'),
  );
  const toggle = el(
    'button',
    { class: 'button button-ghost', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'alert-form' },
    'Email me when these get cheaper',
  );
  form.id = 'alert-form';
  toggle.addEventListener('click', () => {
    const open = form.hidden;
    form.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) {
      const f = current();
      maxPrice.value = String(f.maxPrice ?? '');
      status.textContent = '';
      email.focus();
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = current();
    const target: AlertTarget = {};
    if (maxPrice.value) target.maxPrice = Number(maxPrice.value);
    if (quality.value) target.minQuality = Number(quality.value);
    if (!email.value.includes('@')) return void (status.textContent = 'Enter your email address.');
    if (!target.maxPrice && target.minQuality === undefined)
      return void (status.textContent = 'Give a price, a seat quality, or both.');
    const filters = alertFilters(f);
    // The price target is the alert's; the filter's own max price would only repeat it.
    if (filters.maxPrice && target.maxPrice) delete filters.maxPrice;
    try {
      const answer = await createAlert({
        email: email.value.trim(),
        show: f.show || defaultShow(),
        filters,
        target,
      });
      form.hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
      status.textContent = answer.message ?? 'Check your inbox to confirm the alert.';
    } catch (err) {
      status.textContent = messageOf(err);
    }
  });
  container.append(el('div', { class: 'alert-signup', 'data-testid': 'alert-signup' }, toggle, form, status));
}
