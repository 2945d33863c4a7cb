// One ranked result. The all-in price per ticket is the largest figure on the card
// (FTC/NY rule: the total with every mandatory fee first and most prominent).
import type { Listing } from './api.js';
import {
  dealLabel,
  dealTone,
  el,
  isMatinee,
  money,
  performanceTime,
  performanceTimeLong,
  sectionTitle,
} from './format.js';

export function listingHref(listing: Pick<Listing, 'id'>, quantity?: number | string): string {
  const q = new URLSearchParams({ id: listing.id });
  if (quantity) q.set('quantity', String(quantity));
  return `/listing?${q}`;
}

function availability(listing: Listing): string {
  const splits = listing.splits.length ? listing.splits : [listing.quantity];
  const buyable = splits.filter((n) => n > 0).sort((a, b) => a - b);
  const ways =
    buyable.length === 1
      ? `${buyable[0]}`
      : `${buyable.slice(0, -1).join(', ')} or ${buyable[buyable.length - 1]}`;
  return `${listing.quantity} available · buy ${ways}`;
}

/** The broker's own section code beside the theatre's name, small ("FMEZZ"), when they differ. */
export function sectionCode(listing: Listing): HTMLElement | null {
  const { code } = sectionTitle(listing);
  return code ? el('small', { class: 'section-code', title: 'The seller’s section code' }, code) : null;
}

export function renderListingCard(
  listing: Listing,
  { rank, quantity }: { rank?: number; quantity?: number | string } = {},
): HTMLLIElement {
  const { performance } = listing;
  const titleId = `listing-${listing.id}-title`;
  const when = performanceTime(performance.startsAt, performance.timeZone);
  const tone = dealTone(listing.dealScore);
  const notes = listing.viewNotes.length
    ? el(
        'ul',
        { class: 'notes', 'aria-label': 'View notes' },
        listing.viewNotes.map((n) => el('li', { class: 'note note-warn' }, n)),
      )
    : el('p', { class: 'notes-clear' }, 'Clear view of the stage');

  return el(
    'li',
    { class: 'card', 'data-testid': 'listing', 'data-listing-id': listing.id },
    el(
      'article',
      { 'aria-labelledby': titleId },
      el(
        'div',
        { class: 'card-main' },
        el(
          'p',
          { class: 'card-when' },
          rank ? el('span', { class: 'rank', 'aria-label': `Rank ${rank}` }, `#${rank}`) : null,
          el(
            'time',
            {
              datetime: performance.startsAt,
              title: performanceTimeLong(performance.startsAt, performance.timeZone),
            },
            when,
          ),
          el(
            'span',
            { class: 'pill' },
            isMatinee(performance.startsAt, performance.timeZone) ? 'Matinee' : 'Evening',
          ),
        ),
        el(
          'h3',
          { class: 'card-title', id: titleId },
          el(
            'a',
            { href: listingHref(listing, quantity) },
            `${sectionTitle(listing).name} · Row ${listing.row}`,
          ),
          sectionCode(listing),
        ),
        el(
          'p',
          { class: 'card-venue' },
          [performance.venue.name, performance.city].filter(Boolean).join(', '),
        ),
        listing.explanation ? el('p', { class: 'card-why' }, listing.explanation) : null,
        notes,
      ),
      el(
        'div',
        { class: 'card-side' },
        el(
          'p',
          { class: 'price' },
          el(
            'span',
            { class: 'price-amount', 'data-testid': 'all-in-price' },
            money(listing.allInPrice.amount),
          ),
          el('span', { class: 'price-unit' }, 'per ticket, fees included'),
        ),
        el(
          'p',
          { class: `deal deal-${tone}` },
          el('span', { class: 'deal-score', 'aria-hidden': 'true' }, String(Math.round(listing.dealScore))),
          el('span', { class: 'deal-label' }, `${dealLabel(listing.dealScore)}`),
          el(
            'span',
            { class: 'visually-hidden' },
            `, deal score ${Math.round(listing.dealScore)} out of 100`,
          ),
        ),
        el(
          'p',
          { class: 'quality' },
          el('span', {}, `Seat quality ${Math.round(listing.seatQuality)}/100`),
          el(
            'span',
            { class: 'meter', 'aria-hidden': 'true' },
            el('span', { style: `width:${Math.max(0, Math.min(100, listing.seatQuality))}%` }),
          ),
        ),
        el('p', { class: 'card-qty' }, availability(listing)),
      ),
    ),
  );
}
