import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brief, DEFAULT_BRIEF_ITEMS, TOPIC_MAX_ITEMS } from '../../src/answer/brief.ts';
import type { Answer } from '../../src/answer/types.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { buildLibrary, type Library } from '../../src/library.ts';
import { matchKey } from '../../src/text/normalize.ts';
import { terms } from '../../src/text/terms.ts';
import { seedLibrary } from '../support/seeds.ts';
import { verbatimViolations } from '../support/verbatim.ts';
import { reaganEmbassyFolder } from '../support/reagan.ts';

let seeds: Library;
beforeAll(async () => {
  seeds = await seedLibrary();
});

/** A library of hand-made articles: `{ id: [headline, ...paragraphs] }`, written as .md files and loaded. */
async function libraryOf(articles: Record<string, string[]>): Promise<Library> {
  const dir = await mkdtemp(join(tmpdir(), 'brief-'));
  dirs.push(dir);
  for (const [id, [headline, ...paragraphs]] of Object.entries(articles)) {
    await writeFile(join(dir, `${id}.md`), `---\nid: "${id}"\npublished: 2021-03-0${id.slice(-1)}\n---\n${headline}\n\n${paragraphs.join('\n\n')}\n`);
  }
  return buildLibrary(await loadCorpus(dir));
}
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const texts = (a: Answer) => a.items.map((i) => i.text);
const citedArticles = (a: Answer, pattern: RegExp) => a.items.find((i) => pattern.test(i.text))?.citations.map((c) => c.article).sort();

describe('brief on the seed corpus: "embassy drawdown"', () => {
  let answer: Answer;
  beforeAll(() => {
    answer = brief(seeds, 'embassy drawdown');
  });

  it.each([
    ['the partial withdrawal for security reasons', /partially withdrawn its staff due to security concerns/],
    ['the ambassador staying', /ambassador Matthew Tueller (remains|was still|would remain) in Iraq/],
    ['the embassy still operating', /continues? to operate/],
    ['"security blip" (temporary)', /security blip|temporary/],
    ['the Fakhrizadeh killing behind the tension', /Fakhrizadeh/],
  ])('carries %s', (_fact, pattern) => {
    expect(texts(answer).some((t) => pattern.test(t)), texts(answer).join('\n')).toBe(true);
  });

  it('leads with the lede: what happened, not background', () => {
    expect(answer.items[0]?.text).toMatch(/^The American embassy in Baghdad has partially withdrawn its staff/);
  });

  it('shows the "security blip" quote once, citing the three articles that carry it: one AFP report (issue 17, point 13)', () => {
    const blip = answer.items.filter((i) => /security blip/.test(i.text));
    expect(blip).toHaveLength(1);
    expect(blip[0]!.citations.map((c) => c.article).sort()).toEqual(['000', '001', '002']);
    expect(blip[0]!.tags).toEqual(['3 articles · 1 report (AFP)']);
    expect(blip[0]!.reports).toBe(1);
    for (const c of blip[0]!.citations) expect(c.excerpt).toMatch(/security blip/);
  });

  it.each([
    ['the lede: AFP\'s, rerun by 000 ("told AFP") and 002 ("told AFP")', /^The American embassy in Baghdad has partially withdrawn/, '3 articles · 1 report (AFP)'],
    // 000's sentence has no attribution of its own, but 000 credits AFP elsewhere ("told AFP news agency") and
    // retells AFP's sentence (001) in half its words: a rewrite of AFP's report, not a third source.
    ['Tueller: AFP (001, rewritten by 000, which credits AFP elsewhere) and The Washington Post (003)', /Tueller/, '3 articles · 2 reports (AFP, The Washington Post)'],
    // 003 tells it in other words ("used the threat of a full embassy withdrawal in pressuring …"): beside the
    // names the two share "embassy", "government", "militias", "backed" and "US", 0.296 of 003's claim words
    // against 0.30 required. They matched only while "al-Kadhimi" was read as two claim words.
    ["Pompeo's warning: NBC News/Reuters (The Washington Post's telling shares the names, too little of the claim)", /Pompeo has warned/, 'single source'],
    ['the Fakhrizadeh context', /Fakhrizadeh/, 'single source'],
  ])('tags %s', (_what, pattern, tag) => {
    expect(answer.items.find((i) => pattern.test(i.text))?.tags).toEqual([tag]);
  });

  it('tags every item with its articles and reports, one citation per article', () => {
    for (const item of answer.items) {
      const articles = item.citations.map((c) => c.article);
      expect(new Set(articles).size).toBe(articles.length);
      expect(item.sources).toBe(articles.length);
      expect(item.reports).toBeLessThanOrEqual(articles.length);
      expect(item.tags![0]).toMatch(articles.length === 1 ? /^single source$/ : new RegExp(`^${articles.length} (independent sources|articles · \\d reports?)`));
    }
    expect(answer.items.some((i) => i.citations.length > 1)).toBe(true);
  });

  it('cites as corroboration only sentences that state the fact (the Tueller item cites three Tueller sentences)', () => {
    const tueller = answer.items.find((i) => /Tueller/.test(i.text));
    expect(tueller?.citations.length).toBeGreaterThanOrEqual(2);
    for (const c of tueller!.citations) expect(c.excerpt).toMatch(/Tueller.*(operat)/);
  });

  it('never repeats a fact: no two items cite the same sentence', () => {
    const excerpts = answer.items.flatMap((i) => i.citations.map((c) => `${c.id} ${c.excerpt}`));
    expect(new Set(excerpts).size).toBe(excerpts.length);
  });

  it('shows the lede without its dateline, still verbatim', () => {
    expect(texts(answer).some((t) => /^BAGHDAD/.test(t))).toBe(false);
    expect(verbatimViolations(seeds, answer)).toEqual([]);
  });
});

describe('a topic briefing keeps to its topic (issue 17, point 1)', () => {
  let answer: Answer;
  beforeAll(() => {
    answer = brief(seeds, 'militia rocket attacks');
  });

  it.each([
    ['the truce the militias announced', /truce/],
    ['the child killed when rockets hit the Green Zone on November 17', /November 17, when rockets fired at the Green Zone killed a child/],
  ])('carries %s', (_fact, pattern) => {
    expect(texts(answer).some((t) => pattern.test(t)), texts(answer).join('\n')).toBe(true);
  });

  it('shows a sentence that points back with the sentence it points to ("By September … That prompted …"), verbatim', () => {
    const truce = answer.items.find((i) => /truce/.test(i.text));
    expect(truce?.text).toMatch(/^By September, the US had threatened to close the embassy .* That prompted militias to announce a unilateral truce/);
    expect(verbatimViolations(seeds, answer)).toEqual([]);
  });

  it('leaves out what only shares the story: the troop drawdown (no topic word, in an article not about the topic)', () => {
    expect(texts(answer).some((t) => /drawdown of troops/.test(t))).toBe(false);
  });

  it('takes sentences of articles that only mention the topic when they carry its words', () => {
    const onTopic = /militia|rocket|attack/i;
    for (const item of answer.items.filter((i) => i.citations[0]!.article !== '004')) expect(item.text).toMatch(onTopic);
  });

  it("carries Kataib Hezbollah's part: Washington blames the attacks on pro-Iran groups and has bombed Kataeb Hezbollah (001)", () => {
    const kataib = answer.items.find((i) => /Kata[ei]b Hezbollah/.test(i.text));
    expect(kataib?.text, texts(answer).join('\n')).toMatch(/blamed the rocket and roadside bomb attacks/);
    expect(kataib?.citations[0]?.article).toBe('001');
  });

  it('draws on every article with sentences strongly on the topic, and leaves out the background of the one about it (JCPOA)', () => {
    expect(answer.sources.map((s) => s.article).sort()).toEqual(['000', '001', '002', '003', '004']);
    expect(texts(answer).some((t) => /JCPOA/.test(t))).toBe(false);
  });

  it('a topic with many facts strongly on it gets more than the default items, up to the topic maximum; an explicit limit still holds', () => {
    expect(answer.items.length).toBeGreaterThan(DEFAULT_BRIEF_ITEMS);
    expect(answer.items.length).toBeLessThanOrEqual(TOPIC_MAX_ITEMS);
    expect(brief(seeds, 'militia rocket attacks', { limit: DEFAULT_BRIEF_ITEMS }).items).toHaveLength(DEFAULT_BRIEF_ITEMS);
  });

  // The rule: an item's sentence carries a word of the topic (index terms: stems, stop words out), or the
  // paragraph it sits in does. ("embassy drawdown" keeps one more kind of context, the story's shared
  // background that other articles carry too, the Fakhrizadeh killing: pinned above.)
  it.each(['militia rocket attacks', 'Pompeo', 'Soleimani', 'troops', 'nuclear deal', 'Kataib Hezbollah'])(
    '"%s": every item is on the topic (its sentence or its paragraph carries a topic word)',
    (topic) => {
      const topicTerms = new Set(terms(topic));
      const items = brief(seeds, topic).items;
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        const paragraph = seeds.corpus.paragraphById.get(item.citations[0]!.id)!.text;
        const carries = (text: string) => terms(text).some((t) => topicTerms.has(t));
        expect(carries(item.text) || carries(paragraph), item.text).toBe(true);
      }
    },
  );

  it('a thin topic in an article about it is not padded with the rest of that article: "Pompeo" is what is said of Pompeo', () => {
    const items = brief(seeds, 'Pompeo').items;
    expect(items.length).toBeLessThan(DEFAULT_BRIEF_ITEMS);
    for (const t of items.map((i) => i.text)) expect(t).toMatch(/Pompeo/);
  });

  it.each([
    ['Khazali', 1],
    ['Benghazi', 1],
    ['Milley', 1],
  ])('a thin topic gets a short briefing, no padding: "%s" → %s item', (topic, n) => {
    expect(brief(seeds, topic).items).toHaveLength(n);
  });
});

describe('a name typed with one spelling finds the others the corpus merges', () => {
  const kataeb = 'Washington has blamed the rocket and roadside bomb attacks on pro-Iran hardline groups in Iraq and has retaliated twice by bombing one of those factions, Kataeb Hezbollah.';

  it('"Kataib Hezbollah" finds 001\'s "Kataeb Hezbollah" sentence and says what else it searched', () => {
    const answer = brief(seeds, 'Kataib Hezbollah');
    expect(texts(answer)).toContain(kataeb);
    expect(answer.sources.map((s) => s.article).sort()).toEqual(['001', '002']);
    expect(answer.notes).toContain('Also searched: “Kataeb” for “Kataib” (another spelling of the name in the corpus).');
  });

  it('"Kataeb Hezbollah" finds 002\'s "Kataib Hezbollah" sentences', () => {
    const answer = brief(seeds, 'Kataeb Hezbollah');
    expect(texts(answer)).toEqual(expect.arrayContaining([kataeb, 'Kataib Hezbollah denied responsibility.']));
    expect(answer.notes).toContain('Also searched: “Kataib” for “Kataeb” (another spelling of the name in the corpus).');
  });

  it('a sentence with the other spelling carries the topic as fully as one with the typed spelling (they rank alike)', () => {
    const typed = brief(seeds, 'Qasem Soleimani');
    const other = brief(seeds, 'Qassem Soleimani');
    expect(texts(typed).sort()).toEqual(texts(other).sort());
    expect(texts(typed).some((t) => t.includes('Qassem Soleimani'))).toBe(true);
    expect(texts(typed).some((t) => t.includes('Qasem Soleimani'))).toBe(true);
  });

  it.each(['militia rocket attacks', 'embassy drawdown', 'Soleimani', 'Hezbollah'])('"%s" (no name of two words spelled two ways) searches only its own words', (topic) => {
    expect(brief(seeds, topic).notes.filter((n) => n.startsWith('Also searched'))).toEqual([]);
  });

  it('a library whose names are not merged yet makes the table on use for a topic the text writes as a name', () => {
    const fresh: Library = { corpus: seeds.corpus, index: seeds.index, retired: new Map() };
    expect(texts(brief(fresh, 'Kataib Hezbollah'))).toContain(kataeb);
  });
});

describe('a name typed with a spelling the corpus never writes', () => {
  // Only "Kataeb" in the corpus: "Kataib" is in no paragraph.
  const articles = {
    a1: ['Militia claims strike', 'Officials in Baghdad said on Tuesday that Kataeb Hezbollah, an Iraqi militia backed by Iran, had claimed the strike on the air base.', 'The statement of Kataeb Hezbollah was posted on Telegram, officials said.'],
    a2: ['Embassy reduces staff', 'The embassy reduced its staff after rocket attacks on the Green Zone, officials said on Wednesday.'],
    a3: ['Rockets hit base', 'Three rockets hit the air base on Monday, and Kataeb Hezbollah praised the attack in a statement.'],
  };

  it('"Kataib Hezbollah" finds the corpus\'s "Kataeb Hezbollah" and says what it searched', async () => {
    const library = await libraryOf(articles);
    const answer = brief(library, 'Kataib Hezbollah');
    expect(answer.items.length).toBeGreaterThan(0);
    expect(answer.sources.map((s) => s.article).sort()).toEqual(['a1', 'a3']);
    expect(answer.notes).toEqual(['Nothing says “Kataib”; searched “Kataeb”, as the corpus spells it.']);
    expect(answer.title).toMatch(/^Briefing · Kataib Hezbollah/);
  });

  it('in lower case, and on a library whose names are not merged yet; alone, offered, not searched', async () => {
    const library = await libraryOf(articles);
    expect(brief(library, 'kataib hezbollah').notes).toEqual(['Nothing says “kataib”; searched “Kataeb”, as the corpus spells it.']);
    // A word alone that differs from a name only in its vowels may be another name: suggested, not searched.
    const alone = brief(library, 'kataib');
    expect(alone.items).toEqual([]);
    expect(alone.suggestions).toEqual(['Kataeb Hezbollah']);
    expect(alone.notes.filter((n) => n.startsWith('Nothing says'))).toEqual([]);
    const fresh: Library = { corpus: library.corpus, index: library.index, retired: new Map() };
    expect(brief(fresh, 'Kataib Hezbollah').notes).toContain('Nothing says “Kataib”; searched “Kataeb”, as the corpus spells it.');
  });

  it('a word that is no transliteration of a name the corpus writes stays missing ("Kerry", "Iraqi" for "Iraq")', async () => {
    const library = await libraryOf(articles);
    for (const topic of ['Kerry', 'Iraqis strike', 'harrass']) {
      expect(brief(library, topic).notes.filter((n) => n.startsWith('Nothing says')), topic).toEqual([]);
    }
  });
});

describe('brief: the rules every answer keeps', () => {
  it.each(['', 'embassy drawdown', 'Soleimani', 'Kataib Hezbollah', 'troops', 'Pompeo'])('"%s" never repeats a headline as an item', (topic) => {
    const headlines = new Set(seeds.corpus.articles.flatMap((a) => (a.title ? [matchKey(a.title)] : [])));
    for (const t of texts(brief(seeds, topic))) expect(headlines.has(matchKey(t)), t).toBe(false);
  });

  it.each(['', 'embassy drawdown', 'Soleimani', 'Pompeo'])('"%s" shows no debris: no bylines, captions, credits, plugs or decks', (topic) => {
    for (const t of texts(brief(seeds, topic))) {
      expect(t).not.toMatch(/Getty Images|PHOTO:|Telegram|Author:|DeCamp|@|reported from Washington|contributed/);
      expect(t).toMatch(/[.!?…]["'”’)]*$/);
    }
  });

  it.each([
    [1, 1],
    [3, 3],
    [undefined, DEFAULT_BRIEF_ITEMS],
  ])('--limit %s gives at most %s items', (limit, max) => {
    const answer = brief(seeds, '', limit === undefined ? {} : { limit });
    expect(answer.items.length).toBeLessThanOrEqual(max);
    expect(answer.items.length).toBeGreaterThan(0);
  });

  it('a smaller limit keeps the most important items of the larger one, in the same order', () => {
    const six = texts(brief(seeds, 'embassy drawdown', { limit: 6 }));
    const three = texts(brief(seeds, 'embassy drawdown', { limit: 3 }));
    expect(six.slice(0, 1)).toEqual(three.slice(0, 1));
  });
});

describe('brief: a topic nothing matches', () => {
  it.each([['xyzzy quux'], ['cocoa futures']])('"%s" answers "nothing in the corpus" with no items, never padding', (topic) => {
    const answer = brief(seeds, topic);
    expect(answer.items).toEqual([]);
    expect(answer.notes[0]).toBe(`Nothing in the corpus about “${topic}”.`);
  });

  it('a misspelt name suggests the topic the corpus does cover, and every suggestion finds something', () => {
    const answer = brief(seeds, 'Solemani');
    expect(answer.items).toEqual([]);
    expect(answer.suggestions).toContain('Soleimani');
    for (const s of answer.suggestions ?? []) expect(brief(seeds, s).items.length).toBeGreaterThan(0);
  });
});

describe('brief on small hand-made corpora', () => {
  it('groups the same fact from three outlets into one item citing all three (two of them one text), and keeps a lone claim single-sourced', async () => {
    const library = await libraryOf({
      a1: ['Port strike enters second week', 'Dock workers at the port of Halden extended their strike into a second week on Monday, halting container traffic.', 'The union said the strike would go on until wages were raised by eight percent, a spokeswoman said.', 'Talks with the port authority are scheduled for Thursday.'],
      a2: ['Halden dockers stay out', 'The strike by dock workers at the port of Halden entered its second week on Monday, with container traffic halted.', 'The union said the strike would go on until wages were raised by eight percent, its spokeswoman said.', 'Shipping lines have diverted vessels to other harbours along the coast.'],
      a3: ['Strike cripples Halden port', 'Container traffic at Halden remains halted as the dock workers strike goes into a second week.', 'The union says the strike will go on until wages are raised by eight percent.', 'A fishing festival planned for the harbour weekend was cancelled by the organisers.'],
    });
    const answer = brief(library, 'strike');
    const wages = answer.items.filter((i) => /eight percent/.test(i.text));
    expect(wages).toHaveLength(1);
    expect(wages[0]!.citations.map((c) => c.article).sort()).toEqual(['a1', 'a2', 'a3']);
    // a1 and a2 word the union's claim alike (one text copied); a3 words it its own way.
    expect(wages[0]!.tags).toEqual(['3 articles · 2 reports']);
    const festival = brief(library, 'fishing festival').items.find((i) => /festival/.test(i.text));
    expect(festival?.tags).toEqual(['single source']);
    expect(verbatimViolations(library, answer)).toEqual([]);
  });

  it('removes redundancy: a fact restated in two articles is shown once', async () => {
    const library = await libraryOf({
      b1: ['Bridge closed', 'The Old Mill bridge was closed to traffic on Tuesday after engineers found cracks in two of its supporting piers.', 'Buses will be diverted through the town centre for at least a month.'],
      b2: ['Cracks close bridge', 'Engineers found cracks in two supporting piers of the Old Mill bridge, which was closed to traffic on Tuesday.', 'The council said repairs would cost about two million euros.'],
    });
    const answer = brief(library, 'bridge');
    const cracks = answer.items.filter((i) => /cracks/.test(i.text));
    expect(cracks).toHaveLength(1);
    expect(cracks[0]!.citations.map((c) => c.article).sort()).toEqual(['b1', 'b2']);
    expect(cracks[0]!.tags).toEqual(['2 independent sources']);
  });

  it('shows a sentence once though it is the fullest version of two chosen facts (Reuters 14914 carries both of 14809\'s first two sentences)', async () => {
    const dir = await reaganEmbassyFolder();
    dirs.push(dir);
    const library = buildLibrary(await loadCorpus(dir));
    const answer = brief(library, 'embassy');
    const reagan = answer.items.filter((i) => /^Reagan told reporters/.test(i.text));
    expect(reagan).toHaveLength(1);
    expect(reagan[0]!.citations.map((c) => c.article).sort()).toEqual(['reuters-14809', 'reuters-14914']);
    expect(new Set(texts(answer)).size).toBe(answer.items.length);
    expect(verbatimViolations(library, answer)).toEqual([]);
  });

  it('never shows the headline, a byline or a plug as a finding', async () => {
    const library = await libraryOf({
      c1: ['Council approves new library budget', 'By Anna Berg', 'The city council approved a new budget for the central library on Wednesday, adding funds for longer opening hours.', 'Sign up for our newsletter to get council news every morning.', 'Council approves new library budget'],
      c2: ['Library to open longer', 'The central library will open until nine in the evening from next month under the budget the council approved on Wednesday.', 'Follow us on Twitter for more local news.'],
    });
    const answer = brief(library, '');
    expect(answer.items.length).toBeGreaterThan(0);
    for (const t of texts(answer)) expect(t).not.toMatch(/^By Anna|newsletter|Follow us|^Council approves new library budget$/);
  });
});

describe('a sentence shown with the one before it', () => {
  it('is not credited to an article that carries only its first sentence', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'brief-joined-'));
    try {
      await writeFile(join(dir, 'a.txt'), 'Port strike hits Valdoria shipping\n\nDockworkers in the port of Valdoria walked off the job on Monday, halting container traffic across the harbour. That forced the port authority to divert forty cargo ships to Marenna.\n\nUnion leaders said the strike would continue until wages rose.\n');
      await writeFile(join(dir, 'b.txt'), 'Valdoria dockworkers strike\n\nDockworkers in the port of Valdoria walked off the job on Monday, halting container traffic across the harbour, officials said.\n\nThe port authority has not commented on the dockworkers strike.\n');
      const lib = buildLibrary(await loadCorpus(dir));
      const answer = brief(lib, 'dockworkers strike');
      const span = answer.items.find((i) => i.text.includes('That forced the port authority'))!;
      expect(span.text).toMatch(/^Dockworkers in the port of Valdoria walked off the job on Monday, .* That forced the port authority to divert forty cargo ships to Marenna\.$/);
      expect(span.citations.map((c) => c.article)).toEqual(['a']);
      expect(verbatimViolations(lib, answer)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
