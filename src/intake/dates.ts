/**
 * Publication dates as pages and feeds write them: RFC 3339 / ISO 8601, RFC 822 and its relatives (two-digit
 * years, zone abbreviations such as BST or EDT, no seconds, "1500 GMT"), month names in a few languages
 * ("Seg, 24 Set 2018"), a 12-hour clock, `2020/1/10 14:33:00`, Unix timestamps, and markup inside the date.
 *
 * The date is kept as the publisher wrote it: the calendar day in the publisher's own zone (an article dated
 * `2025-09-04T23:30:00-04:00` was published on 4 September, whatever the day in UTC). Anything not understood
 * is null: a date is never guessed, and never taken from the clock.
 */

/** A date read from a page or a feed. */
export interface ParsedDate {
  /** YYYY-MM-DD, the day as written (in the writer's zone). */
  date: string;
  /**
   * The ISO 8601 date-time as written, normalised (`2024-07-15T12:00:00+01:00`), when a time was given;
   * without an offset when the zone was not given or not understood.
   */
  dateTime: string | null;
  /** Milliseconds since the epoch: exact when the zone is known, UTC assumed when it is not. */
  instant: number;
  /** Whether the zone (or offset) was given and understood. */
  zoned: boolean;
}

/** Month names and abbreviations (English, German, French, Spanish, Portuguese, Italian, Dutch) → 1–12. */
const MONTHS: Record<string, number> = {};
for (const [n, names] of [
  [1, 'jan january januar janvier janv enero ene janeiro gennaio gen januari jän'],
  [2, 'feb february februar fevrier février fév fev febrero fevereiro febbraio februari'],
  [3, 'mar march märz maerz mars marzo março marco maart mär mrz'],
  [4, 'apr april avril avr abril abr aprile'],
  [5, 'may mai mayo maio maggio mag mei'],
  [6, 'jun june juni juin junio junho giugno giu'],
  [7, 'jul july juli juillet juil julio julho luglio lug'],
  [8, 'aug august août aout agosto ago augustus'],
  [9, 'sep sept september septembre septiembre setiembre setembro settembre set'],
  [10, 'oct october oktober octobre octubre outubro ottobre okt out ott'],
  [11, 'nov november novembre noviembre novembro'],
  [12, 'dec december dezember décembre decembre diciembre dezembro dicembre dez dic déc'],
] as const) {
  for (const name of names.split(' ')) MONTHS[name] = n;
}

/** Zone abbreviations with one accepted meaning, in minutes east of UTC. (IST, CST-as-China etc. are ambiguous: left out.) */
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0,
  bst: 60, cet: 60, met: 60, west: 60, ist: NaN,
  cest: 120, mest: 120, eet: 120, eest: 180, msk: 180,
  edt: -240, est: -300, cdt: -300, cst: -360, mdt: -360, mst: -420, pdt: -420, pst: -480,
  akdt: -480, akst: -540, hst: -600, adt: -180, ast: -240, ndt: -150, nst: -210,
  jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480, acst: 570, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Reads a date as pages and feeds write it; null when it cannot be read with confidence.
 *
 * @example parseDate('Mon, 15 Jul 2024 12:00:00 BST') // { date: '2024-07-15', dateTime: '2024-07-15T12:00:00+01:00', zoned: true, … }
 * @example parseDate('yesterday') // null
 */
export function parseDate(raw: string | number | null | undefined): ParsedDate | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return fromUnix(raw);
  const text = raw
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return null;
  if (/^\d{9,10}(\.\d+)?$/.test(text)) return fromUnix(Number(text));
  if (/^\d{12,13}$/.test(text)) return fromUnix(Number(text) / 1000);
  return iso(text) ?? slashed(text) ?? named(text);
}

function fromUnix(seconds: number): ParsedDate | null {
  // 1995 … 2100: anything else is not a publication time.
  if (!Number.isFinite(seconds) || seconds < 788_918_400 || seconds > 4_102_444_800) return null;
  const d = new Date(seconds * 1000);
  return make(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), { h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() }, 0);
}

/** `2024-07-15`, `2024-07-15T12:00`, `2024-07-15 12:00:00.000+0100`, `20240715T120000Z`. */
function iso(text: string): ParsedDate | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5})?)?$/.exec(text);
  if (!m) return null;
  const time = m[4] === undefined ? null : { h: Number(m[4]), mi: Number(m[5]), s: m[6] === undefined ? null : Number(m[6]) };
  return make(Number(m[1]), Number(m[2]), Number(m[3]), time, m[7] === undefined ? null : offsetOf(m[7]));
}

/** `2020/1/10 14:33:00`, `2020/01/10`: year first. Day-first and month-first slashed dates are ambiguous: refused. */
function slashed(text: string): ParsedDate | null {
  const m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?)?$/i.exec(text);
  if (!m) return null;
  const time = m[4] === undefined ? null : { h: hour12(Number(m[4]), m[7]), mi: Number(m[5]), s: m[6] === undefined ? null : Number(m[6]) };
  return make(Number(m[1]), Number(m[2]), Number(m[3]), time, m[8] === undefined ? null : offsetOf(m[8]));
}

/**
 * Dates with a month name, in any order an English or European page writes them, with or without a weekday
 * and a time: `Mon, 15 Jul 2024 12:00:00 BST`, `03 Apr 02 1500 GMT`, `July 15, 2024 at 3:05 PM EDT`,
 * `15. Juli 2024`, `Seg, 24 Set 2018 19:42:40 -0300`.
 */
function named(text: string): ParsedDate | null {
  const tokens = text.toLowerCase().replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  const small: number[] = [];
  let year: number | null = null;
  let month: number | null = null;
  let time: { h: number; mi: number; s: number | null } | null = null;
  let offset: number | null = null;
  let meridiem: string | undefined;
  let dateSeen = false;
  for (const raw of tokens) {
    const tok = raw.replace(/\.$/, '');
    let m: RegExpExecArray | null;
    if (FILLERS.has(tok)) continue;
    if (time === null && (m = /^(\d{1,2})[:h](\d{2})(?::(\d{2})(?:\.\d+)?)?(am|pm|a\.m|p\.m)?$/.exec(tok))) {
      time = { h: Number(m[1]), mi: Number(m[2]), s: m[3] === undefined ? null : Number(m[3]) };
      meridiem = m[4];
    } else if (/^(am|pm|a\.m|p\.m)$/.test(tok)) {
      meridiem = tok;
    } else if (/^\d{4}$/.test(tok)) {
      if (year === null) year = Number(tok);
      else if (time === null && Number(tok.slice(0, 2)) < 24 && Number(tok.slice(2)) < 60) time = { h: Number(tok.slice(0, 2)), mi: Number(tok.slice(2)), s: null }; // "03 Apr 02 1500 GMT"
      else return null;
      dateSeen = true;
    } else if ((m = /^(\d{1,2})(?:st|nd|rd|th|er|º)?$/.exec(tok))) {
      small.push(Number(m[1]));
      dateSeen = true;
    } else if (month === null && /^\p{L}{3,}$/u.test(tok) && (MONTHS[tok] ?? (isMonthPrefix(tok) ? MONTHS[tok.slice(0, 3)] : undefined)) !== undefined) {
      month = MONTHS[tok] ?? MONTHS[tok.slice(0, 3)]!;
      dateSeen = true;
    } else if ((m = /^([+-])(\d{2}):?(\d{2})$/.exec(tok))) {
      offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
    } else if ((m = /^\(?(?:gmt|utc)([+-]\d{1,2})(?::?(\d{2}))?\)?$/.exec(tok))) {
      const h = Number(m[1]);
      offset = h * 60 + (h < 0 ? -1 : 1) * Number(m[2] ?? 0);
    } else if (/^\(?[a-z]{1,5}\)?$/.test(tok) && tok.replace(/[()]/g, '') in ZONES && dateSeen) {
      const z = ZONES[tok.replace(/[()]/g, '')]!;
      offset = Number.isNaN(z) ? null : z;
    } else if (/^\p{L}+$/u.test(tok) && !dateSeen) {
      // a weekday ("Mon", "Seg"), or a word before the date such as "published"
    } else {
      return null; // a word we do not know: better no date than a wrong one
    }
  }
  if (month === null) return null;
  let day: number | undefined;
  if (year !== null && small.length === 2 && time === null && year % 100 < 60 && Math.floor(year / 100) < 24) {
    // "03 Apr 02 1500 GMT" (RSS 0.92 examples): day, month, two-digit year, then HHMM
    time = { h: Math.floor(year / 100), mi: year % 100, s: null };
    day = small[0];
    year = small[1]! < 70 ? 2000 + small[1]! : 1900 + small[1]!;
  } else if (year !== null && small.length === 1) day = small[0];
  else if (year === null && small.length === 2) {
    // "03 Apr 02": day, month, two-digit year
    day = small[0];
    year = small[1]! < 70 ? 2000 + small[1]! : 1900 + small[1]!;
  } else return null;
  if (time && meridiem) time.h = hour12(time.h, meridiem);
  return make(year, month, day!, time, offset);
}

/** Words that may stand between the parts of a date. */
const FILLERS = new Set(['at', 'um', 'à', 'a', 'de', 'del', 'of', 'the', '-', '|', '–', '/', 'on', 'le', 'den']);

function isMonthPrefix(token: string): boolean {
  return Object.keys(MONTHS).some((name) => name.length > token.length && name.startsWith(token) && token.length >= 3);
}

function hour12(h: number, meridiem: string | undefined): number {
  if (!meridiem) return h;
  const pm = meridiem.toLowerCase().startsWith('p');
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

/** Minutes east of UTC for `Z`, `+01:00`, `-0300`, `+01`, `BST`; null when not understood. */
function offsetOf(zone: string): number | null {
  const z = zone.trim();
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  const named = ZONES[z.toLowerCase()];
  return named === undefined || Number.isNaN(named) ? null : named;
}

function make(y: number, mo: number, d: number, time: { h: number; mi: number; s: number | null } | null, offset: number | null): ParsedDate | null {
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1) return null; // 31 April
  const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  if (!time) return { date, dateTime: null, instant: check.getTime(), zoned: false };
  if (time.h > 23 || time.mi > 59 || (time.s ?? 0) > 59) return null;
  const clock = `${pad(time.h)}:${pad(time.mi)}:${pad(time.s ?? 0)}`;
  const local = Date.UTC(y, mo - 1, d, time.h, time.mi, time.s ?? 0);
  if (offset === null) return { date, dateTime: `${date}T${clock}`, instant: local, zoned: false };
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const suffix = offset === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return { date, dateTime: `${date}T${clock}${suffix}`, instant: local - offset * 60_000, zoned: true };
}
