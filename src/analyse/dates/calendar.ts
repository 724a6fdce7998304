/**
 * Calendar arithmetic on plain numbers (UTC, no time of day, no clock): the choices a reader makes when
 * a text gives a month, a day or a weekday without a year.
 */

/** A day in the calendar. Months are 1-based. */
export interface Day {
  year: number;
  month: number;
  day: number;
}

/**
 * How to place a date that the text gives without its year (or a weekday without its week):
 * - `before` / `after`: strictly before / after the reference ("last December", "next June");
 * - `past` / `future`: at or before / at or after the reference (tense of the sentence); a day at most
 *   `NEAR_DAYS` on the other side, in the reference's year, stays that near day;
 * - `nearest`: whichever occurrence is closest to the reference ("by January 15", "until November 17").
 */
export type Placement = 'before' | 'after' | 'past' | 'future' | 'nearest';

/** Parses `YYYY-MM-DD` into a Day; null when malformed or not a real day. */
export function parseDay(value: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const day = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isRealDay(day) ? day : null;
}

/** True when the day exists (no 31 April, 29 February only in leap years). */
export function isRealDay({ year, month, day }: Day): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Days since 1970-01-01. */
export function dayNumber({ year, month, day }: Day): number {
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

/** The Day of a day number. */
export function fromDayNumber(n: number): Day {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: Day): number {
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
}

/** Adds whole days. */
export function addDays(day: Day, n: number): Day {
  return fromDayNumber(dayNumber(day) + n);
}

/** Compares two (year, month[, day]) tuples at the finest level both have: -1, 0 or 1. */
function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** How many days on the other side of the reference a past or future day may fall (see `yearFor`). */
export const NEAR_DAYS = 14;

/**
 * The year of a month (and optional day) given without one, placed relative to `ref`.
 * @example yearFor(12, undefined, { year: 2020, month: 12, day: 3 }, 'before') // 2019 ("last December")
 */
export function yearFor(month: number, day: number | undefined, ref: Day, placement: Placement): number {
  const target = day === undefined ? [month] : [month, day];
  const here = day === undefined ? [ref.month] : [ref.month, ref.day];
  const c = compare(target, here);
  switch (placement) {
    case 'before':
      return c < 0 ? ref.year : ref.year - 1;
    case 'after':
      return c > 0 ? ref.year : ref.year + 1;
    case 'past':
    case 'future': {
      const year = placement === 'past' ? (c <= 0 ? ref.year : ref.year - 1) : c >= 0 ? ref.year : ref.year + 1;
      if (day === undefined) return year;
      // A day a few days on the other side of the reference is that near day, not one a year away: "effective
      // March 6" in a 9 March article, "the week ended April 29" (expected figures) in a 23 April one. Only in
      // the reference's year: a past "peaked on January 3" in a 28 December year-in-review is that January.
      const other = placement === 'past' ? (c >= 0 ? ref.year : ref.year + 1) : c <= 0 ? ref.year : ref.year - 1;
      const gap = Math.abs(Date.UTC(other, month - 1, day) / 86_400_000 - dayNumber(ref));
      return gap <= NEAR_DAYS && other === ref.year ? other : year;
    }
    case 'nearest': {
      if (c === 0) return ref.year;
      // Distance in months for a month, in days for a day (29 February of a common year counts as 1 March).
      const at = (year: number) => (day === undefined ? year * 12 + month : Date.UTC(year, month - 1, day) / 86_400_000);
      const now = day === undefined ? ref.year * 12 + ref.month : dayNumber(ref);
      const candidates = [ref.year - 1, ref.year, ref.year + 1];
      let best = ref.year;
      for (const y of candidates) if (Math.abs(at(y) - now) < Math.abs(at(best) - now)) best = y;
      return best;
    }
  }
}

/**
 * The day of a weekday (0 = Sunday) placed relative to `ref`: `past` is the latest such day at or before
 * the reference, `before` strictly before it, and so on. `nearest` means `past` (news reports what happened).
 * @example weekdayDay(5, { year: 2020, month: 12, day: 3 }, 'past') // 2020-11-27 (the Friday before)
 */
export function weekdayDay(weekday: number, ref: Day, placement: Placement): Day {
  const diff = weekday - weekdayOf(ref);
  const back = (diff <= 0 ? diff : diff - 7); // 0 … -6
  const forward = (diff >= 0 ? diff : diff + 7); // 0 … 6
  switch (placement) {
    case 'before':
      return addDays(ref, back === 0 ? -7 : back);
    case 'after':
      return addDays(ref, forward === 0 ? 7 : forward);
    case 'future':
      return addDays(ref, forward);
    case 'past':
    case 'nearest':
      return addDays(ref, back);
  }
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export function formatDate(year: number, month?: number, day?: number): string {
  const y = String(year).padStart(4, '0');
  if (month === undefined) return y;
  const m = `${y}-${String(month).padStart(2, '0')}`;
  return day === undefined ? m : `${m}-${String(day).padStart(2, '0')}`;
}
