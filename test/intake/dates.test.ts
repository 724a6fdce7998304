import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/intake/dates.ts';

describe('parseDate reads dates as pages and feeds write them, in the writer\'s own zone', () => {
  it.each([
    ['RFC 822 with a British summer zone', 'Mon, 15 Jul 2024 12:00:00 BST', '2024-07-15', '2024-07-15T12:00:00+01:00'],
    ['RFC 822 with a numeric offset', 'Wed, 6 Apr 2022 21:07:47 +0000', '2022-04-06', '2022-04-06T21:07:47Z'],
    ['RFC 822 with Z', 'Thu, 14 May 2020 10:00:18 Z', '2020-05-14', '2020-05-14T10:00:18Z'],
    ['RFC 822 without seconds, EDT', 'Tue, 05 Apr 2022 06:27 EDT', '2022-04-05', '2022-04-05T06:27:00-04:00'],
    ['no weekday, EST', '07 Nov 2015 12:00:00 EST', '2015-11-07', '2015-11-07T12:00:00-05:00'],
    ['Portuguese names', 'Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24', '2018-09-24T19:42:40-03:00'],
    ['RSS 0.92 two-digit year and HHMM', '03 Apr 02 1500 GMT', '2002-04-03', '2002-04-03T15:00:00Z'],
    ['RFC 3339', '2025-09-04T23:30:00-04:00', '2025-09-04', '2025-09-04T23:30:00-04:00'],
    ['ISO with milliseconds and +0000', '2025-09-04T10:00:00.000+0000', '2025-09-04', '2025-09-04T10:00:00Z'],
    ['ISO without a zone', '2018-01-06T08:00', '2018-01-06', '2018-01-06T08:00:00'],
    ['a date alone', '2019-08-27', '2019-08-27', null],
    ['year first with slashes', '2020/1/10 14:33:00', '2020-01-10', '2020-01-10T14:33:00'],
    ['a Unix timestamp', '1518478934', '2018-02-12', '2018-02-12T23:42:14Z'],
    ['a 12-hour clock', 'July 15, 2024 at 3:05 PM EDT', '2024-07-15', '2024-07-15T15:05:00-04:00'],
    ['German', '15. Juli 2024', '2024-07-15', null],
    ['markup inside the date', '<span>Sep 4</span>, 2025', '2025-09-04', null],
    ['an ordinal day', '4th September 2025', '2025-09-04', null],
  ])('%s: %s', (_what, raw, date, dateTime) => {
    const parsed = parseDate(raw);
    expect(parsed?.date).toBe(date);
    expect(parsed?.dateTime).toBe(dateTime);
  });

  it('knows the instant when the zone is given', () => {
    expect(parseDate('Mon, 15 Jul 2024 12:00:00 BST')).toMatchObject({ instant: Date.UTC(2024, 6, 15, 11), zoned: true });
    expect(parseDate('2018-01-06T08:00')).toMatchObject({ instant: Date.UTC(2018, 0, 6, 8), zoned: false });
  });

  it.each(['yesterday', 'Updated 3 hours ago', '31 April 2024', '2024-13-01', '12/05/2024', 'Mon, 15 Jul 2024 12:00:00 BST and more words', '', '1200', 'May the best team win'])(
    'refuses %j rather than guess',
    (raw) => expect(parseDate(raw)).toBeNull(),
  );
});
