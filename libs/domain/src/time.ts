/**
 * Performance times are stored in UTC and judged/shown in the venue's IANA time zone.
 * Matinee vs evening and the day of week are always taken in the venue's zone.
 */
export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface LocalParts {
  /** YYYY-MM-DD in the venue's zone. */
  date: string;
  weekday: Weekday;
  hour: number;
  minute: number;
  /** Offset from UTC in minutes (e.g. -240 for New York in summer). */
  offsetMinutes: number;
}

/** Curtain before 17:00 local time is a matinee. */
export const MATINEE_BEFORE_HOUR = 17;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const offsetMinutes = Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: parts.weekday.toLowerCase().slice(0, 3) as Weekday,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    offsetMinutes,
  };
}

export function isMatinee(at: Date, timeZone: string): boolean {
  return localParts(at, timeZone).hour < MATINEE_BEFORE_HOUR;
}

/** ISO 8601 with the venue's offset, e.g. `2026-12-05T20:00:00-05:00`. */
export function toZonedIso(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  const sign = p.offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(p.offsetMinutes);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const sec = String(at.getUTCSeconds()).padStart(2, '0');
  return `${p.date}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}:${sec}${off}`;
}

/**
 * The UTC instant of a wall-clock time in a zone (e.g. 2026-12-05 20:00 in America/New_York).
 * Used by the sandbox to schedule curtains and by search to turn `from`/`to` dates into instants.
 */
export function zonedTimeToUtc(date: string, hour: number, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = new Date(Date.UTC(y, m - 1, d, hour, minute));
  // Two passes settle DST transitions.
  let utc = guess.getTime() - localParts(guess, timeZone).offsetMinutes * 60000;
  utc = guess.getTime() - localParts(new Date(utc), timeZone).offsetMinutes * 60000;
  return new Date(utc);
}

/** Whole days from `now` until `at` (negative when past), by elapsed time. */
export function daysUntil(at: Date, now: Date): number {
  return (at.getTime() - now.getTime()) / 86_400_000;
}
