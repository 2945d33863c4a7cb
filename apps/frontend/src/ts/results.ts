// A ranked results list with cursor paging ("More results"), shared by the home page
// and search. Owns the loading, empty and error states and the aria-live status.
import { ApiError, getListings, type Listing, type ListingFilters } from './api.js';
import { el } from './format.js';
import { renderListingCard } from './listing-card.js';
import { announce, emptyBox, errorBox, skeletonCards } from './ui.js';

export interface ResultsOptions {
  /** Where the list goes. */
  container: HTMLElement;
  /** The aria-live status line. */
  status: HTMLElement;
  /** A client-side filter (specific calendar dates). */
  keep?: (item: Listing) => boolean;
  emptyAction?: HTMLElement;
}

export interface Results {
  /** Loads the first page; resolves to the index of the first new result, or undefined. */
  load(filters: ListingFilters, keep?: (item: Listing) => boolean): Promise<number | undefined>;
}

export function createResults({
  container,
  status,
  keep = () => true,
  emptyAction,
}: ResultsOptions): Results {
  const list = el('ol', { class: 'results', 'aria-label': 'Ranked tickets' });
  const more = el('div', { class: 'more' });
  container.replaceChildren(list, more);
  let filters: ListingFilters = {};
  let cursor: string | null = null;
  let shown = 0;
  let controller: AbortController | undefined;

  async function loadPage(first: boolean): Promise<number | undefined> {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    container.setAttribute('aria-busy', 'true');
    if (first) {
      shown = 0;
      list.replaceChildren(...skeletonCards());
      more.replaceChildren();
      announce(status, 'Loading tickets…');
    } else {
      more.replaceChildren(el('p', { class: 'muted' }, 'Loading more…'));
    }
    try {
      // Chosen calendar dates can filter a whole page away: read on (a few pages at most)
      // rather than show an empty page with a "More results" button.
      let items: Listing[] = [];
      let next = first ? null : cursor;
      for (let pages = 0; pages < 5; pages++) {
        const page = await getListings({ ...filters, cursor: next }, { signal });
        items = items.concat(page.items.filter(keep));
        next = page.nextCursor;
        if (items.length || !next) break;
      }
      cursor = next;
      const firstNew = shown;
      const cards = items.map((item, i) =>
        renderListingCard(item, { rank: shown + i + 1, quantity: filters.quantity }),
      );
      if (first) list.replaceChildren(...cards);
      else list.append(...cards);
      shown += items.length;
      renderMore();
      if (shown === 0 && !cursor) {
        list.replaceChildren();
        more.replaceChildren(
          emptyBox(
            'No tickets match these choices.',
            'Try more dates, a higher price limit, or fewer filters.',
            emptyAction,
          ),
        );
        announce(status, 'No tickets match these choices.');
      } else {
        announce(
          status,
          first
            ? `${shown} ticket${shown === 1 ? '' : 's'} shown, best value first.`
            : `${items.length} more shown, ${shown} in all.`,
        );
        // After "More results", move focus to the first new result so keyboard users continue there.
        if (!first && cards.length) cards[0].querySelector('a')?.focus();
      }
      return firstNew;
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return undefined;
      const message = err instanceof ApiError ? err.message : 'Something went wrong. Please try again.';
      if (first) list.replaceChildren();
      more.replaceChildren(errorBox(message, () => void loadPage(first)));
      announce(status, message);
      return undefined;
    } finally {
      if (!signal.aborted) container.removeAttribute('aria-busy');
    }
  }

  function renderMore() {
    more.replaceChildren(
      cursor
        ? el(
            'button',
            { type: 'button', class: 'button button-secondary', onclick: () => loadPage(false) },
            'More results',
          )
        : shown > 0
          ? el('p', { class: 'muted' }, 'That’s every ticket that matches.')
          : '',
    );
  }

  return {
    load(nextFilters, nextKeep) {
      filters = nextFilters;
      if (nextKeep) keep = nextKeep;
      cursor = null;
      return loadPage(true);
    },
  };
}
