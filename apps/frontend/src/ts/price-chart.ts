// A small inline SVG line chart of a listing's all-in price per ticket over time, with
// the same numbers in a visually hidden table for screen readers.
import { el, money, shortDate, svg } from './format.js';
import { now } from './clock.js';

export function renderPriceChart(
  history: readonly { at: string; amount: number }[],
  currentCents: number,
): HTMLElement {
  const points = [...history];
  // The line runs up to now: the last known price still holds today.
  const today = now();
  if (currentCents && (!points.length || Date.parse(points[points.length - 1].at) < today.getTime())) {
    points.push({ at: today.toISOString(), amount: currentCents });
  }
  if (new Set(points.map((p) => p.amount)).size < 2) {
    return el('p', { class: 'muted' }, 'This price has not changed since the tickets were listed.');
  }
  const W = 560;
  const H = 160;
  const left = 52;
  const right = 12;
  const top = 12;
  const bottom = 26;
  const times = points.map((p) => Date.parse(p.at));
  const amounts = points.map((p) => p.amount);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  let lo = Math.min(...amounts);
  let hi = Math.max(...amounts);
  if (hi === lo) {
    hi += 1000;
    lo = Math.max(0, lo - 1000);
  }
  const x = (t: number) => left + ((t - t0) / Math.max(1, t1 - t0)) * (W - left - right);
  const y = (a: number) => top + (1 - (a - lo) / (hi - lo)) * (H - top - bottom);
  // A step line: a price holds until it changes.
  let d = `M${x(times[0]).toFixed(1)},${y(amounts[0]).toFixed(1)}`;
  for (let i = 1; i < points.length; i++) d += ` H${x(times[i]).toFixed(1)} V${y(amounts[i]).toFixed(1)}`;
  const area = `${d} V${H - bottom} H${x(times[0]).toFixed(1)} Z`;
  const last = points[points.length - 1];
  const first = points[0];
  const change = last.amount - first.amount;
  const trend = change === 0 ? 'unchanged' : change < 0 ? `down ${money(-change)}` : `up ${money(change)}`;
  const label = `Price history: ${money(first.amount)} on ${shortDate(first.at)}, now ${money(last.amount)} (${trend}). Lowest ${money(Math.min(...amounts))}, highest ${money(Math.max(...amounts))}.`;

  const chart = svg(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${W} ${H}`,
      role: 'img',
      'aria-label': label,
      'data-testid': 'price-history',
    },
    svg('line', { x1: left, x2: W - right, y1: y(hi), y2: y(hi), stroke: '#e3e0d8' }),
    svg('line', { x1: left, x2: W - right, y1: y(lo), y2: y(lo), stroke: '#e3e0d8' }),
    svg('text', { x: left - 6, y: y(hi) + 4, 'text-anchor': 'end' }, money(hi)),
    svg('text', { x: left - 6, y: y(lo) + 4, 'text-anchor': 'end' }, money(lo)),
    svg('text', { x: left, y: H - 6 }, shortDate(first.at)),
    svg('text', { x: W - right, y: H - 6, 'text-anchor': 'end' }, 'Now'),
    svg('path', { d: area, class: 'area' }),
    svg('path', { d, class: 'line' }),
    svg('circle', { cx: x(times[times.length - 1]), cy: y(last.amount), r: 4, class: 'dot' }),
  );
  const table = el(
    'table',
    { class: 'visually-hidden' },
    el('caption', {}, 'Price per ticket, all-in, over time'),
    el('tr', {}, el('th', { scope: 'col' }, 'Date'), el('th', { scope: 'col' }, 'Price')),
    points.map((p) => el('tr', {}, el('td', {}, shortDate(p.at)), el('td', {}, money(p.amount)))),
  );
  return el(
    'div',
    {},
    el('p', { class: 'hint' }, `All-in price per ticket, ${trend} since ${shortDate(first.at)}.`),
    chart,
    table,
  );
}
