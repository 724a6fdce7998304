import { describe, expect, it } from 'vitest';
import { attributionOf, creditedReports, independentReports, reportOf, sameWording, sourcesTag, wordingShare, type Carrier, type Report } from '../../src/brief/reports.ts';
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

describe('independentReports: a rewrite of a report the article credits elsewhere is that report', () => {
  // The seeds' Tueller sentences: 001 is AFP's copy ("BAGHDAD (AFP)"), 003 The Washington Post's own telling.
  const afp = article('001', 'The Straits Times', [
    'BAGHDAD (AFP) - The American embassy in Baghdad has partially withdrawn its staff due to security concerns.',
    'The spokesperson said US ambassador Matthew Tueller was still in Iraq and that the embassy "continues to operate".',
  ]);
  const post = article('003', 'The Washington Post', [
    'The department official said that U.S. Ambassador Matthew Tueller would remain in Iraq and that the embassy would continue to operate.',
  ]);
  const tueller = 'A US State Department spokesman said ambassador Matthew Tueller remains in Iraq and that the embassy "continues to operate".';
  const lead = 'The United States has reduced staffing at its Baghdad embassy, Iraqi officials have said.';
  // 000 of the seeds: no outlet, no dateline, AFP credited in another paragraph; the photo credit is not a credit.
  const rewrite = article('000', null, [lead, 'An Iraqi official told AFP news agency that the drawdown appeared to be based on security concerns.', tueller]);
  const uncredited = article('x', null, [lead, tueller]);
  const creditOnly = article('y', null, ['The embassy threatened to close in September - STR/AFP via Getty Images', tueller]);
  const ownOutlet = article('z', 'The Independent', [lead, 'An Iraqi official told AFP news agency that the drawdown was temporary.', tueller]);
  const last = (a: Article) => ({ article: a, paragraph: a.paragraphs.at(-1)!, sentence: a.paragraphs.at(-1)!.sentences.at(-1)! });

  it('reads what the seeds\' sentences share: a rewrite half, another newsroom\'s telling less, neither a copy', () => {
    expect(wordingShare(tueller, last(afp).sentence)).toBeGreaterThanOrEqual(0.4);
    expect(wordingShare(last(post).sentence, last(afp).sentence)).toBeLessThan(0.4);
    expect(sameWording(tueller, last(afp).sentence)).toBe(false);
  });

  it('credits what an article attributes anywhere and its dateline, not a photo credit', () => {
    expect([...creditedReports(rewrite)]).toEqual(['afp']);
    expect([...creditedReports(afp)]).toEqual(['afp']);
    expect([...creditedReports(creditOnly)]).toEqual([]);
  });

  it.each([
    ['an article that credits AFP elsewhere retells AFP\'s sentence: one report', [rewrite, afp, post], '3 articles · 2 reports (AFP, The Washington Post)'],
    ['the same, its report shown by the wire it rewrites, not its outlet', [ownOutlet, afp, post], '3 articles · 2 reports (AFP, The Washington Post)'],
    ['the same words in an article that credits no one: its own report', [uncredited, afp, post], '3 independent sources'],
    ['an AFP photo credit is not a credit of the text', [creditOnly, afp, post], '3 independent sources'],
    ['AFP\'s sentence and another newsroom\'s own telling: two reports', [afp, post], '2 independent sources'],
  ])('%s', (_what, articles, tag) => {
    expect(sourcesTag(articles.length, independentReports(articles.map(last)))).toBe(tag);
  });

  it('names a group by its surest report: one text in The Guardian and in a sentence that says "told AFP" is AFP\'s', () => {
    const guardian = article('g', 'The Guardian', ['Dockers will strike until wages rise by eight percent, union leaders said on Monday.']);
    const wire = article('w', null, ['Dockers will strike until wages rise by eight percent, union leaders told AFP on Monday.']);
    const found = independentReports([guardian, wire].map(last));
    expect(found.map((r) => [r.name, r.by])).toEqual([['AFP', 'attribution']]);
    expect(sourcesTag(2, found)).toBe('2 articles · 1 report (AFP)');
  });

  it('needs the credited report among the carriers: crediting AFP makes no rewrite of The Washington Post', () => {
    expect(sourcesTag(2, independentReports([last(rewrite), last(post)]))).toBe('2 independent sources');
  });
});

describe('independentReports counts shared wording through postings, as comparing every pair would', () => {
  /** The pairwise reading the postings replace: every pair compared with `wordingShare`. */
  const RANK: Record<Report['by'], number> = { attribution: 0, dateline: 0, outlet: 1, article: 2 };
  function pairwise(carriers: Parameters<typeof independentReports>[0]): Report[] {
    const reports = carriers.map((c) => reportOf(c.article, c.paragraph, c.sentence));
    const parent = reports.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    const union = (i: number, j: number) => {
      const [a, b] = [find(i), find(j)];
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    };
    for (let i = 0; i < carriers.length; i++) {
      for (let j = i + 1; j < carriers.length; j++) if (reports[i]!.key === reports[j]!.key || sameWording(carriers[i]!.sentence, carriers[j]!.sentence)) union(i, j);
    }
    for (let i = 0; i < carriers.length; i++) {
      if (RANK[reports[i]!.by] === 0) continue;
      const credited = creditedReports(carriers[i]!.article);
      if (credited.size === 0) continue;
      let best = -1;
      let bestShare = 0.4;
      for (let j = 0; j < carriers.length; j++) {
        if (j === i || carriers[j]!.article === carriers[i]!.article || !credited.has(reports[j]!.key) || find(i) === find(j)) continue;
        const share = wordingShare(carriers[i]!.sentence, carriers[j]!.sentence);
        if (share >= bestShare && (best < 0 || share > bestShare)) [best, bestShare] = [j, share];
      }
      if (best >= 0) union(i, best);
    }
    const groups = new Map<number, Report>();
    reports.forEach((r, i) => {
      const group = groups.get(find(i));
      if (!group || RANK[r.by] < RANK[group.by]) groups.set(find(i), r);
    });
    return [...groups.values()];
  }

  const BASE = [
    'The American embassy in Baghdad has partially withdrawn its staff due to security concerns on Wednesday',
    'The spokesperson said US ambassador Matthew Tueller was still in Iraq and that the embassy continues to operate',
    'Rockets struck the Green Zone on November 17 and killed a child while the truce was still holding',
    'The outgoing administration ordered a further drawdown of troops in Iraq from about 3,000 to about 2,500',
    'Fears of regional conflict have increased since the assassination of a top Iranian nuclear scientist last Friday',
  ];
  const SOURCES = ['', ', officials told AFP', ', The Washington Post reported', ', officials said', ', Reuters reported'];
  const OUTLETS = [null, 'The Straits Times', 'The Guardian', 'NBC News/Reuters'];

  /** A deterministic generator (mulberry32), so a failure can be replayed. */
  function random(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('on 300 generated sets of carriers (copies, light edits, rewrites, credits, datelines, outlets)', () => {
    let merged = 0;
    for (let round = 0; round < 300; round++) {
      const r = random(round + 1);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
      const carriers: Carrier[] = [];
      const n = 2 + Math.floor(r() * 14);
      for (let k = 0; k < n; k++) {
        let words = pick(BASE).split(' ');
        // Light edits: some words dropped or replaced, so shares fall on both sides of the thresholds.
        const edits = Math.floor(r() * 8);
        for (let e = 0; e < edits; e++) words.splice(Math.floor(r() * words.length), 1, ...(r() < 0.5 ? [] : ['reportedly']));
        if (r() < 0.2) words = words.slice(0, 6);
        const text = `${r() < 0.15 ? 'BAGHDAD (AFP) - ' : ''}${words.join(' ')}${pick(SOURCES)}.`;
        const credit = r() < 0.3 ? ['An Iraqi official told AFP news agency that the drawdown was temporary.'] : [];
        const a = makeArticle(`a${k % (1 + Math.floor(r() * n))}-${round}-${k}`, [...credit, text], { outlet: pick(OUTLETS) });
        const p = a.paragraphs.at(-1)!;
        carriers.push({ article: a, paragraph: p, sentence: p.sentences.at(-1)! });
      }
      const found = independentReports(carriers);
      expect(found, `round ${round}`).toEqual(pairwise(carriers));
      if (found.length < new Set(carriers.map((c) => reportOf(c.article, c.paragraph, c.sentence).key)).size) merged++;
    }
    // The sets exercise the wording rules, not only the names: many merge reports that no name joins.
    expect(merged).toBeGreaterThan(50);
  });
});
