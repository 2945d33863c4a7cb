// Loading, empty and error states shared by the pages. Status text goes to an
// aria-live region so screen readers hear when results arrive or a request fails.
import { el } from './format.js';

/** A form's control by name, of this type, or null. */
export function named<T extends Element>(
  form: HTMLFormElement,
  name: string,
  type: abstract new () => T,
): T | null {
  const node = form.elements.namedItem(name);
  return node instanceof type ? node : null;
}

/** The page's element with this id, of this type; a page without it is a broken page. */
export function byId<T extends HTMLElement = HTMLElement>(
  id: string,
  type: abstract new () => T = HTMLElement as unknown as abstract new () => T,
): T {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`#${id}: missing or not a ${type.name}`);
  return node;
}

/** Placeholder cards while results load (aria-hidden: the live region says "Loading"). */
export function skeletonCards(count = 4): HTMLLIElement[] {
  return Array.from({ length: count }, () =>
    el(
      'li',
      { class: 'card card-skeleton', 'aria-hidden': 'true' },
      el('div', { class: 'sk sk-line' }),
      el('div', { class: 'sk sk-line sk-short' }),
    ),
  );
}

export function announce(region: HTMLElement | null, text: string): void {
  if (!region) return;
  // Clearing first makes assistive tech announce a repeated message again.
  region.textContent = '';
  window.setTimeout(() => {
    region.textContent = text;
  }, 30);
}

export function errorBox(message: string, onRetry?: () => void): HTMLDivElement {
  return el(
    'div',
    { class: 'alert alert-error', role: 'alert' },
    el('p', {}, message),
    onRetry
      ? el('button', { type: 'button', class: 'button button-secondary', onclick: onRetry }, 'Try again')
      : null,
  );
}

export function emptyBox(title: string, text?: string, action?: Node): HTMLDivElement {
  return el(
    'div',
    { class: 'empty' },
    el('p', { class: 'empty-title' }, title),
    text ? el('p', {}, text) : null,
    action ?? null,
  );
}

/** Nothing to show here: why, and the way to the best deals. */
export function emptyToDeals(title: string, text: string): HTMLDivElement {
  return emptyBox(title, text, el('a', { class: 'button', href: '/' }, 'See the best deals'));
}

/** Marks the current page's nav link for sighted and screen-reader users alike. */
export function markCurrentNav(): void {
  const here = location.pathname.replace(/\.html$/, '').replace(/\/index$/, '/') || '/';
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.site-nav a')) {
    if (new URL(a.href).pathname === here) a.setAttribute('aria-current', 'page');
  }
}

/**
 * A listing whose performance is past its sales cut-off (search-api 404 or checkout 409
 * `performance_closed`): said plainly, no way to buy, and the way back to the best deals.
 */
export function salesClosedBox(extra?: string): HTMLDivElement {
  return el(
    'div',
    { class: 'alert alert-warn sales-closed', role: 'alert', 'data-testid': 'sales-closed' },
    el('h2', { class: 'empty-title' }, 'Sales for this performance have closed'),
    el('p', {}, 'Tickets stop selling shortly before the curtain goes up.', extra ? ` ${extra}` : ''),
    el('a', { class: 'button', href: '/' }, 'See the best deals'),
  );
}
