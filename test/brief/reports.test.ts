import { describe, expect, it } from 'vitest';
import { attributionOf, independentReports, reportOf, sameWording, sourcesTag, type Report } from '../../src/brief/reports.ts';
import { datelineAgency } from '../../src/brief/candidates.ts';
import type { Article } from '../../src/corpus/types.ts';
import { makeArticle } from '../support/articles.ts';

const article = (id: string, outlet: string | null, texts: string[]): Article => makeArticle(id, texts, { outlet });

describe('attributionOf: the news organisation a sentence names as its source', () => {
  it.each([
    ['The American embassy in Baghdad has partially withdrawn its staff, two senior Iraqi officials told AFP late Wednesday (Dec 2).', 'AFP'],
    ['An Iraqi official told AFP news agency that the drawdown appeared to be based on security concerns.', 'AFP'],
    ['The Trump administration is removing about half of its diplomats from the Baghdad embassy, Politico reported on Wednesday.', 'Politico'],
    ['The Washington Post quoted a spokesman for the group who said they were urging restraint.', 'The Washington Post'],
    ['Sources told Middle East Eye that a top Iranian military officer delivered the message himself.', 'Middle East Eye'],
    ['The ministry will cut output by 10 pct, according to the Wall Street Journal.', 'The Wall Street Journal'],
    ['"I wish I could be more definitive, but I can\'t," Dingell told Reuters.', 'Reuters'],
    ['Output will rise next year, the official Iraqi news agency said.', 'Iraqi news agency'],
    ['Iran said it had shot down an Iraqi jet, Kyodo reported.', 'Kyodo'],
  ])('%s → %s', (text, name) => {
    expect(attributionOf(text)).toBe(name);
  });

  it.each([
    ['a story about an outlet, not from it', 'Shares of the Washington Post rose two dlrs on the news.'],
    ['an outlet in passing', 'He was speaking at a conference in Tokyo held by Reuters and others last year.'],
    ['a person told', 'Pompeo told Kadhimi that the embassy would close.'],
    ['lower-case "ap"', 'The ap said nothing of the kind.'],
  ])('none for %s', (_what, text) => {
    expect(attributionOf(text)).toBeNull();
  });
});

describe('datelineAgency', () => {
  it.each([
    ['BAGHDAD (AFP) - The American embassy in Baghdad has partially withdrawn its staff.', 'AFP'],
    ['WASHINGTON (Reuters) — Treasury Secretary James Baker said the dollar had fallen enough.', 'Reuters'],
    ['BAGHDAD – The U.S. government has decided to withdraw some staff from its embassy.', null],
    ['The talks ended on Monday (local time) - delegates said.', null],
  ])('%s → %s', (text, agency) => {
    expect(datelineAgency(text)).toBe(agency);
  });
});

describe('reportOf: where a sentence of an article comes from, by the first rule that says', () => {
  const wire = article('w', 'The Straits Times', [
    'BAGHDAD (AFP) - The embassy has partially withdrawn its staff, two officials said on Wednesday.',
    'An Iraqi official told Reuters that the drawdown was temporary. "They could come back," the official said.',
    'The ambassador is staying, a spokesperson said.',
  ]);
  const own = article('o', 'NBC News/Reuters', ['Pompeo warned Iraq that the embassy would close.']);
  const bare = article('b', null, ['The embassy was shut on Friday, officials said.']);
  const at = (a: Article, p: number, s: number): Report => reportOf(a, a.paragraphs[p]!, a.paragraphs[p]!.sentences[s]!);

  it.each([
    ['an attribution in the sentence', at(wire, 1, 0), 'Reuters', 'attribution'],
    ['an attribution earlier in its paragraph', at(wire, 1, 1), 'Reuters', 'attribution'],
    ['the dateline\'s agency, over the outlet', at(wire, 2, 0), 'AFP', 'dateline'],
    ['the wire an outlet names', at(own, 0, 0), 'Reuters', 'outlet'],
    ['the article itself', at(bare, 0, 0), null, 'article'],
  ] as const)('%s', (_what, report, name, by) => {
    expect(report.name).toBe(name);
    expect(report.by).toBe(by);
  });
});

describe('sameWording: near-identical sentences are one text', () => {
  it.each([
    ['a copy with one word changed', 'The union said the strike would go on until wages were raised by eight percent, a spokeswoman said.', 'The union said the strike would go on until wages were raised by eight percent, its spokeswoman said.', true],
    ['the same quote at length', '"It\'s a minor drawdown based on security reservations from the US side. They could come back - it\'s just a security blip," the senior source said.', '“It’s a minor drawdown based on security reservations from the US side. They could come back — it’s just a security blip,” one source said.', true],
    ['the same fact in other words', 'A US State Department spokesman said ambassador Matthew Tueller remains in Iraq and that the embassy "continues to operate".', 'The department official said that U.S. Ambassador Matthew Tueller would remain in Iraq and that the embassy would continue to operate.', false],
    ['short sentences alike by chance', 'Talks ended on Monday.', 'Talks ended on Monday.', false],
  ])('%s → %s', (_what, a, b, same) => {
    expect(sameWording(a, b)).toBe(same);
  });
});

describe('independentReports and sourcesTag', () => {
  const a = article('a', null, ['The union said the strike would go on until wages were raised by eight percent, a spokeswoman said.']);
  const b = article('b', null, ['The union said the strike would go on until wages were raised by eight percent, its spokeswoman said.']);
  const c = article('c', 'The Guardian', ['The union says the strike will go on until its members get a rise of eight percent.']);
  const d = article('d', 'AFP', ['Dockers will strike until wages rise eight percent, the union told AFP.']);
  const carrier = (x: Article) => ({ article: x, paragraph: x.paragraphs[0]!, sentence: x.paragraphs[0]!.sentences[0]! });

  it.each([
    ['three articles, two of them one text', [a, b, c], 2, '3 articles · 2 reports (The Guardian and 1 other)'],
    ['three articles of three reports', [a, c, d], 3, '3 independent sources'],
    ['two articles of one organisation', [d, article('e', null, ['Union leaders told AFP the strike would last until wages rose eight percent.'])], 1, '2 articles · 1 report (AFP)'],
    ['one article', [a], 1, 'single source'],
  ])('%s', (_what, articles, reports, tag) => {
    const found = independentReports(articles.map(carrier));
    expect(found).toHaveLength(reports);
    expect(sourcesTag(articles.length, found)).toBe(tag);
  });
});
