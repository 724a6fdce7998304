import { describe, expect, it } from 'vitest';
import { ANSWERS } from '../../src/answer/index.ts';
import type { Answer } from '../../src/answer/types.ts';
import { SHEET_COLUMNS, dateValue, timelineJsDate, toTimelineJs, toTimelineJsCsv } from '../../src/export/timelinejs.ts';
import { exportAnswer, exportFiles, ExportError } from '../../src/export/index.ts';
import { seedLibrary } from '../support/seeds.ts';
import { parseCsv } from '../support/csv.ts';

const unhtml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('the TimelineJS export', () => {
  it.each(['', 'embassy', 'Soleimani'])('timeline "%s": each event keeps the answer\'s date at its granularity, its label, verbatim text and citations', async (query) => {
    const library = await seedLibrary();
    const answer = ANSWERS.timeline!(library, query, {});
    const doc = toTimelineJs(answer);
    const dated = answer.items.filter((i) => typeof i.date === 'string' && i.citations.length);
    expect(doc.events).toHaveLength(dated.length);
    expect(doc.events.length).toBeGreaterThan(0);
    doc.events.forEach((e, k) => {
      const item = dated[k]!;
      expect(dateValue(e.start_date)).toBe(item.date);
      expect(Object.keys(e.start_date)).toHaveLength((item.date as string).split('-').length);
      expect(e.display_date).toBe(item.label);
      const quote = /^<blockquote>(.*)<\/blockquote>/s.exec(e.text.text)![1]!;
      expect(unhtml(quote)).toBe(item.text);
      for (const c of item.citations) expect(e.text.text).toContain(`[${c.id}]`);
      expect(item.text.startsWith(unhtml(e.text.headline).replace(/…$/, ''))).toBe(true);
      expect(e.group).toBe(item.tags?.includes('planned') ? 'Planned' : item.tags?.includes('expected') ? 'Expected' : 'Reported');
    });
    expect(new Set(doc.events.map((e) => e.unique_id)).size).toBe(doc.events.length);
    expect(unhtml(doc.title.text.headline)).toBe(answer.title);
  });

  it('reads and writes dates at year, month and day granularity only', () => {
    expect(timelineJsDate('2019')).toEqual({ year: 2019 });
    expect(timelineJsDate('2019-05')).toEqual({ year: 2019, month: 5 });
    expect(timelineJsDate('2020-11-17')).toEqual({ year: 2020, month: 11, day: 17 });
    expect(timelineJsDate('May 2019')).toBeNull();
    for (const v of ['2019', '2019-05', '2020-11-17', '0700-01']) expect(dateValue(timelineJsDate(v)!)).toBe(v);
  });

  it('escapes HTML in quotes and headlines: a quote shows as the source wrote it', () => {
    const answer: Answer = {
      command: 'timeline',
      query: '',
      title: 'Timeline · <b>',
      items: [{ text: 'A <script>alert(1)</script> & "x"', citations: [{ id: '000-abcd', article: '000', paragraph: 1, excerpt: 'x' }], label: '2020', date: '2020' }],
      sources: [{ article: '000', title: 'T <i>', heading: 'T <i>', outlet: null, published: null, publishedInferred: false, url: 'javascript:alert(1)', path: 'a' }],
      notes: [],
    };
    const doc = toTimelineJs(answer);
    expect(doc.events[0]!.text.text).toContain('A &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(doc.events[0]!.text.text).not.toContain('javascript:');
    expect(doc.title.text.headline).toBe('Timeline · &lt;b&gt;');
  });

  it('writes the Google Sheets template CSV: its exact columns, a title row, then the same events as the JSON', async () => {
    const answer = ANSWERS.timeline!(await seedLibrary(), '', {});
    const csv = toTimelineJsCsv(answer);
    expect(csv.split('\r\n')[0]).toBe('Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background');
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...SHEET_COLUMNS]);
    const at = (row: string[], column: (typeof SHEET_COLUMNS)[number]) => row[SHEET_COLUMNS.indexOf(column)]!;
    expect(at(rows[1]!, 'Type')).toBe('title');
    const doc = toTimelineJs(answer);
    const events = rows.slice(2);
    expect(events).toHaveLength(doc.events.length);
    events.forEach((row, k) => {
      const e = doc.events[k]!;
      expect(row).toHaveLength(SHEET_COLUMNS.length);
      const date = { year: Number(at(row, 'Year')), ...(at(row, 'Month') ? { month: Number(at(row, 'Month')) } : {}), ...(at(row, 'Day') ? { day: Number(at(row, 'Day')) } : {}) };
      expect(date).toEqual(e.start_date);
      expect(at(row, 'Display Date')).toBe(e.display_date);
      expect(at(row, 'Headline')).toBe(e.text.headline);
      expect(at(row, 'Text')).toBe(e.text.text);
      expect(at(row, 'Group')).toBe(e.group);
    });
  });

  it('names the files and refuses formats that do not fit the command, saying what does', async () => {
    const library = await seedLibrary();
    const timeline = ANSWERS.timeline!(library, 'embassy', {});
    expect(exportFiles(timeline).map((f) => f.name)).toEqual(['timeline-embassy.md', 'timeline-embassy.timelinejs.json', 'timeline-embassy.timelinejs.csv']);
    expect(exportFiles(ANSWERS.brief!(library, '', {})).map((f) => f.name)).toEqual(['brief-all.md']);
    expect(JSON.parse(exportAnswer(timeline, 'timelinejs').text)).toEqual(toTimelineJs(timeline));
    expect(() => exportAnswer(ANSWERS.brief!(library, '', {}), 'timelinejs')).toThrow(ExportError);
    expect(() => exportAnswer(ANSWERS.brief!(library, '', {}), 'csv')).toThrow(/for \/who \(and \/timeline/);
  });
});
