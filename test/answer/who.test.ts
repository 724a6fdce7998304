import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { who, DEFAULT_WHO_NAMES } from '../../src/answer/who.ts';
import { ask } from '../../src/answer/index.ts';
import { buildLibrary, openLibraryWithReport, updateFiles, type Library } from '../../src/library.ts';
import { loadCorpus, readCorpusFile } from '../../src/corpus/load.ts';
import { ENTITY_ANALYSIS, ENTITY_CACHE, analyseArticleEntities } from '../../src/analyse/entities.ts';
import { restoreAnalyses, storeAnalyses } from '../../src/analyse/all.ts';
import { knownNames, nameChoices } from '../../src/discord/choices.ts';
import { ANSWERS } from '../../src/answer/index.ts';
import { seedCopy, seedLibrary } from '../support/seeds.ts';
import { verbatimViolations } from '../support/verbatim.ts';
import { renderText } from '../../src/render/text.ts';
import { renderAnswer, renderShort } from '../../src/discord/render.ts';
import { escapeMarkdown } from '../../src/discord/text.ts';
import { corpusOf } from '../analyse/entities-fixtures.ts';

let library: Library;
beforeAll(async () => {
  library = await seedLibrary();
});

const temps: string[] = [];
afterEach(async () => {
  for (const d of temps.splice(0)) await rm(d, { recursive: true, force: true });
});
async function whoCorpus(): Promise<string> {
  const dir = await seedCopy('who-corpus-');
  temps.push(dir);
  return dir;
}

describe('who with no name: the list', () => {
  it('lists at least the people of the issue, most reported first, each with name, kind, aliases and mentions', () => {
    const answer = who(library, '', { limit: 100 });
    const names = answer.items.map((i) => String(i.name));
    for (const surname of ['Tueller', 'Fakhrizadeh', 'Soleimani', 'Pompeo', 'Rouhani', 'Biden', 'Trump', 'al-Kadhimi', 'Qaani', 'al-Khazali', 'Milley', 'Salih', 'Zarif', 'Vakil']) {
      const item = answer.items.find((i) => String(i.name).endsWith(surname));
      expect(item, surname).toBeDefined();
      expect(item!.kind, surname).toBe('person');
    }
    const articles = answer.items.map((i) => Number(i.articles));
    expect(articles).toEqual([...articles].sort((a, b) => b - a));
    expect(names[0]).toBe('Donald Trump');
    for (const item of answer.items) {
      expect(item.label).toBe(item.name);
      expect(Array.isArray(item.aliases)).toBe(true);
      expect(typeof item.mentions).toBe('number');
      expect(item.citations.length).toBe(item.articles);
    }
  });

  it('shows under an organisation words about it, not a sentence about someone else\'s death (issue 17)', () => {
    const items = who(library, '', { limit: 100 }).items;
    const text = (name: string) => items.find((i) => i.name === name)?.text;
    expect(text('Popular Mobilization Force')).toBe('Popular Mobilization Force (PMF), a group of mostly Shia Iraqi state-sponsored militias formed in 2014 to fight ISIS');
    expect(text('Islamic State')).toBe('Other groups in Iraq could stand to gain from provoking a war between Iran and the US, like ISIS, who celebrated the US assassination of Soleimani.');
    expect(text('Asaib Ahl al-Haq')).toMatch(/^Since Asaib Ahl al-Haq is a Shia militia/);
    // Named once in passing: the clause that names it, not Sanam Vakil's quote.
    expect(text('Chatham House')).toBe('… the deputy head of the Middle East and North Africa Programme at Chatham House in London.');
    for (const item of items) if (item.kind === 'organisation') expect(item.text, String(item.name)).not.toMatch(/^Soleimani was killed/);
  });

  it('cites every article that mentions an entity under any spelling', () => {
    const item = who(library, '', {}).items.find((i) => i.name === 'Qassem Soleimani')!;
    expect(item.citations.map((c) => c.article).sort()).toEqual(['000', '002', '003', '004']);
    expect(item.aliases).toEqual(['Qasem Soleimani', 'Soleimani']);
  });

  it('shows DEFAULT_WHO_NAMES names without --limit and says how many more there are', () => {
    const answer = who(library, '', {});
    expect(answer.items).toHaveLength(Math.min(DEFAULT_WHO_NAMES, library.entities!.entities.length));
    expect(answer.more).toEqual([{ shown: 25, total: expect.any(Number), unit: 'names', chosen: 'the most reported first' }]);
    expect(answer.more![0]!.total).toBeGreaterThan(25);
    expect(answer.notes.join(' ')).not.toMatch(/--limit/); // each door words its own way to see more
  });
});

describe('who <name>: a profile', () => {
  it('shows verbatim descriptors, mentions and the sources of every article', () => {
    const answer = who(library, 'Soleimani', {});
    expect(answer.title).toMatch(/^Qassem Soleimani — person · also written Qasem Soleimani, Soleimani · 4 articles, 7 mentions$/);
    const descriptors = answer.items.filter((i) => i.section === 'descriptor').map((i) => i.text);
    expect(descriptors).toContain('top Iranian general Qassem Soleimani');
    expect(descriptors).toContain('senior Iranian military leader Qasem Soleimani');
    expect(answer.items.some((i) => i.section === 'mention')).toBe(true);
    expect(answer.sources.map((s) => s.article).sort()).toEqual(['000', '002', '003', '004']);
    expect(verbatimViolations(library, answer)).toEqual([]);
  });

  it.each([
    ['Sanam Vakil', 'Sanam Vakil, the deputy head of the Middle East and North Africa Programme at Chatham House in London', 2],
    ['Biden', 'President-elect Joe Biden', 1],
    ['Milley', 'Army Gen. Mark Milley', 1],
  ])('%s: the descriptor "%s" and %i quote(s) the entity speaks', (name, descriptor, quotes) => {
    const answer = who(library, name, {});
    expect(answer.items.filter((i) => i.section === 'descriptor').map((i) => i.text)).toContain(descriptor);
    expect(answer.items.filter((i) => i.section === 'quote')).toHaveLength(quotes);
  });

  it('gives Biden the quote "…," Mr Biden said, with its citation', () => {
    const quote = who(library, 'Biden', {}).items.find((i) => i.section === 'quote')!;
    expect(quote.text).toBe('“It’s going to be hard, but yeah,” Mr Biden said.');
    expect(quote.citations[0]!.article).toBe('000');
  });

  it('names related names in a note and keeps each section within --limit', () => {
    const answer = who(library, 'Trump', { limit: 2 });
    expect(answer.items.filter((i) => i.section === 'mention').length).toBeLessThanOrEqual(2);
    expect(answer.more).toContainEqual({ shown: expect.any(Number), total: expect.any(Number), unit: 'mentions' });
    expect(answer.notes.find((n) => n.startsWith('Related: '))).toBeDefined();
    expect(answer.suggestions).toBeUndefined(); // found: nothing to try instead
  });
});

describe('each list shown once, in every door', () => {
  /** How often `name` is written in the remarks every door shows (the notes, the "Try:" line). */
  const remarks = (query: string) => {
    const answer = who(library, query, {});
    const text = renderText(answer);
    const discord = renderAnswer(answer, { page: 0, ids: () => 'x' });
    const field = discord.embeds[0]!.fields?.find((f) => f.name === 'Notes')?.value ?? '';
    const terminal = text.split('\n').filter((l) => /^(Note|Try): /.test(l)).join('\n');
    const short = answer.items.length ? '' : renderShort(answer);
    return { answer, count: (name: string) => ({ terminal: terminal.split(name).length - 1, discord: (answer.items.length ? field : short).split(escapeMarkdown(name)).length - 1 }) };
  };

  it.each(['Soleimani', 'Kadhimi', 'Pompeo'])('/who %s names each related name once, and no spelling the title already gives', (query) => {
    const { answer, count } = remarks(query);
    const related = answer.notes.find((n) => n.startsWith('Related: '))!.slice('Related: '.length, -1).split(', ');
    expect(related.length).toBeGreaterThan(0);
    for (const name of related) expect(count(name), name).toEqual({ terminal: 1, discord: 1 });
    // Every other spelling is written once: in the title, or (those it has no room for) in the note.
    const aliases = who(library, '', { limit: 1000 }).items.find((i) => i.name === answer.items[0]!.name)!.aliases as string[];
    expect(aliases.length).toBeGreaterThan(0);
    const also = answer.notes.find((n) => n.startsWith('Also written: ')) ?? '';
    for (const a of aliases) expect([answer.title.includes(` ${a}`), also.includes(` ${a}`)].filter(Boolean), a).toHaveLength(1);
  });

  it('/who Xyzzy Plugh names the most reported once, as suggestions the note announces', () => {
    const { answer, count } = remarks('Xyzzy Plugh');
    expect(answer.notes).toEqual(['Nothing about "Xyzzy Plugh" in the corpus: no person or organisation of that name. The most reported names are suggested below.']);
    expect(answer.suggestions!.length).toBeGreaterThan(0);
    for (const name of answer.suggestions!) expect(count(name), name).toEqual({ terminal: 1, discord: 1 });
  });

  it('says the nearest names once for a misspelling', () => {
    const { answer, count } = remarks('Pompeyo Mikael');
    expect(answer.notes[0]).toMatch(/The nearest names are suggested below\.$/);
    expect(count('Mike Pompeo')).toEqual({ terminal: 1, discord: 1 });
  });
});

describe('forgiving lookup', () => {
  it.each([
    ['exact name', 'Mustafa al-Kadhimi', 'Mustafa al-Kadhimi'],
    ['lower case', 'mustafa al-kadhimi', 'Mustafa al-Kadhimi'],
    ['an accent', 'Kádhimi', 'Mustafa al-Kadhimi'],
    ['"al-" left out', 'Mustafa Kadhimi', 'Mustafa al-Kadhimi'],
    ['"al-" added', 'al-kadhimi', 'Mustafa al-Kadhimi'],
    ['a surname alone', 'Tueller', 'Matthew Tueller'],
    ['one typo', 'Solemani', 'Qassem Soleimani'],
    ['another transliteration', 'Qasem Soleimani', 'Qassem Soleimani'],
    ['a spelling nobody wrote', 'Abu Mahdi al-Muhandes', 'Abu Mahdi al-Mohandes'],
    ['an acronym', 'pmf', 'Popular Mobilization Force'],
    ['an acronym of a built-in alias', 'ISIS', 'Islamic State'],
    ['a prefix', 'Fakhri', 'Mohsen Fakhrizadeh'],
  ])('%s: "%s" → %s', (_how, query, name) => {
    const answer = who(library, query, {});
    expect(answer.title.startsWith(`${name} — `), answer.title).toBe(true);
  });

  it('says when it shows a closest match rather than the name asked for', () => {
    expect(who(library, 'Solemani', {}).notes[0]).toBe('No name is exactly "Solemani"; showing Qassem Soleimani, the closest match.');
    expect(who(library, 'Soleimani', {}).notes.join(' ')).not.toMatch(/closest match/);
  });

  it('answers "nothing about X" with suggestions when no name matches', () => {
    const answer = who(library, 'Zorro', {});
    expect(answer.items).toEqual([]);
    expect(answer.notes[0]).toMatch(/^Nothing about "Zorro" in the corpus/);
    expect(answer.suggestions!.length).toBeGreaterThan(0);
    const typo = who(library, 'Pompeyo Mikael', {});
    expect(typo.items).toEqual([]);
    expect(typo.suggestions).toContain('Mike Pompeo');
  });

  it('counts the articles that describe or mention a name as /brief counts a fact: one wire report is one source', () => {
    const wire = 'Ambassador Matthew Tueller will stay in Baghdad with a small team of diplomats, officials said.';
    const lib = buildLibrary(corpusOf({
      w1: [`BAGHDAD (AFP) - ${wire}`],
      w2: [`${wire.replace('officials said', 'officials told AFP')}`],
      w3: [wire],
      w4: [wire],
      p1: ['Ambassador Matthew Tueller is remaining in Iraq while some staff leave, The Washington Post reported.'],
    }));
    const answer = who(lib, 'Tueller', {});
    const descriptor = answer.items.find((i) => i.section === 'descriptor' && i.text === 'Ambassador Matthew Tueller')!;
    expect(descriptor.citations.map((c) => c.article).sort()).toEqual(['p1', 'w1', 'w2', 'w3', 'w4']);
    expect(descriptor.tags).toEqual(['5 articles · 2 reports (AFP, The Washington Post)']);
    // The same sentence in two articles that name no source: one text copied, one report (not "2 sources").
    const copies = answer.items.find((i) => i.section === 'mention' && i.text === wire)!;
    expect(copies.citations.map((c) => c.article)).toEqual(['w3', 'w4']);
    expect(copies.tags).toEqual(['2 articles · 1 report']);
    expect(verbatimViolations(lib, answer)).toEqual([]);
  });

  it('tags a quote several articles carry as a description is tagged: wire copy is one report', () => {
    const quote = '"The embassy continues to operate," Ambassador Matthew Tueller said in a statement.';
    const lib = buildLibrary(corpusOf({
      w1: [`BAGHDAD (AFP) - Staff are leaving the embassy, officials told AFP.`, quote],
      w2: [`Staff are leaving the embassy, Iraqi officials told AFP on Wednesday.`, quote],
      p1: ['Ambassador Matthew Tueller is remaining in Iraq while some staff leave, The Washington Post reported.'],
    }));
    const answer = who(lib, 'Tueller', {});
    const said = answer.items.find((i) => i.section === 'quote' && i.text === quote)!;
    expect(said.citations.map((c) => c.article)).toEqual(['w1', 'w2']);
    expect(said.tags).toEqual(['2 articles · 1 report (AFP)']);
    const single = answer.items.filter((i) => i.section === 'quote' && i.citations.length === 1);
    for (const item of single) expect(item.tags ?? []).toEqual([]);
    expect(verbatimViolations(lib, answer)).toEqual([]);
  });

  it('lists every entity a shared surname could mean', () => {
    const lib = buildLibrary(corpusOf({
      a1: ['Qais al-Khazali, the leader of the Asaib Ahl al-Haq militia, spoke.'],
      a2: ['Laith al-Khazali, a senior commander of the militia, was released.'],
    }));
    const answer = who(lib, 'Khazali', {});
    expect(answer.items.map((i) => i.name)).toEqual(['Qais al-Khazali', 'Laith al-Khazali']);
    expect(answer.notes[0]).toMatch(/2 people and organisations answer to "Khazali"/);
    expect(verbatimViolations(lib, answer)).toEqual([]);
  });
});

describe('the alias file in the corpus folder', () => {
  it('merges, splits and drops names as the editor says, and reports its bad lines', async () => {
    const dir = await whoCorpus();
    await writeFile(join(dir, 'aliases.txt'), '# fixes\nQassem Soleimani != Soleimani\nStaatsdepartement = State Department\nChatham House : not a name\nbroken line\n');
    const lib = buildLibrary(await loadCorpus(dir));
    expect(lib.corpus.articles).toHaveLength(5); // the alias file is not an article
    const list = who(lib, '', { limit: 100 });
    const names = list.items.map((i) => i.name);
    expect(names).not.toContain('Chatham House');
    expect(names).toContain('Staatsdepartement');
    expect(list.items.find((i) => i.name === 'Qassem Soleimani')!.aliases).toEqual(['Qasem Soleimani']);
    expect(list.notes.join(' ')).toMatch(/Alias file: aliases.txt:5: expected/);
  });
});

describe('snapshots carry the entities', () => {
  it('store and restore one article\'s names as plain JSON', () => {
    for (const article of library.corpus.articles) {
      const value = analyseArticleEntities(article);
      const stored = JSON.parse(JSON.stringify(ENTITY_ANALYSIS.store(value, article)));
      expect(ENTITY_ANALYSIS.restore(stored, article)).toEqual(value);
    }
  });

  it('are registered for snapshots: stored by name and seeded back into the cache', () => {
    const article = library.corpus.articles[2]!;
    const stored = JSON.parse(JSON.stringify(storeAnalyses(article))) as Record<string, unknown>;
    expect(Object.keys(stored)).toContain('entities');
    const copy = { ...article, paragraphs: article.paragraphs.map((p) => ({ ...p })) };
    restoreAnalyses(copy, stored);
    expect(ENTITY_CACHE.has(copy)).toBe(true);
    expect(ENTITY_CACHE.get(copy).mentions.map((m) => [m.paragraphId, m.text])).toEqual(ENTITY_CACHE.get(article).mentions.map((m) => [m.paragraphId, m.text]));
  });

  it('refuse a stored result that does not fit its article', () => {
    const article = library.corpus.articles[0]!;
    expect(() => ENTITY_ANALYSIS.restore({ m: [[99, 0, 0, 3, 0, 0, 0, -1]], q: [] }, article)).toThrow(/entities of 000/);
  });

  it('answer the same after a restart from the snapshot', async () => {
    const dir = await whoCorpus();
    const cacheDir = await mkdtemp(join(tmpdir(), 'who-cache-'));
    temps.push(cacheDir);
    const first = await openLibraryWithReport(dir, { cacheDir });
    const second = await openLibraryWithReport(dir, { cacheDir });
    expect(second.report.snapshot).toBe('used');
    for (const q of ['', 'Soleimani', 'Kadhimi', 'PMF']) expect(who(second.library, q, {})).toEqual(who(first.library, q, {}));
  });
});

describe('who after a live update', () => {
  it('rebuilds the entities from the changed file only and answers with the new names', async () => {
    const dir = await whoCorpus();
    const lib = buildLibrary(await loadCorpus(dir));
    expect(who(lib, 'Zarif', {}).title).toMatch(/^Mohammad Javad Zarif — person/);
    await writeFile(join(dir, '005.md'), '---\nid: "005"\n---\nA new story\n\nForeign Minister Mohammad Javad Zarif met Iraqi Prime Minister Mustafa al-Kadhimi in Baghdad on Sunday.\n');
    const result = await readCorpusFile(dir, join(dir, '005.md'));
    updateFiles(lib, [result!], []);
    const zarif = who(lib, 'Zarif', {});
    expect(zarif.title).toMatch(/· 2 articles, 2 mentions$/);
    expect(zarif.sources.map((s) => s.article)).toContain('005');
  });
});

describe('who through ask and autocomplete', () => {
  it('is registered: ask answers who', () => {
    expect(ask(library, 'who', 'Pompeo').title).toMatch(/^Mike Pompeo — person/);
  });

  it('offers the known names for a prefix, most reported first, then other spellings; 25 at most', () => {
    const names = knownNames(library, ANSWERS.who);
    expect(names).toContain('Qassem Soleimani');
    expect(nameChoices(names, 'sol').map((c) => c.value)).toEqual(['Qassem Soleimani', 'Qasem Soleimani']);
    expect(nameChoices(names, 'pmf').map((c) => c.value)).toEqual(['PMF']);
    expect(names).not.toContain('Kadhimi'); // already inside "Mustafa al-Kadhimi"
    expect(nameChoices(names, '').length).toBeLessThanOrEqual(25);
  });
});
