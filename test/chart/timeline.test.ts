import { describe, expect, it } from 'vitest';
import type { Answer, AnswerItem } from '../../src/answer/types.ts';
import { ANSWERS } from '../../src/answer/index.ts';
import {
  CHART_WIDTH,
  COLORS,
  MIN_FONT,
  MIN_TEXT_PX,
  PHONE_WIDTH,
  chartEvents,
  dateSpan,
  segmentNames,
  splitAxis,
  timelineSvg,
} from '../../src/chart/timeline.ts';
import { fitText, textWidth } from '../../src/chart/font.ts';
import { seedLibrary } from '../support/seeds.ts';

const item = (date: string, o: Partial<AnswerItem> = {}): AnswerItem => ({
  text: `Something happened on ${date}.`,
  citations: [{ id: `a${date.replace(/-/g, '')}-x1y2`, article: 'a', paragraph: 1, excerpt: 'x' }],
  label: date,
  tags: ['single source'],
  date,
  ...o,
});

const answerOf = (items: AnswerItem[], title = 'Timeline · fixture'): Answer => ({ command: 'timeline', query: 'fixture', title, items, sources: [], notes: [] });

/** The SVG's text elements: position, size, weight, anchor and content. */
function texts(svg: string) {
  return [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" ([^>]*)>([^<]*)<\/text>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    size: Number(/font-size="([\d.]+)"/.exec(m[3]!)![1]),
    bold: /font-weight="700"/.test(m[3]!),
    end: /text-anchor="end"/.test(m[3]!),
    fill: /fill="(#[0-9a-f]{6})"/.exec(m[3]!)![1]!,
    text: m[4]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
  }));
}

function marks(svg: string) {
  return [...svg.matchAll(/<(circle|rect) class="event-mark" ([^>]*)\/>/g)].map((m) => ({
    shape: m[1],
    date: /data-date="([^"]*)"/.exec(m[2]!)![1],
    status: /data-status="([^"]*)"/.exec(m[2]!)![1],
    sources: Number(/data-sources="(\d+)"/.exec(m[2]!)![1]),
    hollow: m[2]!.includes(`fill="${COLORS.card}"`),
    x: Number(/(?:cx|x)="([\d.]+)"/.exec(m[2]!)![1]),
    width: Number(/width="([\d.]+)"/.exec(m[2]!)?.[1] ?? 0),
  }));
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('dates on the chart', () => {
  it.each([
    ['2020-11-17', 'day', 1],
    ['2019-05', 'month', 31],
    ['2020-02', 'month', 29],
    ['2015', 'year', 365],
    ['2020', 'year', 366],
  ] as const)('%s is a %s spanning %i days', (value, granularity, days) => {
    const span = dateSpan(value)!;
    expect(span.granularity).toBe(granularity);
    expect(span.end - span.start).toBe(days);
    expect(new Date(span.start * 86_400_000).toISOString().slice(0, value.length)).toBe(value);
  });

  it('reads nothing that is not a YYYY[-MM[-DD]] value', () => {
    for (const v of ['', 'Dec 2020', '2020-1', '20201', '2020-12-1']) expect(dateSpan(v)).toBeNull();
  });

  it('takes each dated, cited item with its sources, status and first citation, and skips the rest', () => {
    const answer = answerOf([
      item('2021-01-15', { tags: ['planned', '2 sources'], citations: [item('x').citations[0]!, { id: 'b-2222', article: 'b', paragraph: 2, excerpt: 'y' }] }),
      item('2021-06', { tags: ['expected', 'single source'] }),
      item('2019'),
      item('2018', { tags: ['2 articles · 1 report (AFP)'], reports: 1, citations: [item('x').citations[0]!, { id: 'b-3333', article: 'b', paragraph: 3, excerpt: 'z' }] }),
      { text: 'no date', citations: item('x').citations },
      item('2020-01-01', { citations: [] }),
    ]);
    expect(chartEvents(answer).map((e) => [e.date, e.granularity, e.status, e.sources, e.citation])).toEqual([
      ['2021-01-15', 'day', 'planned', 2, 'ax-x1y2'],
      ['2021-06', 'month', 'expected', 1, 'a202106-x1y2'],
      ['2019', 'year', 'reported', 1, 'a2019-x1y2'],
      ['2018', 'year', 'reported', 1, 'ax-x1y2'],
    ]);
  });
});

describe('the broken time axis', () => {
  it('breaks at the wide empty gaps, the crowded stretch first, and keeps every event inside a stretch', () => {
    const dates = ['2011', '2014', '2019-05', '2019-12', '2020-09', '2020-11-17', '2020-11-27', '2020-12-02'];
    const events = chartEvents(answerOf(dates.map((d) => item(d))));
    const parts = splitAxis(events, 3);
    expect(parts).toHaveLength(3);
    expect(parts.map((p) => segmentNames(p.first, p.last)[0])).toEqual(['2011–2014', 'May–Dec 2019', 'Sep–Dec 2020']);
    for (const e of events) expect(parts.some((p) => e.start >= p.from && e.end <= p.to)).toBe(true);
  });

  it('does not break a stretch without a wide gap', () => {
    const events = chartEvents(answerOf(['2020-11-01', '2020-11-10', '2020-11-20', '2020-12-02'].map((d) => item(d))));
    expect(splitAxis(events)).toHaveLength(1);
  });

  it.each([
    ['2011-01-01', '2016-01-01', '2011–2015'],
    ['2020-09-01', '2021-01-01', 'Sep–Dec 2020'],
    ['2020-11-17', '2020-12-03', 'Nov–Dec 2020'],
    ['2019-05-01', '2020-02-01', 'May 2019 – Jan 2020'],
    ['2020-11-17', '2020-11-28', '17–27 Nov 2020'],
    ['2020-11-01', '2020-12-01', 'Nov 2020'],
    ['2015-01-01', '2016-01-01', '2015'],
  ])('names the stretch %s – %s "%s"', (from, to, name) => {
    const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
    expect(segmentNames(day(from), day(to))[0]).toBe(name);
  });
});

describe('the chart SVG', () => {
  it('has one mark per event of the seed timeline, in order, at the event\'s own date and granularity', async () => {
    const answer = ANSWERS.timeline!(await seedLibrary(), '', {});
    const { svg, events, height } = timelineSvg(answer);
    const dated = answer.items.filter((i) => typeof i.date === 'string');
    expect(events.length).toBeGreaterThanOrEqual(3);
    const drawn = marks(svg);
    expect(drawn.map((m) => m.date)).toEqual(dated.map((i) => i.date));
    for (const [k, m] of drawn.entries()) {
      expect(m.shape).toBe((dated[k]!.date as string).length === 10 ? 'circle' : 'rect');
      expect(m.sources).toBe(dated[k]!.reports);
    }
    expect(svg).toMatch(new RegExp(`^<svg [^>]*width="${CHART_WIDTH}" height="${height}"`));
  });

  it('tells planned and expected events apart: hollow marks and the word under the date', () => {
    const { svg } = timelineSvg(answerOf([item('2020-11-17'), item('2021-01-15', { tags: ['planned'] }), item('2021-06', { tags: ['expected'] })]));
    expect(marks(svg).map((m) => [m.status, m.hollow])).toEqual([['reported', false], ['planned', true], ['expected', true]]);
    expect(texts(svg).filter((t) => t.text === 'planned' || t.text === 'expected').map((t) => t.text)).toEqual(['planned', 'expected']);
  });

  it('shows each event\'s citation id and number of sources', () => {
    const two = item('2020-11-17', { citations: [item('x').citations[0]!, { id: 'b-2222', article: 'b', paragraph: 1, excerpt: 'y' }] });
    const shown = texts(timelineSvg(answerOf([two, item('2020-12-01'), item('2020-12-02')])).svg).map((t) => t.text);
    expect(shown).toEqual(expect.arrayContaining(['ax-x1y2', '×2', 'a20201201-x1y2', '×1']));
  });

  it('puts long citation ids under the date rather than cutting them', () => {
    const long = (d: string) => item(d, { citations: [{ id: `t17-syria-1234-${d}`, article: 'x', paragraph: 1, excerpt: 'x' }] });
    const shown = texts(timelineSvg(answerOf(['2012-02-04', '2012-03-01', '2012-03-02'].map(long))).svg).map((t) => t.text);
    expect(shown).toEqual(expect.arrayContaining(['t17-syria-1234-2012-02-04', 't17-syria-1234-2012-03-02']));
  });

  it('draws a month or a year as a span wider than a day\'s point, on one stretch', () => {
    const { svg } = timelineSvg(answerOf([item('2020-01'), item('2020-03-10'), item('2020')]));
    const [month, , year] = marks(svg);
    expect(month!.width).toBeGreaterThan(8);
    expect(year!.width).toBeGreaterThan(month!.width * 8);
  });

  it('draws at most the asked number of events, the most reported, and says how many were left out', () => {
    const items = Array.from({ length: 12 }, (_, k) => item(`2020-0${(k % 9) + 1}-1${k % 10}`, k === 5 ? { citations: [item('x').citations[0]!, { id: 'b-1', article: 'b', paragraph: 1, excerpt: 'y' }] } : {}));
    const chart = timelineSvg(answerOf(items), { maxEvents: 10 });
    expect(chart.events).toHaveLength(10);
    expect(chart.hidden).toBe(2);
    expect(chart.events.some((e) => e.sources === 2)).toBe(true);
    expect(chart.svg).toContain('2 more events not drawn');
  });

  it('keeps every text at least 11 px where a phone shows it, inside the picture, none over another', async () => {
    expect((MIN_FONT * PHONE_WIDTH) / CHART_WIDTH).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    const seeds = ANSWERS.timeline!(await seedLibrary(), '', {});
    const hostile = answerOf(
      [item('2020-11-17', { label: 'late spring 2003 and a label far too long for its column' }), item('2021-01', { tags: ['planned'] }), item('2021-02-03', { tags: ['expected'] })],
      `Timeline · ${'a very long topic <with> & "markup" '.repeat(4)}`,
    );
    for (const answer of [seeds, hostile]) {
      const all = texts(timelineSvg(answer).svg);
      const boxes = all.map((t) => {
        const w = textWidth(t.text, t.size, t.bold ? 'bold' : 'regular');
        const x = t.end ? t.x - w : t.x;
        return { ...t, x1: x, x2: x + w, y1: t.y - t.size * 0.8, y2: t.y + t.size * 0.2 };
      });
      for (const b of boxes) {
        expect(b.size).toBeGreaterThanOrEqual(MIN_FONT);
        expect(b.x1).toBeGreaterThanOrEqual(0);
        expect(b.x2).toBeLessThanOrEqual(CHART_WIDTH);
      }
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const overlap = a.x1 < b.x2 - 0.5 && b.x1 < a.x2 - 0.5 && a.y1 < b.y2 - 0.5 && b.y1 < a.y2 - 0.5;
          expect(overlap, `"${a.text}" overlaps "${b.text}"`).toBe(false);
        }
      }
    }
  });

  it('reads on both Discord themes: an opaque card whose texts and marks contrast with it', () => {
    const { svg } = timelineSvg(answerOf([item('2020-11-17'), item('2021-01-15', { tags: ['planned'] }), item('2021-06')]));
    expect(svg).toContain(`fill="${COLORS.card}" stroke="${COLORS.border}"`);
    for (const t of texts(svg)) {
      expect(contrast(t.fill, COLORS.card), t.fill).toBeGreaterThanOrEqual(4.5);
      expect(contrast(t.fill, COLORS.stripe), t.fill).toBeGreaterThanOrEqual(4.5);
    }
    for (const mark of [COLORS.reported, COLORS.future]) expect(contrast(mark, COLORS.card)).toBeGreaterThanOrEqual(3);
  });

  it('escapes the title and labels as XML', () => {
    const { svg } = timelineSvg(answerOf([item('2020-11-17', { label: '<b>&' }), item('2020-11-18'), item('2020-11-19')], 'Timeline · <script>'));
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;b&gt;&amp;');
  });
});

describe('text measurement with the bundled font', () => {
  it('cuts a text to fit at a word, with "…", and leaves a fitting one alone', () => {
    expect(fitText('Short', 200, 20)).toBe('Short');
    const cut = fitText('Timeline · embassy drawdown and everything after it', 200, 20);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 20)).toBeLessThanOrEqual(200);
    expect('Timeline · embassy drawdown and everything after it'.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('measures bold wider than regular and scales with the size', () => {
    expect(textWidth('27 Nov 2020', 20, 'bold')).toBeGreaterThan(textWidth('27 Nov 2020', 20));
    expect(textWidth('27 Nov 2020', 40)).toBeCloseTo(2 * textWidth('27 Nov 2020', 20), 5);
  });
});
