import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadCorpus } from '../../src/corpus/load.ts';
import { buildLibrary } from '../../src/library.ts';
import { dateLabel, datePlace, dateWeights, MAX_ITEMS_PER_DATE, MONTH_SHARE, prepareTimeline, primaryDates, timeline } from '../../src/answer/timeline.ts';
import { analyseEvents } from '../../src/analyse/events.ts';
import { splitSentences } from '../../src/text/sentences.ts';
import type { AnswerItem } from '../../src/answer/types.ts';
import type { Corpus } from '../../src/corpus/types.ts';

const library = buildLibrary(await loadCorpus(join(import.meta.dirname, '../../corpus')));
const whole = timeline(library, '', { limit: 100 });

function find(items: readonly AnswerItem[], date: string, words: string): AnswerItem | undefined {
  return items.find((i) => i.date === date && i.citations.some((c) => c.excerpt.includes(words)));
}

describe('timeline on the seed corpus', () => {
  it.each([
    ['2019-05', 'withdrawal of “non-emergency” staff'],
    ['2019-12', 'besieged the embassy'],
    ['2020-01', 'Soleimani'],
    ['2020-09', 'threatened to close'],
    ['2020-09', 'Pompeo delivered the message via phone'],
    ['2020-10', 'truce'],
    ['2020-11-17', 'killed a child'],
    ['2020-11-27', 'Fakhrizadeh'],
    ['2020-12-02', 'partially withdrawn its staff'],
    ['2021-01-15', '2,500'],
  ])('lists the event of %s (“%s”)', (date, words) => {
    expect(find(whole.items, date, words), `${date} ${words}`).toBeDefined();
  });

  it('lists items oldest first, each with a date as YYYY, YYYY-MM or YYYY-MM-DD', () => {
    const dates = whole.items.map((i) => String(i.date));
    for (const d of dates) expect(d).toMatch(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/);
    // Years before their months, months in order; within a month the days in order (a month's own lines
    // stand among its days, see below).
    expect(dates.map((d) => d.slice(0, 7))).toEqual(dates.map((d) => d.slice(0, 7)).sort());
    const days = dates.filter((d) => d.length === 10);
    expect(days).toEqual([...days].sort());
  });

  it('orders a month\'s lines as a reader follows them: the month first, then its days, "late November" from the 21st', () => {
    const november = whole.items.filter((i) => String(i.date).startsWith('2020-11')).map((i) => i.label);
    expect(november).toEqual(['Nov 2020', 'Nov 2020', '17 Nov 2020', 'late Nov 2020', '27 Nov 2020', '28 Nov 2020']);
    expect(whole.items.map((i) => i.label).indexOf('mid-Oct 2020')).toBeLessThan(whole.items.map((i) => i.label).indexOf('Nov 2020'));
  });

  it('shows as text the verbatim sentence of the paragraph its first citation points at (or, cut with "…", its attributive clause)', () => {
    for (const item of whole.items) {
      const p = library.corpus.paragraphById.get(item.citations[0]!.id)!;
      const excerpt = item.citations[0]!.excerpt;
      expect(p.text).toContain(excerpt);
      if (item.text.startsWith('…')) {
        // The clause is the end of the cited sentence, which the citation quotes whole.
        expect(excerpt.endsWith(item.text.slice(1))).toBe(true);
        expect(excerpt.length).toBeGreaterThan(item.text.length - 1);
      } else expect(excerpt).toBe(item.text);
    }
  });

  it('does not date a sentence by a date it only mentions ("a wrong date is worse than a missing one")', () => {
    // "Soleimani was killed … militias formed in 2014 …" is not a 2014 event; nor are the Benghazi unit's
    // sentence at 2011 and the 2015 JCPOA sentence at 2015 as whole sentences.
    const wholeSentence = (date: string, start: string) => whole.items.some((i) => i.date === date && i.text.startsWith(start));
    expect(wholeSentence('2014', 'Soleimani was killed')).toBe(false);
    expect(wholeSentence('2011', 'The unit, primarily composed of infantrymen')).toBe(false);
    expect(wholeSentence('2015', 'For years, Iraq has also been caught')).toBe(false);
    expect(whole.items.some((i) => i.text.includes('Soleimani') && i.date !== '2020-01' && !i.text.startsWith('…'))).toBe(false);
  });

  it('shows instead the self-contained clause whose verb the date dates, verbatim, cut with "…"', () => {
    const clause = (date: string) => whole.items.find((i) => i.date === date)?.text;
    expect(clause('2014')).toBe('…a group of mostly Shia Iraqi state-sponsored militias formed in 2014 to fight ISIS.');
  });

  it('shows no noun phrase as an event: "the 2011 attack in Benghazi …" and "the 2015 JCPOA nuclear agreement" leave their dates out', () => {
    expect(whole.items.filter((i) => i.date === '2011' || i.date === '2015')).toEqual([]);
  });

  it('still dates the sentences whose own event the date is (May 2019, Dec 2019, Jan 2020, the Biden interview "published Wednesday")', () => {
    expect(find(whole.items, '2019-05', 'In May 2019, rocket attacks')?.text).toMatch(/^In May 2019/);
    expect(find(whole.items, '2019-12', 'Last December, militia supporters besieged')).toBeDefined();
    expect(find(whole.items, '2020-01', 'assassinated Iranian Gen. Qasem Soleimani in January')).toBeDefined();
    expect(find(whole.items, '2020-12-02', 'interview published Wednesday')).toBeDefined();
  });

  it('makes one item of an event several sources report, citing all of them', () => {
    const fakhrizadeh = whole.items.filter((i) => i.date === '2020-11-27');
    expect(fakhrizadeh).toHaveLength(1);
    expect(new Set(fakhrizadeh[0]!.citations.map((c) => c.article))).toEqual(new Set(['000', '003']));
    expect(fakhrizadeh[0]!.tags).toContain('2 independent sources');
  });

  it('makes one item of one event told in other words and at other precisions ("early January", "in January", "the Jan. 3 anniversary")', () => {
    const jan = whole.items.filter((i) => String(i.date).startsWith('2020-01'));
    expect(jan).toHaveLength(1);
    expect(jan[0]!.date).toBe('2020-01');
    expect(new Set(jan[0]!.citations.map((c) => c.article))).toEqual(new Set(['000', '002', '003', '004']));
    expect(jan[0]!.tags).toContain('4 independent sources');
  });

  it('makes one item of the October truce ("truce" in mid-October, "ceasefire" in October)', () => {
    const oct = whole.items.filter((i) => i.date === '2020-10');
    expect(oct).toHaveLength(1);
    expect(new Set(oct[0]!.citations.map((c) => c.article))).toEqual(new Set(['001', '002']));
  });

  it('on 2 Dec 2020 makes one item of the drawdown reports and keeps the Biden interview apart', () => {
    const dec2 = whole.items.filter((i) => i.date === '2020-12-02');
    expect(dec2).toHaveLength(2);
    const drawdown = dec2.find((i) => i.citations.some((c) => c.excerpt.includes('partially withdrawn')))!;
    expect(new Set(drawdown.citations.map((c) => c.article))).toEqual(new Set(['001', '002']));
    // AFP's lede (001) and Politico's report (002, "Politico reported"): two reports, not one wire's copies.
    expect(drawdown.tags).toEqual(['2 independent sources']);
    const biden = dec2.find((i) => i.text.includes('Biden'))!;
    expect(biden.citations).toHaveLength(1);
  });

  it('never merges events of different dates or different events of one day', () => {
    for (const item of whole.items) {
      const excerpts = item.citations.map((c) => c.excerpt);
      expect(new Set(excerpts).size).toBe(excerpts.length);
    }
    expect(whole.items.filter((i) => i.date === '2020-11-27')).toHaveLength(1);
    expect(whole.items.filter((i) => i.date === '2020-11-17')).toHaveLength(1);
  });

  it('marks a deadline as planned, not as happened', () => {
    const cut = whole.items.find((i) => i.date === '2021-01-15')!;
    expect(cut.tags).toContain('planned');
    expect(cut.label).toBe('15 Jan 2021');
  });

  it('keeps with --limit N the N dates most sources point at, in date order', () => {
    const top = timeline(library, '', { limit: 3 });
    const dates = top.items.map((i) => String(i.date));
    expect(new Set(dates).size).toBeLessThanOrEqual(3);
    expect(dates).toEqual([...dates].sort());
    // Each of these dates is reported by two articles; single-source dates must not beat them.
    for (const d of dates) expect(new Set(top.items.filter((i) => i.date === d).flatMap((i) => i.citations.map((c) => c.article))).size).toBeGreaterThanOrEqual(2);
    expect(top.more).toEqual([{ shown: 3, total: expect.any(Number), unit: 'dates', chosen: 'the ones most sources point at' }]);
    expect(top.notes.join(' ')).not.toMatch(/--limit/);
  });

  it('filters by topic through the index', () => {
    const soleimani = timeline(library, 'Soleimani', {});
    const hits = new Set(library.index.search('Soleimani', { limit: 300 }).map((h) => h.paragraph.id));
    expect(soleimani.items.length).toBeGreaterThan(0);
    for (const item of soleimani.items) for (const c of item.citations) expect(hits.has(c.id)).toBe(true);
    expect(soleimani.items.some((i) => String(i.date).startsWith('2020-01'))).toBe(true);
  });

  it('with a topic keeps the sentences that name it, not their neighbours ("Soleimani" has no 2015 nuclear-deal line)', () => {
    const soleimani = timeline(library, 'Soleimani', {});
    expect(soleimani.items.some((i) => i.date === '2015')).toBe(false);
    expect(soleimani.items.find((i) => i.date === '2020-01')?.tags).toContain('4 independent sources');
  });

  it('says so when the topic matches nothing', () => {
    const none = timeline(library, 'zzzqqq', {});
    expect(none.items).toEqual([]);
    expect(none.notes.join(' ')).toMatch(/Nothing in the corpus matches/);
  });
});

/** A corpus of hand-made articles (id, paragraphs, published). */
function corpusOfArticles(texts: Array<[string, string[], string | null]>): Corpus {
  const articles = texts.map(([id, paragraphs, published]) => ({
    id,
    title: null,
    outlet: null,
    published: published ? { date: published, inferred: false } : null,
    url: null,
    path: `${id}.txt`,
    dropped: [],
    paragraphs: paragraphs.map((text, i) => ({ id: `${id}-p${i + 1}`, articleId: id, n: i + 1, text, sentences: splitSentences(text) })),
  }));
  return {
    articles,
    articleById: new Map(articles.map((a) => [a.id, a])),
    paragraphById: new Map(articles.flatMap((a) => a.paragraphs.map((p) => [p.id, p] as const))),
    files: new Map(),
    report: { root: '.', files: 0, articles: articles.length, paragraphs: 0, problems: [] },
  };
}

describe('timeline with articles of unknown date', () => {
  it('leaves relative dates out and says why; uses an inferred date and says where it came from', () => {
    const lib = buildLibrary(
      corpusOfArticles([
        ['u1', ['The militias struck the embassy on Friday, officials said.'], null],
        ['u2', ['BAGHDAD, Tuesday 4 January 2005 — The governor was killed on Monday in an ambush.'], null],
      ]),
    );
    const answer = timeline(lib, '', {});
    expect(answer.items.map((i) => i.date)).toEqual(['2005-01-03']);
    expect(answer.notes).toContain('Article u1 has no known publication date: 1 relative date in it ("on Friday") is left out.');
    expect(answer.notes.join(' ')).toMatch(/u2 .*inferred from "Tuesday 4 January 2005"/);
    expect(answer.sources[0]).toMatchObject({ article: 'u2', published: '2005-01-04', publishedInferred: true });
  });
});

describe('the note on an article of unknown date', () => {
  it('quotes the article\'s own relative dates, at most two, and counts them in proper English', () => {
    const lib = buildLibrary(
      corpusOfArticles([['u3', ['The militias struck the embassy on Friday, officials said.', 'The envoy left yesterday.', 'Officials met again last Tuesday.'], null]]),
    );
    const note = timeline(lib, '', {}).notes.find((n) => n.startsWith('Article u3'));
    expect(note).toBe('Article u3 has no known publication date: 3 relative dates in it ("on Friday", "yesterday", …) are left out.');
    expect(note).not.toMatch(/last Friday|in May|\(s\)/);
  });

  it('names the whole corpus\'s timeline as data when a topic matches nothing (each door words it)', () => {
    const answer = timeline(library, 'xyzzy', {});
    expect(answer.notes).toContain('Nothing in the corpus matches "xyzzy".');
    expect(answer.notes.join(' ')).not.toContain('/timeline');
    expect(answer.next).toEqual([{ command: 'timeline', query: '', does: 'lists the dated events of the whole corpus' }]);
  });
});

describe('timeline and attributive dates (hand-made articles)', () => {
  it('dates "The PMF was formed in 2014" by 2014 and leaves out a sentence dated only by a mention', () => {
    const lib = buildLibrary(
      corpusOfArticles([
        ['h1', ['The PMF was formed in 2014 to fight ISIS.', 'Officials praised the 2011 attack planners, diplomats said.'], '2020-12-02'],
        ['h2', ['Hezbollah, founded in 1982, has grown into a political force.'], '2020-12-02'],
      ]),
    );
    const answer = timeline(lib, '', {});
    expect(answer.items.map((i) => [i.date, i.text])).toEqual([['2014', 'The PMF was formed in 2014 to fight ISIS.']]);
  });
});

describe('timeline counts reports as /brief does', () => {
  it('tags one wire report in several articles (its dateline, "told AFP", its copy word for word) as one report', () => {
    const lib = buildLibrary(
      corpusOfArticles([
        ['w1', ['BAGHDAD (AFP) - Rockets struck the Green Zone on November 17, killing a child, officials said.'], '2020-11-18'],
        ['w2', ['Rockets struck the Green Zone on November 17, killing a child, officials told AFP.'], '2020-11-18'],
        ['w3', ['Rockets struck the Green Zone on November 17, killing a child, officials said on Wednesday.'], '2020-11-18'],
        ['n1', ['A rocket attack on November 17 killed a young girl in Baghdad, The Washington Post reported.'], '2020-11-18'],
      ]),
    );
    const item = timeline(lib, '', {}).items.find((i) => i.date === '2020-11-17')!;
    expect(new Set(item.citations.map((c) => c.article))).toEqual(new Set(['w1', 'w2', 'w3', 'n1']));
    expect(item.tags).toEqual(['4 articles · 2 reports (AFP, The Washington Post)']);
  });
});

describe('timeline of a name the corpus spells two ways', () => {
  it('"Kataib Hezbollah" also places the sentences that write "Kataeb Hezbollah", and says what else it searched', () => {
    const lib = buildLibrary(
      corpusOfArticles([
        ['k1', ['Kataib Hezbollah, an Iraqi militia, fired rockets at the base on March 1, 2021, officials said.'], '2021-03-03'],
        ['k2', ['Kataeb Hezbollah, a militia close to Iran, claimed a drone strike on February 20, 2021, officials said.'], '2021-03-03'],
        ['k3', ['Hezbollah, the Lebanese group, held a rally on January 5, 2021.'], '2021-03-03'],
      ]),
    );
    const answer = timeline(lib, 'Kataib Hezbollah', {});
    expect(answer.items.map((i) => [i.date, i.citations[0]!.article])).toEqual(expect.arrayContaining([['2021-02-20', 'k2'], ['2021-03-01', 'k1']]));
    expect(answer.notes).toContain('Also searched: “Kataeb” for “Kataib” (another spelling of the name in the corpus).');
  });
});

describe('timeline on a busy date', () => {
  it('shows at most MAX_ITEMS_PER_DATE events per date, the most reported first, and says how many it left out', () => {
    const sentences = [
      'Wheat output rose in 1986 after good rains.',
      'Cocoa grindings fell in 1986 in West Germany.',
      'Sugar quotas were cut in 1986 by the council.',
      'Coffee prices collapsed in 1986 on the London market.',
      'Tin mines closed in 1986 across Bolivia.',
      'Rubber planters formed a cartel in 1986.',
      'Copper smelters struck a wage deal in 1986.',
    ];
    const corpus: Array<[string, string[], string | null]> = sentences.map((text, i) => [`a${i}`, [text], '1987-03-02']);
    corpus.push(['b0', ['Copper smelters struck a wage deal in 1986, unions said.'], '1987-03-03']);
    const lib = buildLibrary(corpusOfArticles(corpus));
    const answer = timeline(lib, '', {});
    expect(answer.items).toHaveLength(MAX_ITEMS_PER_DATE);
    expect(answer.items.some((i) => i.text.startsWith('Copper') && i.citations.length === 2)).toBe(true);
    expect(answer.notes.join(' ')).toMatch(/2 more events on these dates not shown/);
  });
});

describe('timeline on a year many articles share (a wire archive\'s 1986)', () => {
  // More articles than CROWDED_ARTICLES, each with one 1986 sentence: annual results sharing only
  // "sales", "mln" and "dlrs" (the shape of Reuters' whole-corpus timeline, where one line cited 37
  // unrelated articles), one copy carried twice, and two truces of different sides, each carried twice.
  const companies = ['Stuart', 'Oakleaf', 'Scotty', 'Tonka', 'Kodak', 'Pall', 'Walgreen', 'Tylan', 'Firestone', 'Heymann', 'Danaher', 'Coleco'];
  const corpus: Array<[string, string[], string | null]> = [
    ['lead', ['Because of these acquisitions, it said, first quarter sales will be substantially higher than the 67.1 mln dlrs of 1986.'], '1987-03-02'],
    ...companies.map((name, i): [string, string[], string | null] => [`c${i}`, [`${name} Corp had 1986 sales of ${100 + 7 * i} mln dlrs.`], '1987-03-02']),
    ['copy', ['Stuart Corp had 1986 sales of 100 mln dlrs.'], '1987-03-03'],
    ['truce-a', ['Unita rebels agreed a truce with Luanda in 1986.'], '1987-03-02'],
    ['truce-a2', ['Unita rebels agreed a truce with Luanda in 1986.'], '1987-03-03'],
    ['truce-b', ['Tamil Tigers broke their truce with Colombo in 1986.'], '1987-03-02'],
    ['truce-b2', ['Tamil Tigers broke their truce with Colombo in 1986.'], '1987-03-03'],
  ];
  const answer = timeline(buildLibrary(corpusOfArticles(corpus)), '', { limit: 100 });
  const year = answer.items.filter((i) => i.date === '1986');

  it('cites under a line only sentences about its event, not every sentence of the year sharing a few words', () => {
    const stuart = year.find((i) => i.text.startsWith('Stuart'))!;
    expect(new Set(stuart.citations.map((c) => c.article))).toEqual(new Set(['c0', 'copy']));
    for (const item of year.filter((i) => i !== stuart && !/truce/.test(i.text))) expect(item.citations).toHaveLength(1);
    expect(year.find((i) => i.text.startsWith('Because'))!.tags).toEqual(['single source']);
  });

  it('groups each sentence with the line it is like, not with a line like a member of it', () => {
    // Every sentence here is one article's only sentence, so each citation of a line is its lead or a copy.
    for (const item of answer.items) {
      for (const c of item.citations) expect(c.excerpt, item.text).toBe(item.text);
    }
  });

  it('keeps apart two truces of different actors: a shared rare word does not skip the names', () => {
    const truces = year.filter((i) => /truce/.test(i.text));
    const cited = truces.map((i) => i.citations.map((c) => c.article).sort());
    expect(cited.sort()).toEqual([['truce-a', 'truce-a2'], ['truce-b', 'truce-b2']]);
  });
});

describe('timeline citations', () => {
  it('lists each citation once when two sentences of one paragraph tell the line\'s event', () => {
    const lib = buildLibrary(
      corpusOfArticles([
        ['p1', ['Rockets struck the Green Zone on November 17, killing a child. The rockets struck the Green Zone on November 17 from the east.'], '2020-11-18'],
        ['p2', ['Rockets struck the Green Zone on November 17, officials said.'], '2020-11-18'],
      ]),
    );
    const [item] = timeline(lib, '', {}).items;
    const ids = item!.citations.map((c) => c.id);
    expect(ids).toEqual([...new Set(ids)]);
    expect(new Set(item!.citations.map((c) => c.article))).toEqual(new Set(['p1', 'p2']));
  });
});

describe('timeline title', () => {
  it('counts the articles with dated events in the corpus, whatever --limit keeps', () => {
    // More dated sentences than the timeline groups at once (MANY_EVENTS), so --limit narrows the dates read.
    const corpus: Array<[string, string[], string | null]> = Array.from({ length: 5100 }, (_, i) => [
      `t${i}`,
      [`Plant ${i} opened on March ${1 + (i % 28)}, 1986.`],
      '1986-04-01',
    ]);
    const lib = buildLibrary(corpusOfArticles(corpus));
    expect(timeline(lib, '', {}).title).toBe('Timeline · whole corpus — 5,100 articles');
    expect(timeline(lib, '', { limit: 1 }).title).toBe('Timeline · whole corpus — 5,100 articles');
  });
});

describe('dateLabel', () => {
  it.each([
    [{ value: '2020-11-27' }, '27 Nov 2020'],
    [{ value: '2019-12' }, 'Dec 2019'],
    [{ value: '2015' }, '2015'],
    [{ value: '2020-10', part: 'mid' as const }, 'mid-Oct 2020'],
    [{ value: '2020-01', part: 'early' as const }, 'early Jan 2020'],
    [{ value: '2003', season: 'spring' as const }, 'spring 2003'],
  ])('writes %o as an editor does: %s', (date, label) => {
    expect(dateLabel(date)).toBe(label);
  });
});

describe('datePlace: where a line stands among the days', () => {
  const day = (value: string) => datePlace({ value })[0];
  it.each([
    ['a day', { value: '2020-11-17' }, '2020-11-17', 1],
    ['a month: its first day', { value: '2020-11' }, '2020-11-01', 31],
    ['early in a month: the 1st', { value: '2020-01', part: 'early' as const }, '2020-01-01', 10],
    ['mid-month: the 11th', { value: '2020-10', part: 'mid' as const }, '2020-10-11', 10],
    ['late in a month: the 21st', { value: '2020-11', part: 'late' as const }, '2020-11-21', 11],
    ['a year: 1 January', { value: '2015' }, '2015-01-01', 366],
    ['mid-year: 1 May', { value: '2002', part: 'mid' as const }, '2002-05-01', 122],
    ['late in a year: 1 September', { value: '2002', part: 'late' as const }, '2002-09-01', 122],
    ['a season: its first month', { value: '2003', season: 'spring' as const }, '2003-03-01', 92],
    ['winter: the December it starts in', { value: '2010', season: 'winter' as const }, '2010-12-01', 92],
    ['late summer: its third month', { value: '2011', season: 'summer' as const, part: 'late' as const }, '2011-08-01', 31],
  ])('%s', (_what, date, start, days) => {
    expect(datePlace(date)).toEqual([day(start), days]);
  });

  it('puts the wider span first at the same day, and a later start later', () => {
    const order = [{ value: '2020' }, { value: '2020', part: 'early' as const }, { value: '2020-01' }, { value: '2020-01', part: 'early' as const }, { value: '2020-01-01' }, { value: '2020-01-03' }];
    const places = order.map((d) => datePlace(d));
    const sorted = [...places].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    expect(sorted).toEqual(places);
    expect(datePlace({ value: '2020-11-20' })[0]).toBeLessThan(datePlace({ value: '2020-11', part: 'late' })[0]);
    expect(datePlace({ value: '2020-11', part: 'late' })[0]).toBeLessThan(datePlace({ value: '2020-11-21' })[0] + 1);
  });
});

describe('dateWeights', () => {
  it('counts 2 per article and 1 per sentence, and gives a day MONTH_SHARE per sentence on its month', () => {
    const w = dateWeights(primaryDates(library.events!, library.events!.events));
    // 27 Nov 2020: two articles, two sentences; November 2020: three sentences ("late November", "in November", "Last month").
    expect(w.get('2020-11')).toBe(2 * 3 + 3);
    expect(w.get('2020-11-27')).toBe(2 * 2 + 2 + MONTH_SHARE * 3);
  });
});

describe('preparing the whole-corpus timeline after a start', () => {
  it('reads ahead what the first answer reads, and that answer is the same as without it', async () => {
    const cold = buildLibrary(await loadCorpus(join(import.meta.dirname, '../../corpus')));
    const warm = buildLibrary(await loadCorpus(join(import.meta.dirname, '../../corpus')));
    warm.events = analyseEvents(warm.corpus);
    await prepareTimeline(warm, 0);
    expect(timeline(warm, '', {})).toEqual(timeline(cold, '', {}));
    // A library whose events are not assembled yet has nothing to prepare (the answer assembles them on use).
    const bare = buildLibrary(await loadCorpus(join(import.meta.dirname, '../../corpus')));
    delete bare.events;
    await expect(prepareTimeline(bare)).resolves.toBeUndefined();
  });
});
