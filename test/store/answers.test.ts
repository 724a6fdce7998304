import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { printable } from '../../src/cli/output.ts';
import { decodePng } from '../support/png.ts';
import { buildLibrary } from '../../src/library.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { importPaths } from '../../src/store/pg/import.ts';
import { searchDatabase } from '../../src/store/pg/search.ts';
import { PostgresStore } from '../../src/store/pg/store.ts';
import { memoryStore } from '../../src/store/memory.ts';
import type { CommandName } from '../../src/answer/types.ts';
import type { CorpusStore } from '../../src/store/types.ts';
import { SEED_CORPUS, seedLibrary } from '../support/seeds.ts';
import { openTestStoreDatabase, type TestStoreDatabase } from './support.ts';
import { reaganEmbassyFolder } from '../support/reagan.ts';

let store: TestStoreDatabase;
let memory: CorpusStore;
let database: PostgresStore;
/** The same database read as an archive: every question answered from its own working set only. */
let archive: PostgresStore;

beforeAll(async () => {
  store = await openTestStoreDatabase();
  await importPaths(store.pool, [SEED_CORPUS]);
  const library = await seedLibrary();
  memory = memoryStore(() => library);
  database = new PostgresStore(store.pool, { root: library.corpus.report.root, where: 'test' });
  archive = new PostgresStore(store.pool, { root: library.corpus.report.root, where: 'test', wholeCorpusUpTo: 0 });
});
afterAll(() => store.close());

/** The corpus commands (watch and schedule are the bot's own, not answers of a store). */
const QUESTIONS: Partial<Record<CommandName, string[]>> = {
  brief: ['', 'embassy drawdown', 'embassy drawdown evacuation', 'militia rocket attacks', 'security blip', 'Soleimani', 'Kadhimi', 'cocoa futures', 'qwertyuiop', 'Kataib Hezbollah', 'Kataeb Hezbollah', 'Qasem Soleimani', 'Abu Mahdi al-Mohandes', 'Kazemi', 'Suleimani strike', 'harrass'],
  timeline: ['', 'Soleimani', 'embassy', 'drawdown', 'qwertyuiop', 'Qasem Soleimani', 'Kataeb Hezbollah', 'Suleimani'],
  who: ['', 'Kadhimi', 'al-kadhimi', 'Soleimani', 'Qasem Soleimani', 'PMF', 'Tueller', 'Kadhimy', 'nobody at all'],
  source: ['', '001-p4', '001 4', '001', '000-344g', '001-zzzz', 'embassy in Baghdad draws', 'nothing-here'],
  search: ['', 'security blip', 'Straits Times', 'the US embassy in Baghdad will draw down staff'],
  corpus: [''],
};

describe('the PostgreSQL store answers as the in-memory store does', () => {
  for (const [command, queries] of Object.entries(QUESTIONS) as Array<[CommandName, string[]]>) {
    it(`/${command}: the same answer, item by item, for every question on the seeds`, async () => {
      for (const query of queries) {
        const expected = await memory.ask(command, query);
        const got = await database.ask(command, query);
        // The report names where the corpus is: the database, not the folder the memory store read.
        if (command === 'corpus') expect(got.title).toBe('Corpus · test');
        if (command === 'corpus') expected.title = got.title;
        expect(got.items, `${command} ${query}`).toEqual(expected.items);
        expect(got, `${command} ${query}`).toEqual(expected);
      }
    });
  }

  it('answers a topic from the working set of its search hits alone, as the whole corpus would', async () => {
    const topics: Array<[CommandName, string]> = [
      ['brief', 'embassy drawdown'], ['brief', 'security blip'], ['brief', 'Kataib Hezbollah'], ['timeline', 'Soleimani'], ['timeline', 'Qasem Soleimani'], ['timeline', 'embassy'],
      ['search', 'security blip'], ['source', '001-p4'], ['source', '000-344g'], ['who', 'Kadhimi'], ['who', 'Tueller'],
    ];
    for (const [command, query] of topics) expect(await archive.ask(command, query), `${command} ${query}`).toEqual(await memory.ask(command, query));
  });

  it('a name typed with one spelling finds the others on both stores: the briefing, and the articles a watch counts sources among', async () => {
    for (const store of [database, archive]) {
      const answer = await store.ask('brief', 'Kataib Hezbollah');
      expect(answer.items.map((i) => i.citations[0]!.article)).toContain('001');
      expect(answer.notes).toContain('Also searched: “Kataeb” for “Kataib” (another spelling of the name in the corpus).');
      const found = await store.searchArticles('Kataib Hezbollah', 60);
      const expected = await memory.searchArticles('Kataib Hezbollah', 60);
      expect(found.articles.map((a) => a.id).sort()).toEqual(['001', '002']);
      expect(found.articles.map((a) => a.id).sort()).toEqual(expected.articles.map((a) => a.id).sort());
      expect(found.found).toBe(expected.found);
    }
  });

  it('answers a whole-corpus question about an archive from its most recent days, and says so', async () => {
    const answer = await archive.ask('brief', '');
    expect(answer.title).toMatch(/^Briefing · recent articles — /);
    expect(answer.notes[0]).toBe('An archive: this answer reads the last 3 days (2 Dec 2020 – 3 Dec 2020): 4 of 5 articles. Give a topic for a closer look.');
    expect(answer.sources.map((s) => s.article)).not.toContain('004');
    expect(answer.items.length).toBeGreaterThan(0);
  });

  it('reports an archive with whole-archive counts, lists its recent articles as such, and names the database', async () => {
    const whole = await memory.ask('corpus', '');
    const answer = await archive.ask('corpus', '');
    expect(answer.title).toBe('Corpus · test');
    expect(answer.notes[0]).toBe("An archive: the articles listed are the last 3 days (2 Dec 2020 – 3 Dec 2020): 4 of 5 articles; the counts are the whole archive's.");
    // The same counts as the whole corpus in memory, not the window's (5 articles, 5 dated: never "4 dated, 1 without a date").
    expect(answer.notes[1]).toBe(whole.notes[0]);
    expect(answer.notes[1]).toMatch(/^5 articles, .*; 5 dated, 0 without a date;/);
    expect(answer.items.filter((i) => i.section === 'article').map((i) => i.label)).not.toContain('004');
  });

  it('offers the same /source choices as the in-memory store', async () => {
    for (const typed of ['', '0', '00', '001', '001-', '001-p1', 'embassy', 'Baghdad draws', 'zzz']) {
      expect(await database.choices('source', typed), typed).toEqual(await memory.choices('source', typed));
    }
  });

  it('offers /who names as they are typed', async () => {
    const names = (await database.choices('who', 'kad')).map((c) => c.value);
    expect(names).toEqual(expect.arrayContaining(['Mustafa al-Kadhimi']));
    expect((await database.choices('who', 'solei')).map((c) => c.value)).toEqual(expect.arrayContaining(['Qassem Soleimani']));
  });

  it('gives the paragraphs behind citations for the Sources button', async () => {
    const texts = await database.paragraphTexts(['000-344g', 'nope']);
    expect([...texts.keys()]).toEqual(['000-344g']);
    expect(texts.get('000-344g')).toBe((await memory.paragraphTexts(['000-344g'])).get('000-344g'));
  });
});

describe('`npm run ask` on the database store prints and writes what the in-memory path does', () => {
  const run = promisify(execFile);
  const ROOT = fileURLToPath(new URL('../..', import.meta.url));
  const cli = async (...args: string[]) => {
    const env = { ...process.env, DATABASE_URL: store.url, CORPUS_STORE: 'postgres', CORPUS_DIR: SEED_CORPUS, CACHE_DIR: 'off' };
    return run(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...args], { cwd: ROOT, env });
  };

  it('timeline --chart writes the PNG (it was ignored on the database path) and prints the text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chart-pg-'));
    try {
      const path = join(dir, 'out.png');
      const { stdout, stderr } = await cli('timeline', 'embassy', '--chart', path);
      expect(stdout).toBe(`${printable(await memory.ask('timeline', 'embassy'), { json: false })}\n`);
      expect(stderr).toMatch(/chart: \d+ events → .*out\.png \(1040×\d+ px\)/);
      expect(decodePng(await readFile(path)).width).toBe(1040);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['timeline', 'embassy', 'md'],
    ['timeline', 'embassy', 'timelinejs'],
    ['who', '', 'csv'],
  ] as const)('%s %s --format %s --limit 3 prints the same export as the in-memory store', async (command, topic, format) => {
    const { stdout } = await cli(command, ...(topic ? [topic] : []), '--format', format, '--limit', '3');
    expect(stdout).toBe(`${printable(await memory.ask(command, topic, { limit: 3 }), { json: false, format })}\n`);
  });
});

describe('other spellings of a name on an archive: found through the names of the whole archive, not the working set', () => {
  // 001 writes "Kataeb Hezbollah" in a long paragraph; seventy short ones say "Hezbollah" twice, so a search
  // for "Kataib Hezbollah" alone ranks 001 below its best 60 paragraphs (what /brief reads), and the working
  // set of those hits never holds the other spelling.
  let spelled: TestStoreDatabase;
  let dir: string;
  let inMemory: CorpusStore;
  let onArchive: PostgresStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spellings-'));
    const article = (id: string, date: string, ...paragraphs: string[]) =>
      writeFile(join(dir, `${id}.md`), `---\nid: "${id}"\npublished: ${date}\n---\n${paragraphs.join('\n\n')}\n`);
    await article('000', '2021-03-01', 'Rockets hit the base', 'Kataib Hezbollah, an Iraqi militia close to Iran, denied firing the rockets at the air base on Monday.');
    await article('001', '2021-03-02', 'Militia claims strike', 'Officials in Baghdad, who spoke on condition of anonymity because they were not allowed to brief reporters, said on Tuesday that Kataeb Hezbollah, an Iraqi militia backed by Iran, had claimed the strike on the air base.');
    for (let i = 0; i < 70; i++) await article(`f${String(i).padStart(2, '0')}`, '2021-02-01', `Statement ${i}`, `Hezbollah said Hezbollah would respond, statement ${i} said.`);
    spelled = await openTestStoreDatabase();
    await importPaths(spelled.pool, [dir]);
    const library = buildLibrary(await loadCorpus(dir));
    inMemory = memoryStore(() => library);
    onArchive = new PostgresStore(spelled.pool, { root: dir, where: 'test', wholeCorpusUpTo: 0 });
  });
  afterAll(async () => {
    await spelled.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the plain search misses 001; the topic search finds it in memory and on the archive, with the same answer', async () => {
    const plain = await searchDatabase(spelled.pool, 'Kataib Hezbollah', { limit: 60 });
    expect(plain.map((h) => h.id.split('-')[0])).not.toContain('001');
    const memory = await inMemory.ask('brief', 'Kataib Hezbollah');
    expect(memory.items.map((i) => i.citations[0]!.article)).toContain('001');
    expect(await onArchive.ask('brief', 'Kataib Hezbollah')).toEqual(memory);
    expect((await onArchive.searchArticles('Kataib Hezbollah', 60)).articles.map((a) => a.id)).toContain('001');
    expect((await inMemory.searchArticles('Kataib Hezbollah', 60)).articles.map((a) => a.id)).toContain('001');
  });
});

describe('a name typed with a spelling the archive never writes: the names it transliterates, on both stores', () => {
  // Only "Kataeb" in the corpus; "Kataib" is in no paragraph.
  let only: TestStoreDatabase;
  let dir: string;
  let inMemory: CorpusStore;
  let onDatabase: PostgresStore;
  let onArchive: PostgresStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unwritten-'));
    const article = (id: string, date: string, ...paragraphs: string[]) =>
      writeFile(join(dir, `${id}.md`), `---\nid: "${id}"\npublished: ${date}\n---\n${paragraphs.join('\n\n')}\n`);
    await article('a1', '2021-03-01', 'Militia claims strike', 'Officials in Baghdad said on Tuesday that Kataeb Hezbollah, an Iraqi militia backed by Iran, had claimed the strike on the air base.');
    await article('a2', '2021-03-02', 'Embassy reduces staff', 'The embassy reduced its staff after rocket attacks on the Green Zone, officials said on Wednesday.');
    await article('a3', '2021-03-03', 'Rockets hit base', 'Three rockets hit the air base on Monday, and Kataeb Hezbollah praised the attack in a statement.');
    only = await openTestStoreDatabase();
    await importPaths(only.pool, [dir]);
    const library = buildLibrary(await loadCorpus(dir));
    inMemory = memoryStore(() => library);
    onDatabase = new PostgresStore(only.pool, { root: dir, where: 'test' });
    onArchive = new PostgresStore(only.pool, { root: dir, where: 'test', wholeCorpusUpTo: 0 });
  });
  afterAll(async () => {
    await only.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('/brief Kataib Hezbollah finds "Kataeb Hezbollah" with the same answer and note in memory, on the database and on the archive', async () => {
    const memory = await inMemory.ask('brief', 'Kataib Hezbollah');
    expect(memory.sources.map((s) => s.article).sort()).toEqual(['a1', 'a3']);
    expect(memory.notes).toContain('Nothing says “Kataib”; searched “Kataeb”, as the corpus spells it.');
    expect(await onDatabase.ask('brief', 'Kataib Hezbollah')).toEqual(memory);
    expect(await onArchive.ask('brief', 'Kataib Hezbollah')).toEqual(memory);
  });

  it('a watch on "Kataib Hezbollah" gets the same spellings from the archive as from memory, and the articles a watch counts among', async () => {
    const expected = [{ word: 'Kataib', also: ['Kataeb'], unwritten: true }];
    expect((await inMemory.topicSpellings(['Kataib Hezbollah', 'embassy'])).get('Kataib Hezbollah')).toEqual(expected);
    const got = await onArchive.topicSpellings(['Kataib Hezbollah', 'embassy', 'Iraqis', 'Kataib']);
    expect(got.get('Kataib Hezbollah')).toEqual(expected);
    expect(got.get('embassy')).toEqual([]);
    expect(got.get('Iraqis')).toEqual([]);
    // Alone, a word that differs from the name only in its vowels is not searched as it, on either store.
    expect(got.get('Kataib') ?? []).toEqual([]);
    expect((await inMemory.topicSpellings(['Kataib'])).get('Kataib') ?? []).toEqual([]);
    expect((await onArchive.searchArticles('Kataib Hezbollah', 60)).articles.map((a) => a.id).sort()).toEqual(['a1', 'a3']);
    expect((await inMemory.searchArticles('Kataib Hezbollah', 60)).articles.map((a) => a.id).sort()).toEqual(['a1', 'a3']);
  });
});

describe('one sentence that carries two facts another article states apart (Reuters 14914 and 14809), on both stores', () => {
  let db: TestStoreDatabase;
  let dir: string;
  beforeAll(async () => {
    dir = await reaganEmbassyFolder();
    db = await openTestStoreDatabase();
    await importPaths(db.pool, [dir]);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('/brief embassy shows the Reagan sentence once, the same in memory, on the database and on the archive', async () => {
    const library = buildLibrary(await loadCorpus(dir));
    const memory = await memoryStore(() => library).ask('brief', 'embassy');
    const texts = memory.items.map((i) => i.text);
    expect(texts.filter((t) => /^Reagan told reporters/.test(t))).toHaveLength(1);
    expect(new Set(texts).size).toBe(texts.length);
    expect(await new PostgresStore(db.pool, { root: dir, where: 'test' }).ask('brief', 'embassy')).toEqual(memory);
    expect(await new PostgresStore(db.pool, { root: dir, where: 'test', wholeCorpusUpTo: 0 }).ask('brief', 'embassy')).toEqual(memory);
  });
});
