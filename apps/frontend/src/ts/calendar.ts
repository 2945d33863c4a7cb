// A multi-date calendar: a month grid of toggle buttons (aria-pressed). One day is in the
// tab order; arrow keys move by day and week, PageUp/PageDown by month (the ARIA grid
// pattern), Space/Enter toggles. Dates are venue-calendar dates, "YYYY-MM-DD".
import { el, money, monthName } from './format.js';
import { now } from './clock.js';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m + 1)}-${pad(d)}`;
const WEEK = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEK_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function todayIso(): string {
  const t = now();
  return iso(t.getFullYear(), t.getMonth(), t.getDate());
}

function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return iso(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
}

export interface CalendarOptions {
  selected?: string[];
  onChange: (dates: string[]) => void;
  /** The lowest all-in price (cents) per date between two dates. */
  lowestPrices?: (from: string, to: string) => Promise<Map<string, number>>;
}

export function createCalendar(
  container: HTMLElement,
  { selected = [], onChange, lowestPrices }: CalendarOptions,
): void {
  const chosen = new Set<string>(selected);
  const today = todayIso();
  const start = [...chosen].sort()[0] ?? today;
  let year = Number(start.slice(0, 4));
  let month = Number(start.slice(5, 7)) - 1;
  let focusDate = start < today ? today : start;
  let prices = new Map<string, number>();

  const title = el('h3', { id: 'cal-title', 'aria-live': 'polite' });
  const prev = el(
    'button',
    { type: 'button', class: 'button button-secondary cal-nav', 'aria-label': 'Previous month' },
    '‹',
  );
  const next = el(
    'button',
    { type: 'button', class: 'button button-secondary cal-nav', 'aria-label': 'Next month' },
    '›',
  );
  const grid = el('table', {
    class: 'cal-grid',
    role: 'grid',
    'aria-labelledby': 'cal-title',
    'aria-multiselectable': 'true',
  });
  const count = el('span', { class: 'muted' });
  const clear = el('button', { type: 'button', class: 'button button-ghost' }, 'Clear dates');
  container.replaceChildren(
    el('div', { class: 'cal-head' }, prev, title, next),
    grid,
    el('div', { class: 'cal-actions' }, count, clear),
  );

  prev.addEventListener('click', () => moveMonth(-1, false));
  next.addEventListener('click', () => moveMonth(1, false));
  clear.addEventListener('click', () => {
    chosen.clear();
    render(false);
    onChange([]);
  });

  function moveMonth(delta: number, keepFocus: boolean): void {
    month += delta;
    if (month < 0) {
      month = 11;
      year--;
    }
    if (month > 11) {
      month = 0;
      year++;
    }
    const first = iso(year, month, 1);
    focusDate = first < today ? today : first;
    render(keepFocus);
    loadPrices();
  }

  function loadPrices() {
    if (!lowestPrices) return;
    const from = iso(year, month, 1);
    const to = iso(year, month, new Date(Date.UTC(year, month + 1, 0)).getUTCDate());
    lowestPrices(from, to)
      .then((map) => {
        prices = new Map([...prices, ...map]);
        render(grid.contains(document.activeElement));
      })
      .catch(() => {
        // Prices on the calendar are a hint; the calendar works without them.
      });
  }

  function render(keepFocus: boolean): void {
    title.textContent = `${monthName(month)} ${year}`;
    const firstWeekday = new Date(Date.UTC(year, month, 1)).getUTCDay();
    const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    prev.disabled = iso(year, month, 1) <= today.slice(0, 8) + '01';
    const rows = [
      el(
        'tr',
        {},
        WEEK.map((d, i) => el('th', { scope: 'col', abbr: WEEK_LONG[i] }, d.slice(0, 2))),
      ),
    ];
    let cells: HTMLTableCellElement[] = [];
    for (let i = 0; i < firstWeekday; i++) cells.push(el('td', { role: 'gridcell' }));
    for (let d = 1; d <= days; d++) {
      const date = iso(year, month, d);
      const past = date < today;
      const price = prices.get(date);
      const label = `${WEEK_LONG[(firstWeekday + d - 1) % 7]}, ${monthName(month)} ${d}${price ? `, from ${money(price)}` : ''}`;
      const button = el(
        'button',
        {
          type: 'button',
          class: 'cal-day',
          'data-date': date,
          'aria-pressed': chosen.has(date) ? 'true' : 'false',
          'aria-label': label,
          tabindex: date === focusDate ? '0' : '-1',
          disabled: past,
        },
        el('span', { 'aria-hidden': 'true' }, String(d)),
        price ? el('small', { 'aria-hidden': 'true' }, money(price)) : null,
      );
      cells.push(el('td', { role: 'gridcell' }, button));
      if (cells.length === 7) {
        rows.push(el('tr', {}, cells));
        cells = [];
      }
    }
    if (cells.length) rows.push(el('tr', {}, cells));
    grid.replaceChildren(...rows);
    count.textContent = chosen.size
      ? `${chosen.size} date${chosen.size === 1 ? '' : 's'} chosen`
      : 'Every date';
    if (keepFocus) grid.querySelector<HTMLButtonElement>(`[data-date="${focusDate}"]`)?.focus();
  }

  /** The day button an event happened on. */
  const dayOf = (event: Event) =>
    event.target instanceof Element ? event.target.closest<HTMLButtonElement>('.cal-day') : null;

  grid.addEventListener('click', (event) => {
    const button = dayOf(event);
    const date = button?.dataset.date;
    if (!button || button.disabled || !date) return;
    if (chosen.has(date)) chosen.delete(date);
    else chosen.add(date);
    focusDate = date;
    render(true);
    onChange([...chosen].sort());
  });

  grid.addEventListener('keydown', (event) => {
    const date = dayOf(event)?.dataset.date;
    if (!date) return;
    const step = ({ ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 } as Record<string, number>)[
      event.key
    ];
    if (step === undefined && event.key !== 'PageUp' && event.key !== 'PageDown') return;
    event.preventDefault();
    if (step === undefined) return moveMonth(event.key === 'PageUp' ? -1 : 1, true);
    let target = addDays(date, step);
    if (target < today) target = today;
    focusDate = target;
    const ty = Number(target.slice(0, 4));
    const tm = Number(target.slice(5, 7)) - 1;
    if (ty !== year || tm !== month) {
      year = ty;
      month = tm;
      render(true);
      loadPrices();
    } else {
      render(true);
    }
  });

  render(false);
  loadPrices();
}
