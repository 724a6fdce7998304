import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadCorpus } from '../../src/corpus/load.ts';
import { analyseArticle, analyseEvents, EVENT_ANALYSIS, inferPublished, updateEvents, warmUpDates } from '../../src/analyse/events.ts';
import { findDates } from '../../src/analyse/dates.ts';
import { splitSentences } from '../../src/text/sentences.ts';
import type { Article } from '../../src/corpus/types.ts';

const corpus = await loadCorpus(join(import.meta.dirname, '../../corpus'));
const table = analyseEvents(corpus);

/** A hand-made article (no file): paragraphs split into sentences as the loader does. */
function article(id: string, paragraphs: string[], published: string | null): Article {
  return {
    id,
    title: null,
    outlet: null,
    published: published ? { date: published, inferred: false } : null,
    url: null,
    path: `${id}.txt`,
    dropped: [],
    paragraphs: paragraphs.map((text, i) => ({ id: `${id}-p${i + 1}`, articleId: id, n: i + 1, text, sentences: splitSentences(text) })),
  };
}

describe('analyseEvents on the seed corpus', () => {
  it.each([
    ['000', '2019-05', 'past', 'In May 2019, rocket attacks'],
    ['000', '2019-12', 'past', 'Last December, militia supporters besieged'],
    ['000', '2020-01', 'past', 'killed top Iranian general Qassem Soleimani'],
    ['000', '2020-09', 'past', 'By September, the US had threatened'],
    ['001', '2020-10', 'past', 'agree to a "truce" in mid-October'],
    ['000', '2020-11-17', 'past', 'rockets fired at the Green Zone killed a child'],
    ['000', '2020-11-27', 'past', 'Mohsen Fakhrizadeh outside Tehran last Friday'],
    ['003', '2020-11-27', 'past', 'Tensions spiked across the Middle East on Friday'],
    ['001', '2020-12-02', 'past', 'partially withdrawn its staff'],
    ['000', '2021-01-15', 'deadline', 'to about 2,500 by January 15'],
    ['003', '2020-01-03', 'past', 'the Jan. 3 anniversary of the slaying'],
    ['004', '2020-01', 'past', 'in January this year'],
  ])('article %s dates a sentence %s (%s): “%s”', (articleId, value, relation, words) => {
    const hit = table.events.find((e) => e.articleId === articleId && e.date.value === value && e.sentence.text.includes(words));
    expect(hit, `${articleId} ${value}`).toBeDefined();
    expect(hit!.date.relation).toBe(relation);
  });

  it('keeps attributive dates in the table, marked, with their clause when it stands alone', () => {
    const pmf = table.events.find((e) => e.articleId === '002' && e.date.value === '2014')!;
    expect(pmf.date.attributive).toBe(true);
    expect(pmf.sentence.text.slice(pmf.date.clause!.start, pmf.date.clause!.end)).toBe('a group of mostly Shia Iraqi state-sponsored militias formed in 2014 to fight ISIS.');
    const deal = table.events.find((e) => e.articleId === '000' && e.date.value === '2015')!;
    expect(deal.date.attributive).toBe(true);
    expect(deal.date.clause).toBeUndefined();
    expect(table.events.filter((e) => e.date.attributive).every((e) => e.date.value !== '2020-12-02')).toBe(true);
  });

  it('every event sentence is a verbatim span of its paragraph', () => {
    expect(table.events.length).toBeGreaterThan(20);
    for (const e of table.events) {
      const p = corpus.paragraphById.get(e.paragraphId)!;
      expect(p.text.slice(e.sentence.start, e.sentence.end)).toBe(e.sentence.text);
      expect(e.sentence.text.slice(e.date.start, e.date.end)).toBe(e.date.phrase);
    }
  });

  it('leaves durations and date lines out ("for two days", "90 days", "September 29, 2020")', () => {
    expect(table.events.some((e) => /^(?:for two days|90 days)$/.test(e.date.phrase))).toBe(false);
    expect(table.events.some((e) => e.sentence.text.trim() === 'September 29, 2020')).toBe(false);
  });

  it('analyses an unchanged article once (live updates re-read only what changed)', () => {
    const again = analyseEvents(corpus);
    expect(again.byArticle.get('000')).toBe(table.byArticle.get('000'));
  });
});

describe('publication dates that the file does not give', () => {
  it('infers the date from a full date in the opening and says so', () => {
    const a = article('x1', ['September 29, 2020 Pompeo warned Iraq over the weekend.', 'The militias struck on Friday.'], null);
    expect(inferPublished(a)).toEqual({ date: '2020-09-29', inferred: true, evidence: 'September 29, 2020' });
    const events = analyseArticle(a);
    expect(events.reference?.inferred).toBe(true);
    expect(events.events.map((e) => e.date.value)).toContain('2020-09-25');
  });

  it('with nothing to pin the date, leaves relative dates unresolved and out of the events', () => {
    const a = article('x2', ['The militias struck on Friday, officials said.', 'In May 2019, staff were ordered out.'], null);
    const events = analyseArticle(a);
    expect(events.reference).toBeNull();
    expect(events.unresolved).toBe(1);
    expect(events.events.map((e) => e.date.value)).toEqual(['2019-05']);
    // The relative date as the article writes it, kept through a snapshot, for the timeline's note.
    expect(events.unresolvedPhrases).toEqual(['on Friday']);
    expect(EVENT_ANALYSIS.restore(EVENT_ANALYSIS.store(events, a), a).unresolvedPhrases).toEqual(['on Friday']);
  });

  it('infers the date from a weekday with its date in the one year the article writes ("late Wednesday (Dec 2)", caption "Nov 18, 2020")', () => {
    const a = {
      ...article('x3', ['BAGHDAD (AFP) - The American embassy in Baghdad has partially withdrawn its staff, two senior Iraqi officials told AFP late Wednesday (Dec 2).', 'On Nov 17, a volley of rockets hit several Baghdad neighbourhoods.'], null),
      dropped: [{ line: 3, text: 'A member of the Iraqi security forces inspects the damage outside Zawraa park in the capital Baghdad on Nov 18, 2020. PHOTO: AFP', reason: 'photo caption' }],
    };
    expect(inferPublished(a)).toEqual({ date: '2020-12-02', inferred: true, evidence: 'Wednesday (Dec 2)' });
    expect(analyseArticle(a).events.map((e) => e.date.value)).toContain('2020-11-17');
  });

  it('does not pin a weekday and date when no year written in the article fits', () => {
    expect(inferPublished(article('x4', ['Officials spoke late Wednesday (Dec 2).'], null))).toBeNull();
  });
});

describe('a yearless date against the years the article writes (sentences shortened from a Timeline17 iraq article of 28 April 2005)', () => {
  const a = article(
    'g1',
    [
      "In a key passage in the legal advice written by Lord Goldsmith on March 7 2003, the attorney general said that UN resolution 1441 could only be sustainable as a justification for war.",
      "On March 7, the day Lord Goldsmith drew up his report, Mr Blix gave his final report and this was the most favourable yet from Iraq's point of view.",
      'Mr Blix and his team returned to Iraq in December 2002 and remained until the week before war began in March 2003.',
      'In March, they (the Iraqis) cooperated like hell.',
      'The report was published on April 27.',
    ],
    '2005-04-28',
  );
  const events = analyseArticle(a);

  it('takes the year the article writes for the same day ("On March 7" beside "March 7 2003")', () => {
    const e = events.events.find((x) => x.sentence.text.startsWith('On March 7'));
    expect(e?.date.value).toBe('2003-03-07');
    expect(events.events.some((x) => x.date.value === '2005-03-07')).toBe(false);
  });

  it('leaves out a month the article writes with another year only ("In March" beside "March 2003")', () => {
    expect(events.events.some((x) => x.sentence.text.startsWith('In March,'))).toBe(false);
    expect(events.ambiguous).toBe(1);
  });

  it('keeps a yearless date of a month the article gives no other year ("April 27" → 2005)', () => {
    expect(events.events.find((x) => x.sentence.text.startsWith('The report'))?.date.value).toBe('2005-04-27');
  });
});

describe('updateEvents', () => {
  it('gives what analyseEvents gives on the updated corpus', () => {
    const table = analyseEvents({ ...corpus, articles: corpus.articles.slice(0, 3) });
    const gone = new Set([corpus.articles[1]!.id]);
    const after = [corpus.articles[0]!, corpus.articles[2]!, ...corpus.articles.slice(3)];
    const updated = updateEvents(table, gone, corpus.articles.slice(3));
    const fresh = analyseEvents({ ...corpus, articles: after });
    expect(updated.events).toEqual(fresh.events);
    expect([...updated.byArticle.keys()]).toEqual([...fresh.byArticle.keys()]);
    expect(updated.events.length).toBeGreaterThan(0);
  });

  it('warmUpDates changes no result', () => {
    const before = findDates('The talks resumed on March 3, 2020, and end next week.', { date: '2020-03-04' });
    warmUpDates();
    expect(findDates('The talks resumed on March 3, 2020, and end next week.', { date: '2020-03-04' })).toEqual(before);
  });
});
