import { describe, expect, it } from 'vitest';
import { canonicalZone, describeDays, EVERY_DAY, instantOf, nextOccurrence, occurrencesBetween, parseDays, parseTime, type WallTime } from '../../src/push/calendar.ts';

const iso = (t: number) => new Date(t).toISOString();
const at = (time: string, timezone: string, days = EVERY_DAY): WallTime => ({ time, timezone, days });

describe('wall-clock times in time zones', () => {
  it.each([
    // 07:00 Europe/London is 07:00 local in winter (GMT) and in summer (BST).
    ['07:00 London in winter', [2026, 1, 15, 7, 0, 'Europe/London'], '2026-01-15T07:00:00.000Z'],
    ['07:00 London in summer', [2026, 7, 15, 7, 0, 'Europe/London'], '2026-07-15T06:00:00.000Z'],
    ['07:00 London on the spring-forward Sunday', [2026, 3, 29, 7, 0, 'Europe/London'], '2026-03-29T06:00:00.000Z'],
    ['07:00 London on the fall-back Sunday', [2026, 10, 25, 7, 0, 'Europe/London'], '2026-10-25T07:00:00.000Z'],
    // Skipped by the clock (RFC 5545: the offset before the gap), so 02:30 EST → 03:30 EDT.
    ['02:30 New York, skipped on 8 Mar 2026', [2026, 3, 8, 2, 30, 'America/New_York'], '2026-03-08T07:30:00.000Z'],
    ['01:30 London, skipped on 29 Mar 2026', [2026, 3, 29, 1, 30, 'Europe/London'], '2026-03-29T01:30:00.000Z'],
    // Passed twice (RFC 5545: the first occurrence), 01:30 EDT not EST.
    ['01:30 New York, repeated on 1 Nov 2026', [2026, 11, 1, 1, 30, 'America/New_York'], '2026-11-01T05:30:00.000Z'],
    ['01:30 London, repeated on 25 Oct 2026', [2026, 10, 25, 1, 30, 'Europe/London'], '2026-10-25T00:30:00.000Z'],
    // Half-hour zones and a half-hour change.
    ['07:00 Kolkata', [2026, 7, 1, 7, 0, 'Asia/Kolkata'], '2026-07-01T01:30:00.000Z'],
    ['02:30 Lord Howe, after its 30-minute fall-back', [2026, 4, 5, 2, 30, 'Australia/Lord_Howe'], '2026-04-04T16:00:00.000Z'],
  ] as const)('%s', (_name, [y, m, d, h, min, zone], expected) => {
    expect(iso(instantOf(y, m, d, h, min, zone))).toBe(expected);
  });

  it('runs a daily time once on each change day: the skipped hour later that day, the repeated hour only the first time', () => {
    const spring = occurrencesBetween(at('02:30', 'America/New_York'), Date.parse('2026-03-07T00:00Z'), Date.parse('2026-03-10T12:00Z'));
    expect(spring.map(iso)).toEqual(['2026-03-07T07:30:00.000Z', '2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z']);
    const autumn = occurrencesBetween(at('01:30', 'America/New_York'), Date.parse('2026-10-31T12:00Z'), Date.parse('2026-11-02T12:00Z'));
    expect(autumn.map(iso)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('finds the next time on the chosen days only', () => {
    const weekdays = parseDays('weekdays');
    if (!weekdays.ok) throw new Error('weekdays');
    // Friday 4 Dec 2026 after 07:00 → Monday 7 Dec.
    expect(iso(nextOccurrence(at('07:00', 'Europe/London', weekdays.days), Date.parse('2026-12-04T07:00:00Z')))).toBe('2026-12-07T07:00:00.000Z');
    expect(iso(nextOccurrence(at('07:00', 'Europe/London'), Date.parse('2026-12-04T06:59:59Z')))).toBe('2026-12-04T07:00:00.000Z');
    // 23:30 in Tokyo is 14:30 UTC the same day.
    expect(iso(nextOccurrence(at('23:30', 'Asia/Tokyo'), Date.parse('2026-12-04T00:00:00Z')))).toBe('2026-12-04T14:30:00.000Z');
  });

  it('reads days, times and zones as people type them, and says what is wrong', () => {
    expect(parseDays('')).toMatchObject({ ok: true, stored: 'daily' });
    expect(parseDays('Every day')).toMatchObject({ ok: true, stored: 'daily' });
    expect(parseDays('mon, Wednesday,fri')).toMatchObject({ ok: true, stored: 'mon,wed,fri' });
    expect(parseDays('mon tue wed thu fri')).toMatchObject({ ok: true, stored: 'weekdays' });
    expect(parseDays('funday')).toEqual({ ok: false, message: 'days must be "every day", "weekdays" or days such as "mon,wed,fri", got `funday`' });
    expect(describeDays('mon,wed')).toBe('Mon, Wed');
    expect(parseTime('7:05')).toBe('07:05');
    expect(parseTime('24:00')).toBeNull();
    expect(parseTime('7am')).toBeNull();
    expect(canonicalZone('europe/london')).toBe('Europe/London');
    expect(canonicalZone('BST')).toBeNull();
  });
});
