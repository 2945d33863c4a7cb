// Search: every filter of GET /api/v1/listings, a multi-date calendar, cursor paging.
// The page's own URL holds the filters (shareable, back button works); the form also
// works without JavaScript as a plain GET to /search.
import { mountAlertSignup } from './alert-signup.js';
import { getPerformances, getShows } from './api.js';
import { createCalendar } from './calendar.js';
import { el, wallTime } from './format.js';
import { createResults } from './results.js';
import { markCurrentNav } from './ui.js';

markCurrentNav();

const form = document.getElementById('filters');
const datesInput = document.getElementById('dates');
const summary = document.getElementById('results-summary');
summary.tabIndex = -1;

const FIELDS = ['city', 'show', 'time', 'quantity', 'maxPrice', 'section', 'sort'];
const DAY_ORDER = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Page URL params -> the filter state. */
function readParams(params) {
  const dates = (params.get('dates') ?? '')
    .split(',')
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort();
  const days = [...params.getAll('day'), ...(params.get('days') ?? '').split(',')].filter((d) =>
    DAY_ORDER.includes(d),
  );
  const state = { dates, days: [...new Set(days)], clearView: params.get('clearView') === 'true' };
  for (const f of FIELDS) state[f] = params.get(f) ?? '';
  state.from = params.get('from') ?? '';
  state.to = params.get('to') ?? '';
  return state;
}

/** Filter state -> the API's query. Chosen dates become a from/to range (inclusive). */
function apiFilters(state) {
  const filters = {
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
function keepFor(state) {
  if (state.dates.length < 2) return () => true;
  const chosen = new Set(state.dates);
  return (item) => {
    const t = wallTime(item.performance.startsAt, item.performance.timeZone);
    return !t || chosen.has(t.date);
  };
}

function fillForm(state) {
  for (const f of FIELDS) {
    const input = form.elements.namedItem(f);
    if (input) input.value = state[f] || (f === 'sort' ? 'deal' : '');
  }
  for (const box of form.querySelectorAll('input[name="day"]')) box.checked = state.days.includes(box.value);
  form.elements.namedItem('clearView').checked = state.clearView;
  datesInput.value = state.dates.join(',');
}

function stateFromForm() {
  const data = new FormData(form);
  const params = new URLSearchParams();
  for (const [k, v] of data) if (typeof v === 'string' && v !== '') params.append(k, v);
  return readParams(params);
}

function pageUrl(state) {
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

function describe(state) {
  const parts = [];
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
const details = document.getElementById('filters-details');
const narrow = window.matchMedia('(max-width: 959px)');
const filtersSummary = details.querySelector('summary');
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

function activeFilters(s) {
  return (
    (s.dates.length ? 1 : 0) +
    (s.days.length ? 1 : 0) +
    ['city', 'show', 'time', 'quantity', 'maxPrice', 'section'].filter((f) => s[f]).length +
    (s.clearView ? 1 : 0)
  );
}

const results = createResults({
  container: document.getElementById('results'),
  status: document.getElementById('results-status'),
  emptyAction: el('a', { class: 'button button-secondary', href: '/search' }, 'Clear all filters'),
});

function run(nextState, { push = true, focus = false } = {}) {
  state = nextState;
  const url = pageUrl(state);
  if (push && url !== location.pathname + location.search) history.pushState(null, '', url);
  summary.textContent = describe(state);
  const n = activeFilters(state);
  document.getElementById('filters-count').textContent = n ? `(${n} on)` : '';
  results.load(apiFilters(state), keepFor(state));
  if (focus) {
    if (narrow.matches) details.open = false;
    summary.focus();
  }
}

run(state, { push: false });

let firstShow = 'hamilton';
mountAlertSignup(document.getElementById('alert-signup'), {
  current: () => apiFilters(state),
  defaultShow: () => firstShow,
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  run(stateFromForm(), { focus: true });
});

// Selects and checkboxes apply at once; focus stays put and the live region reports.
let pending;
form.addEventListener('change', (event) => {
  if (event.target.matches('input[type="text"], input[type="number"]')) return;
  clearTimeout(pending);
  pending = setTimeout(() => run(stateFromForm()), 200);
});

window.addEventListener('popstate', () => {
  const next = readParams(new URLSearchParams(location.search));
  fillForm(next);
  run(next, { push: false });
});

createCalendar(document.getElementById('calendar'), {
  selected: state.dates,
  onChange(dates) {
    datesInput.value = dates.join(',');
    clearTimeout(pending);
    pending = setTimeout(() => run(stateFromForm()), 200);
  },
  async lowestPrices(from, to) {
    const perfs = await getPerformances({ show: form.elements.namedItem('show').value, from, to });
    const map = new Map();
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
    const citySelect = form.elements.namedItem('city');
    const showSelect = form.elements.namedItem('show');
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
