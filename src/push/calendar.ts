/**
 * Wall-clock times in IANA time zones, for schedules: "07:00 Europe/London on weekdays" → the UTC instants
 * it names, daylight saving included. Built on the runtime's own time-zone database (Intl), no dependency.
 *
 * Clock changes follow RFC 5545 (iCalendar, §3.3.5), the rule calendars already use:
 * - a time the clock skips (02:30 on a spring-forward night in New York) is read with the UTC offset from
 *   before the gap, so it runs once, an hour later on the new clock (03:30);
 * - a time the clock passes twice (01:30 on a fall-back night) means its first occurrence only.
 */

/** Days of the week as people type them, Sunday first (as Date.getUTCDay counts). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A schedule's when: local time, zone and days. */
export interface WallTime {
  /** HH:MM, 24-hour. */
  time: string;
  /** IANA name, e.g. Europe/London. */
  timezone: string;
  /** Days it runs on (at least one). */
  days: ReadonlySet<Weekday>;
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = FORMATTERS.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    FORMATTERS.set(timezone, f);
  }
  return f;
}

/** The local date and time in `timezone` at instant `t` (ms), as numbers. */
export function localParts(t: number, timezone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timezone).formatToParts(new Date(t))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** The zone's offset from UTC at instant `t`, in ms (London in summer: +3,600,000). */
export function offsetAt(t: number, timezone: string): number {
  const p = localParts(t, timezone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (t - (((t % 1000) + 1000) % 1000));
}

/**
 * Whether `name` is an IANA time zone the runtime knows, and its canonical spelling ("europe/london" →
 * "Europe/London"); null when unknown. Abbreviations are refused even where the runtime takes them: it
 * reads "BST" as Bangladesh, not British Summer Time, and "IST" is three zones.
 */
export function canonicalZone(name: string): string | null {
  if (!name.includes('/') && !/^(utc|gmt)$/i.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * The instant (ms) a local wall time names in `timezone` on a local date, by RFC 5545: the first
 * occurrence when the clock passes it twice; read with the offset before the gap when the clock skips it.
 *
 * @example instantOf(2026, 3, 8, 2, 30, 'America/New_York') // 2026-03-08T07:30Z = 03:30 EDT (02:30 was skipped)
 */
export function instantOf(year: number, month: number, day: number, hour: number, minute: number, timezone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets in force around that day (a zone changes its offset at most once in two days).
  const before = offsetAt(wall - 36 * 3600_000, timezone);
  const after = offsetAt(wall + 36 * 3600_000, timezone);
  const matches: number[] = [];
  for (const offset of new Set([before, after])) {
    const t = wall - offset;
    const p = localParts(t, timezone);
    if (p.year === year && p.month === month && p.day === day && p.hour === hour && p.minute === minute) matches.push(t);
  }
  if (matches.length > 0) return Math.min(...matches);
  return wall - before; // skipped by the clock: the offset from before the gap
}

/**
 * The first instant strictly after `after` (ms) at which a schedule is due.
 *
 * @example nextOccurrence({ time: '07:00', timezone: 'Europe/London', days: EVERY_DAY }, Date.parse('2026-07-01T12:00Z'))
 *   // 2026-07-02T06:00Z (07:00 BST)
 */
export function nextOccurrence(when: WallTime, after: number): number {
  const [hour, minute] = when.time.split(':').map(Number) as [number, number];
  const today = localParts(after, when.timezone);
  // From the day before (a skipped time may fall on the next UTC day) through a week and a day ahead.
  for (let d = -1; d <= 8; d++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + d));
    if (!when.days.has(WEEKDAYS[date.getUTCDay()]!)) continue;
    const t = instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, minute, when.timezone);
    if (t > after) return t;
  }
  throw new Error(`calendar: no occurrence of ${when.time} ${when.timezone} within 8 days (no days given?)`);
}

/**
 * The occurrences in the window (from, to] (ms), oldest first, at most `max` of them (then the count stops:
 * downtime of years need not be listed).
 */
export function occurrencesBetween(when: WallTime, from: number, to: number, max = 1000): number[] {
  const out: number[] = [];
  let t = from;
  while (out.length < max) {
    t = nextOccurrence(when, t);
    if (t > to) break;
    out.push(t);
  }
  return out;
}

export const EVERY_DAY: ReadonlySet<Weekday> = new Set(WEEKDAYS);
const WORKDAYS: ReadonlySet<Weekday> = new Set(['mon', 'tue', 'wed', 'thu', 'fri']);
const DAY_NAMES = new Map<string, Weekday>([
  ...WEEKDAYS.map((d) => [d, d] as const),
  ...(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const).map((name, i) => [name, WEEKDAYS[i]!] as const),
  ['tues', 'tue'],
  ['weds', 'wed'],
  ['thur', 'thu'],
  ['thurs', 'thu'],
]);

/**
 * Reads the days a person typed: empty or "every day" / "daily", "weekdays", or days such as "mon,wed,fri"
 * (full names and spaces accepted). Returns the days and their stored form, or a message saying what was wrong.
 *
 * @example parseDays('Mon, Wednesday') // { ok: true, days: Set{mon, wed}, stored: 'mon,wed' }
 */
export function parseDays(raw: string): { ok: true; days: ReadonlySet<Weekday>; stored: string } | { ok: false; message: string } {
  const text = raw.trim().toLowerCase();
  if (text === '' || text === 'every day' || text === 'everyday' || text === 'daily') return { ok: true, days: EVERY_DAY, stored: 'daily' };
  if (text === 'weekdays' || text === 'workdays') return { ok: true, days: WORKDAYS, stored: 'weekdays' };
  const days = new Set<Weekday>();
  for (const word of text.split(/[\s,]+/).filter(Boolean)) {
    const day = DAY_NAMES.get(word);
    if (!day) return { ok: false, message: `days must be "every day", "weekdays" or days such as "mon,wed,fri", got \`${raw.trim()}\`` };
    days.add(day);
  }
  const stored = WEEKDAYS.filter((d) => days.has(d));
  if (stored.length === 7) return { ok: true, days: EVERY_DAY, stored: 'daily' };
  if (stored.length === 5 && [...WORKDAYS].every((d) => days.has(d))) return { ok: true, days: WORKDAYS, stored: 'weekdays' };
  return { ok: true, days: new Set(stored), stored: stored.join(',') };
}

/** "every day", "weekdays" or "Mon, Wed" for a stored days value. */
export function describeDays(stored: string): string {
  if (stored === 'daily') return 'every day';
  if (stored === 'weekdays') return 'weekdays';
  return stored.split(',').map((d) => d[0]!.toUpperCase() + d.slice(1)).join(', ');
}

/** Reads HH:MM (or H:MM), 00:00–23:59; returns it zero-padded or null. */
export function parseTime(raw: string): string | null {
  const m = /^\s*([01]?\d|2[0-3])[:.h]([0-5]\d)\s*$/.exec(raw);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
}

/** A local time as an editor writes it in a list: "Thu 3 Dec 07:00" in the zone. */
export function describeInstant(t: number, timezone: string): string {
  const p = localParts(t, timezone);
  const weekday = WEEKDAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()]!;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][p.month - 1]!;
  return `${weekday[0]!.toUpperCase()}${weekday.slice(1)} ${p.day} ${month} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}
