// Home: the best deals across every date (GET /api/v1/listings?sort=deal).
import { getShows } from './api.js';
import { el } from './format.js';
import { createResults } from './results.js';
import { byId, markCurrentNav } from './ui.js';

markCurrentNav();

const results = createResults({
  container: byId('results'),
  status: byId('results-status'),
  emptyAction: el('a', { class: 'button button-secondary', href: '/search' }, 'Search by date'),
});
results.load({ sort: 'deal', limit: 12 });

// Cities for the quick search come from the shows on sale; the form still works without them.
getShows()
  .then((shows) => {
    const select = byId('qs-city', HTMLSelectElement);
    const cities = [...new Set(shows.map((s) => s.city).filter(Boolean))].sort();
    select.append(...cities.map((c) => el('option', { value: c }, c)));
  })
  .catch(() => {
    // The city list is a convenience; "Any city" still searches everything.
  });
