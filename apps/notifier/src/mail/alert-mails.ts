import type { ListingItemDto } from '@hamiltix/contracts';
import { formatCents } from '@hamiltix/domain';
import type { SavedSearchFilters } from '@hamiltix/persistence';
import { getVenue } from '@hamiltix/venues';
import { AlertLinks, unsubscribeHeaders } from './alert-links.js';
import type { OutgoingMail } from './mail-transport.js';

/** What a mail says about the search it is for (never the address: that is only the recipient). */
export interface SearchSummary {
  id: string;
  showId: string;
  filters: SavedSearchFilters;
  targetMaxCents: number | null;
  targetMinQuality: number | null;
}

const FOOTER_TEXT = 'You get this because you asked Hamiltix to watch prices for you.';

/** The double opt-in mail: nothing else is sent until its link is followed. */
export function confirmationMail(
  links: AlertLinks,
  to: string,
  search: SearchSummary,
  tokens: { confirm: string; access: string; unsubscribe: string },
): OutgoingMail {
  const confirmUrl = links.confirm(search.id, tokens.confirm, tokens.access);
  const manageUrl = links.manage(search.id, tokens.access);
  const unsubscribeUrl = links.unsubscribePage(search.id, tokens.unsubscribe);
  const what = describeSearch(search);
  return {
    to,
    subject: 'Confirm your Hamiltix price alert',
    headers: unsubscribeHeaders(links.oneClickUnsubscribe(search.id, tokens.unsubscribe), unsubscribeUrl),
    text: [
      'Please confirm your price alert:',
      '',
      `  ${what}`,
      '',
      `Confirm: ${confirmUrl}`,
      '',
      'Nothing will be sent until you confirm; if you did not ask for this, ignore this mail and the request',
      'and your address are deleted within 7 days.',
      '',
      `Manage this alert: ${manageUrl}`,
      `Unsubscribe: ${unsubscribeUrl}`,
    ].join('\n'),
    html: page(
      `<p>Please confirm your price alert:</p><p><strong>${esc(what)}</strong></p>` +
        `<p><a href="${esc(confirmUrl)}">Confirm this alert</a></p>` +
        '<p>Nothing will be sent until you confirm; if you did not ask for this, ignore this mail and the request and your address are deleted within 7 days.</p>' +
        `<p><a href="${esc(manageUrl)}">Manage this alert</a> · <a href="${esc(unsubscribeUrl)}">Unsubscribe</a></p>`,
    ),
  };
}

/** A price alert: the listings that newly reached the target, cheapest first. */
export function priceAlertMail(
  links: AlertLinks,
  to: string,
  search: SearchSummary,
  listings: readonly ListingItemDto[],
  unsubscribeToken: string,
): OutgoingMail {
  const unsubscribeUrl = links.unsubscribePage(search.id, unsubscribeToken);
  const quantity = search.filters.quantity;
  const lines = listings.map((l) => ({ l, when: performanceTime(l), url: links.listing(l.id, quantity) }));
  const count = listings.length === 1 ? 'A seat' : `${listings.length} listings`;
  const cheapest = Math.min(...listings.map((l) => l.allInPrice.amount));
  return {
    to,
    subject: `${count} now from ${formatCents(cheapest)} all-in: ${describeSearch(search)}`,
    headers: unsubscribeHeaders(links.oneClickUnsubscribe(search.id, unsubscribeToken), unsubscribeUrl),
    text: [
      `New prices for your alert (${describeSearch(search)}):`,
      '',
      ...lines.flatMap(({ l, when, url }) => [
        `- ${when} · ${l.section}, row ${l.row} · ${formatCents(l.allInPrice.amount)} per ticket all-in · deal score ${Math.round(l.dealScore)}`,
        `  ${l.explanation}`,
        `  ${url}`,
      ]),
      '',
      `All results: ${links.search(search.showId)}`,
      '',
      FOOTER_TEXT,
      `Unsubscribe: ${unsubscribeUrl}`,
    ].join('\n'),
    html: page(
      `<p>New prices for your alert (${esc(describeSearch(search))}):</p><ul>` +
        lines
          .map(
            ({ l, when, url }) =>
              `<li><a href="${esc(url)}">${esc(when)} · ${esc(l.section)}, row ${esc(l.row)}</a> · ` +
              `<strong>${esc(formatCents(l.allInPrice.amount))}</strong> per ticket all-in · deal score ${Math.round(l.dealScore)}` +
              `<br>${esc(l.explanation)}</li>`,
          )
          .join('') +
        `</ul><p><a href="${esc(links.search(search.showId))}">All results</a></p>` +
        `<p>${esc(FOOTER_TEXT)} <a href="${esc(unsubscribeUrl)}">Unsubscribe</a></p>`,
    ),
  };
}

/** "hamilton · 2 tickets · up to $150 all-in · seat quality 70+", for subjects and bodies. */
export function describeSearch(s: SearchSummary): string {
  const f = s.filters;
  const parts = [s.showId];
  if (f.city) parts.push(f.city);
  if (f.from || f.to) parts.push(`${f.from ?? '…'} to ${f.to ?? '…'}`);
  if (f.time) parts.push(f.time === 'matinee' ? 'matinées' : 'evenings');
  if (f.quantity) parts.push(`${f.quantity} ticket${f.quantity === 1 ? '' : 's'}`);
  if (f.section) parts.push(f.section);
  if (f.clearView) parts.push('clear view');
  const cap = Math.min(s.targetMaxCents ?? Infinity, f.maxPriceCents ?? Infinity);
  if (cap !== Infinity) parts.push(`up to ${formatCents(cap)} all-in`);
  if (s.targetMinQuality !== null) parts.push(`seat quality ${Math.round(s.targetMinQuality)}+`);
  return parts.join(' · ');
}

/** The performance's date and time in the theatre's time zone, e.g. "Sat, Dec 5, 2026, 7:00 PM EST". */
export function performanceTime(l: ListingItemDto): string {
  const timeZone = getVenue(l.performance.venue.id)?.timeZone;
  const at = new Date(l.performance.startsAt);
  if (!timeZone) return l.performance.startsAt;
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}

/** A plain page: no images, no remote resources, no tracking of any kind. */
function page(body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Hamiltix</title></head><body style="font-family:sans-serif;line-height:1.4">${body}</body></html>`;
}

function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
