import { localParts, zonedTimeToUtc } from '@hamiltix/domain';
import { hash32 } from './hash.js';
import type { SimEvent, SimVenue } from './inventory.types.js';

/** Curtain times by local weekday (0 = Sunday): 8 shows a week, Tuesday to Sunday. */
type WeekPattern = Record<number, [number, number][]>;

/** The Broadway pattern (Wednesday and Saturday matinees). */
const WED_SAT_MATINEES: WeekPattern = {
  0: [[15, 0]],
  2: [[19, 0]],
  3: [
    [14, 0],
    [19, 0],
  ],
  4: [[19, 0]],
  5: [[20, 0]],
  6: [
    [14, 0],
    [20, 0],
  ],
};

/** The common touring pattern (Saturday and Sunday matinees). */
const SAT_SUN_MATINEES: WeekPattern = {
  0: [
    [13, 0],
    [18, 30],
  ],
  2: [[19, 30]],
  3: [[19, 30]],
  4: [[19, 30]],
  5: [[20, 0]],
  6: [
    [14, 0],
    [20, 0],
  ],
};

const DAY_MS = 86_400_000;
const EPOCH_DAY = Date.UTC(2020, 0, 1) / DAY_MS;
export const SCHEDULE_WEEKS = 26;

/** Demand by weekday/time, Saturday evening = 1 (docs/domain.md §5: Wed matinee 15–25% below). */
function dayDemand(weekday: number, matinee: boolean): number {
  if (matinee) return weekday === 3 ? 0.8 : weekday === 6 ? 0.95 : 0.93;
  return [0.87, 1, 0.82, 0.83, 0.86, 0.98, 1][weekday];
}

/** January and September are cheap, the holidays and summer dear. */
const MONTH_DEMAND = [0.82, 0.9, 0.95, 1, 1, 1.03, 1.06, 1.06, 0.86, 0.97, 1.02, 1.1];

/**
 * Event ids are built from the local date, the venue ordinal and the show of the day, so
 * a performance keeps its id across restarts: `dayNumber * 1000 + ordinal * 2 + show`.
 */
export function buildSchedule(venues: readonly SimVenue[], start: Date, seed: number): SimEvent[] {
  const events: SimEvent[] = [];
  for (const venue of venues) {
    const pattern =
      venue.market === 'new-york' || hash32(seed, venue.id) % 2 === 0 ? WED_SAT_MATINEES : SAT_SUN_MATINEES;
    const firstDate = localParts(start, venue.timeZone).date;
    const [y, m, d] = firstDate.split('-').map(Number);
    const firstDay = Date.UTC(y, m - 1, d) / DAY_MS;
    for (let day = firstDay; day < firstDay + SCHEDULE_WEEKS * 7; day++) {
      const date = new Date(day * DAY_MS);
      const weekday = date.getUTCDay();
      const iso = date.toISOString().slice(0, 10);
      (pattern[weekday] ?? []).forEach(([hour, minute], show) => {
        const occursAt = zonedTimeToUtc(iso, hour, minute, venue.timeZone);
        if (occursAt.getTime() <= start.getTime()) return;
        const matinee = hour < 17;
        const month = date.getUTCMonth() + 1;
        const demand = dayDemand(weekday, matinee) * MONTH_DEMAND[month - 1];
        const id = (day - EPOCH_DAY) * 1000 + venue.ordinal * 2 + show;
        const popularity =
          Math.round((0.5 + 0.45 * demand * (venue.market === 'new-york' ? 1 : 0.8)) * 1000) / 1000;
        events.push({ id, venue, occursAt, localDate: iso, weekday, matinee, month, demand, popularity });
      });
    }
  }
  return events.sort((a, b) => a.occursAt.getTime() - b.occursAt.getTime() || a.id - b.id);
}
