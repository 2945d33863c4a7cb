// Search: every filter of GET /api/v1/listings, a multi-date calendar, cursor paging.
// The page's own URL holds the filters (shareable, back button works); the form also
// works without JavaScript as a plain GET to /search.
import { mountAlertSignup } from './alert-signup.js';
import { getPerformances, getShows, type Listing, type ListingFilters } from './api.js';
import { createCalendar } from './calendar.js';
import { el, wallTime } from './format.js';
import { createResults } from './results.js';
import { byId, markCurrentNav, named } from './ui.js';

markCurrentNav();

const form = byId('filters', HTMLFormElement);
const datesInput = byId('dates', HTMLInputElement);
const summary = byId('results-summary');
summary.tabIndex = -1;

const FIELDS = ['city', 'show', 'time', 'quantity', 'maxPrice', 'section', 'sort'] as const;
const DAY_ORDER = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The search as the page's URL and form hold it (form values, as strings). */
type SearchState = Record<(typeof FIELDS)[number] | 'from' | 'to', string> & {
  dates: string[];
  days: string[];
  clearView: boolean;
};

/** Page URL params -> the filter state. */
function readParams(params: URLSearchParams): SearchState {
  const dates = (params.get('dates') ?? '')
    .split(',')
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort();
  const days = [...params.getAll('day'), ...(params.get('days') ?? '').split(',')].filter((d) =>
    DAY_ORDER.includes(d),
  );
  const fields = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Record<
    (typeof FIELDS)[number],
    string
  >;
  return {
    ...fields,
    dates,
    days: [...new Set(days)],
    clearView: params.get('clearView') === 'true',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

/** Filter state -> the API's query. Chosen dates become a from/to range (inclusive). */
function apiFilters(state: SearchState): ListingFilters {
  const filters: ListingFilters = {
    show: state.show,
    city: state.city,
    time: state.time,
    quantity: state.quantity,
    maxPrice: state.maxPrice,
    section: state.section.trim(),
    clearView: state.clearView ? 'true' : '',
    sort: state.sort || 'deal',
    days: [...state.days].sort((a, b) => DAY_ORDER.indexOf(a) - DAY_ORDER.indexOf(b)).join(','),
    limit: 25,
    from: state.from,
    to: state.to,
  };
  if (state.dates.length) {
    filters.from = state.dates[0];
    filters.to = state.dates[state.dates.length - 1];
  }
  return filters;
}

/** Scattered dates (not one unbroken run) are narrowed in the page, by venue-local date. */
function keepFor(state: SearchState): (item: Listing) => boolean {
  if (state.dates.length < 2) return () => true;
  const chosen = new Set(state.dates);
  return (item) => {
    const t = wallTime(item.performance.startsAt, item.performance.timeZone);
    return !t || chosen.has(t.date);
  };
}

function fillForm(state: SearchState): void {
  for (const f of FIELDS) {
    const input = named(form, f, HTMLElement);
    if (input instanceof HTMLInputElement || input instanceof HTMLSelectElement)
      input.value = state[f] || (f === 'sort' ? 'deal' : '');
  }
  for (const box of form.querySelectorAll<HTMLInputElement>('input[name="day"]'))
    box.checked = state.days.includes(box.value);
  const clearView = named(form, 'clearView', HTMLInputElement);
  if (clearView) clearView.checked = state.clearView;
  datesInput.value = state.dates.join(',');
}

function stateFromForm(): SearchState {
  const data = new FormData(form);
  const params = new URLSearchParams();
  for (const [k, v] of data) if (typeof v === 'string' && v !== '') params.append(k, v);
  return readParams(params);
}

function pageUrl(state: SearchState): string {
  const q = new URLSearchParams();
  if (state.dates.length) q.set('dates', state.dates.join(','));
  if (state.days.length) q.set('days', state.days.join(','));
  for (const f of FIELDS) if (state[f] && !(f === 'sort' && state[f] === 'deal')) q.set(f, state[f]);
  if (state.clearView) q.set('clearView', 'true');
  if (!state.dates.length && state.from) q.set('from', state.from);
  if (!state.dates.length && state.to) q.set('to', state.to);
  const s = q.toString();
  return s ? `/search?${s}` : '/search';
}

function describe(state: SearchState): string {
  const parts: string[] = [];
  parts.push(
    state.dates.length ? `${state.dates.length} date${state.dates.length > 1 ? 's' : ''}` : 'All dates',
  );
  if (state.days.length) parts.push(state.days.map((d) => d[0].toUpperCase() + d.slice(1)).join(', '));
  if (state.time) parts.push(state.time === 'matinee' ? 'matinees' : 'evenings');
  if (state.quantity) parts.push(`${state.quantity} ticket${state.quantity === '1' ? '' : 's'}`);
  if (state.maxPrice) parts.push(`up to $${state.maxPrice} each`);
  if (state.section) parts.push(`section “${state.section}”`);
  if (state.clearView) parts.push('clear view only');
  return parts.join(' · ');
}

let state = readParams(new URLSearchParams(location.search));
fillForm(state);

// On a phone the filters fold away above the results; on a wide screen they stay open.
const details = byId('filters-details', HTMLDetailsElement);
const narrow = window.matchMedia('(max-width: 959px)');
const filtersSummary = details.querySelector('summary') ?? details;
function fitFilters() {
  details.open = !narrow.matches;
  // On a wide screen the summary is only a title: not a toggle, not a tab stop.
  filtersSummary.tabIndex = narrow.matches ? 0 : -1;
}
fitFilters();
narrow.addEventListener('change', fitFilters);
filtersSummary.addEventListener('click', (event) => {
  if (!narrow.matches) event.preventDefault();
});

function activeFilters(s: SearchState): number {
  return (
    (s.dates.length ? 1 : 0) +
    (s.days.length ? 1 : 0) +
    FIELDS.filter((f) => f !== 'sort' && s[f]).length +
    (s.clearView ? 1 : 0)
  );
}

const results = createResults({
  container: byId('results'),
  status: byId('results-status'),
  emptyAction: el('a', { class: 'button button-secondary', href: '/search' }, 'Clear all filters'),
});

function run(nextState: SearchState, { push = true, focus = false } = {}): void {
  state = nextState;
  const url = pageUrl(state);
  if (push && url !== location.pathname + location.search) history.pushState(null, '', url);
  summary.textContent = describe(state);
  const n = activeFilters(state);
  byId('filters-count').textContent = n ? `(${n} on)` : '';
  void results.load(apiFilters(state), keepFor(state));
  if (focus) {
    if (narrow.matches) details.open = false;
    summary.focus();
  }
}

run(state, { push: false });

let firstShow = 'hamilton';
mountAlertSignup(byId('alert-signup'), {
  current: () => apiFilters(state),
  defaultShow: () => firstShow,
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  run(stateFromForm(), { focus: true });
});

// Selects and checkboxes apply at once; focus stays put and the live region reports.
let pending: number | undefined;
form.addEventListener('change', (event) => {
  if (event.target instanceof Element && event.target.matches('input[type="text"], input[type="number"]'))
    return;
  clearTimeout(pending);
  pending = window.setTimeout(() => run(stateFromForm()), 200);
});

window.addEventListener('popstate', () => {
  const next = readParams(new URLSearchParams(location.search));
  fillForm(next);
  run(next, { push: false });
});

createCalendar(byId('calendar'), {
  selected: state.dates,
  onChange(dates) {
    datesInput.value = dates.join(',');
    clearTimeout(pending);
    pending = window.setTimeout(() => run(stateFromForm()), 200);
  },
  async lowestPrices(from, to) {
    const show = named(form, 'show', HTMLSelectElement)?.value;
    const perfs = await getPerformances({ show, from, to });
    const map = new Map<string, number>();
    for (const p of perfs) {
      const t = wallTime(p.startsAt);
      if (!t || !p.lowestPrice) continue;
      const prev = map.get(t.date);
      if (prev === undefined || p.lowestPrice < prev) map.set(t.date, p.lowestPrice);
    }
    return map;
  },
});

getShows()
  .then((shows) => {
    const citySelect = named(form, 'city', HTMLSelectElement);
    const showSelect = named(form, 'show', HTMLSelectElement);
    if (!citySelect || !showSelect) return;
    const cities = [...new Set(shows.map((s) => s.city).filter(Boolean))].sort();
    if (shows[0]?.id) firstShow = shows[0].id;
    citySelect.append(...cities.map((c) => el('option', { value: c }, c)));
    showSelect.append(
      ...shows.map((s) => el('option', { value: s.id }, [s.title, s.city].filter(Boolean).join(' — '))),
    );
    // Options arrive after the URL was read: put the chosen values back.
    citySelect.value = state.city;
    showSelect.value = state.show;
  })
  .catch(() => {
    // Without the list, "Any city" / "Any production" still search everything.
  });
