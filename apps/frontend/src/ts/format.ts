// Money and time for display. Money arrives in integer cents; performance times arrive
// as ISO strings with the venue's offset, and are shown at that wall time (the venue's
// clock), never converted to the browser's zone.

const wholeDollars = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});
const withCents = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
});

/** $1,234 for whole dollars, $1,234.50 otherwise. */
export function money(amountCents: number): string {
  const c = Math.round(Number(amountCents) || 0);
  return c % 100 === 0 ? wholeDollars.format(c / 100) : withCents.format(c / 100);
}

/** Always with cents, for breakdowns where the parts must add up visibly. */
export function moneyExact(amountCents: number): string {
  return withCents.format(Math.round(Number(amountCents) || 0) / 100);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * The venue-local wall time of an ISO string. With an explicit offset the digits already
 * are the venue's clock; a UTC ("Z") time is converted with the venue's IANA zone when known.
 */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  weekday: number;
  /** YYYY-MM-DD. */
  date: string;
}

export function wallTime(iso: string, timeZone?: string): WallTime | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(String(iso));
  if (!m) return undefined;
  const isUtc = /Z$/i.test(iso);
  if (isUtc && timeZone) {
    try {
      const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
      const f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });
      for (const p of f.formatToParts(new Date(iso))) parts[p.type] = p.value;
      return build(
        Number(parts.year),
        Number(parts.month),
        Number(parts.day),
        Number(parts.hour),
        Number(parts.minute),
      );
    } catch {
      // An unknown zone: fall through to the digits as given.
    }
  }
  return build(+m[1], +m[2], +m[3], +m[4], +m[5]);
}

function build(year: number, month: number, day: number, hour: number, minute: number): WallTime {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { year, month, day, hour, minute, weekday, date };
}

function clock(t: WallTime): string {
  const h12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  return `${h12}:${String(t.minute).padStart(2, '0')} ${t.hour < 12 ? 'AM' : 'PM'}`;
}

/** "Sat, Dec 5 · 7:00 PM" (venue time). */
export function performanceTime(iso: string, timeZone?: string): string {
  const t = wallTime(iso, timeZone);
  if (!t) return 'Date to be confirmed';
  return `${WEEKDAYS[t.weekday]}, ${MONTHS[t.month - 1]} ${t.day} · ${clock(t)}`;
}

/** "Saturday, December 5, 2026 at 7:00 PM" (venue time), for headings and screen readers. */
export function performanceTimeLong(iso: string, timeZone?: string): string {
  const t = wallTime(iso, timeZone);
  if (!t) return 'Date to be confirmed';
  return `${WEEKDAYS_LONG[t.weekday]}, ${MONTHS_LONG[t.month - 1]} ${t.day}, ${t.year} at ${clock(t)}`;
}

/** Curtain before 5 PM venue time is a matinee (libs/domain MATINEE_BEFORE_HOUR). */
export function isMatinee(iso: string, timeZone?: string): boolean {
  const t = wallTime(iso, timeZone);
  return t ? t.hour < 17 : false;
}

/** A short date for chart labels: "Nov 3". */
export function shortDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${MONTHS[d.getMonth()]} ${d.getDate()}`;
}

export function monthName(monthIndex: number): string {
  return MONTHS_LONG[monthIndex];
}

export function seatsText(listing: { seats: readonly number[]; row: string }): string {
  const s = listing.seats;
  if (!s.length) return `Row ${listing.row}`;
  const sorted = [...s].sort((a, b) => a - b);
  const contiguous = sorted.every((n, i) => i === 0 || n - sorted[i - 1] <= 2);
  const seats =
    contiguous && sorted.length > 2 ? `${sorted[0]}–${sorted[sorted.length - 1]}` : sorted.join(', ');
  return `Row ${listing.row}, seat${sorted.length > 1 ? 's' : ''} ${seats}`;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * A listing's section for its title: the theatre's own name ("Front Mezzanine Left") when the
 * API knows it, with the broker's code ("FMEZZ") as `code` when it says something else.
 */
export function sectionTitle(listing: { section: string; sectionName?: string }): {
  name: string;
  code?: string;
} {
  const name = listing.sectionName || listing.section;
  return squash(name) === squash(listing.section) ? { name } : { name, code: listing.section };
}

/** Deal score words, so the number is never the only signal (colour-blind users, screen readers). */
export function dealLabel(score: number): string {
  if (score >= 85) return 'Great deal';
  if (score >= 70) return 'Good deal';
  if (score >= 50) return 'Fair price';
  return 'Pricey';
}

export function dealTone(score: number): 'great' | 'good' | 'fair' | 'poor' {
  if (score >= 85) return 'great';
  if (score >= 70) return 'good';
  if (score >= 50) return 'fair';
  return 'poor';
}

/** Attribute values: skipped when undefined, null or false; `true` is the bare attribute. */
export type AttrValue = string | number | boolean | null | undefined | ((event: Event) => void);
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Creates an element: el('p', { class: 'x', text: 'hi' }, child...). Text is never parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, AttrValue> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else if (k === 'class') node.className = String(v);
    // Through the CSSOM: a style attribute would be blocked by the CSP (style-src 'self').
    else if (k === 'style') node.style.cssText = String(v);
    else if (typeof v === 'function') {
      if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    } else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, children);
  return node;
}

function append(node: Element, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element, like el() (attributes set as given; null/undefined skipped). */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | null | undefined> = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs))
    if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  append(
    node,
    children.flat().filter((c) => c !== '' && c !== 0),
  );
  return node;
}
