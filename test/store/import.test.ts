import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase } from '../../src/db/database.ts';
import { up } from '../../src/db/migrations/008-corpus-article-note.ts';
import { ArticleCache, loadArticles } from '../../src/store/pg/working.ts';
import { IMPACT_DRIFT, importPaths } from '../../src/store/pg/import.ts';
import { searchDatabase } from '../../src/store/pg/search.ts';
import { archiveIsEmpty, deferIndexes, restoreIndexes } from '../../src/store/pg/indexes.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { SEED_CORPUS, seedCopy } from '../support/seeds.ts';
import { MAX_RETIRED } from '../../src/library.ts';
import { analysisVersion } from '../../src/store/pg/analysis.ts';
import { PostgresStore } from '../../src/store/pg/store.ts';
import { reportStore } from '../../src/store/pg/serve.ts';
import { createLogger } from '../../src/log.ts';
import { openTestStoreDatabase, type TestStoreDatabase } from './support.ts';
import { ProgressReporter, type LoadProgress } from '../../src/progress.ts';
import { terminalProgress } from '../../src/cli/progress.ts';

let store: TestStoreDatabase;
let dir: string;

beforeAll(async () => {
  store = await openTestStoreDatabase();
  dir = await seedCopy('import-');
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const count = async (table: string) => Number((await store.pool.query(`select count(*) as n from ${table}`)).rows[0].n);

describe('importing a corpus into PostgreSQL', () => {
  it('loads every article and paragraph with the ids, text and sentence spans the loader makes', async () => {
    const summary = await importPaths(store.pool, [dir]);
    const corpus = await loadCorpus(dir);
    expect(summary).toMatchObject({ added: 5, changed: 0, articles: corpus.report.articles, paragraphs: corpus.report.paragraphs });
    expect(await count('corpus_articles')).toBe(corpus.report.articles);
    const { rows } = await store.pool.query('select id, text, sentences, n from corpus_paragraphs order by id');
    expect(rows.map((r) => r.id)).toEqual([...corpus.paragraphById.keys()].sort());
    for (const row of rows) {
      const p = corpus.paragraphById.get(row.id)!;
      expect(row.text).toBe(p.text);
      expect(row.n).toBe(p.n);
      expect(row.sentences).toEqual(p.sentences.flatMap((s) => [s.start, s.end]));
    }
    const stats = Object.fromEntries((await store.pool.query('select key, value from corpus_stats')).rows.map((r) => [r.key, Number(r.value)]));
    expect(stats).toMatchObject({ articles: 5, paragraphs: corpus.report.paragraphs });
  });

  it('skips files whose content has not changed', async () => {
    const summary = await importPaths(store.pool, [dir]);
    expect(summary).toMatchObject({ added: 0, changed: 0, unchanged: 5, articles: 0 });
    expect(await count('corpus_articles')).toBe(5);
  });

  it('replaces a changed file, keeping unchanged paragraph ids and retiring the edited one with the reason', async () => {
    const file = join(dir, '001_331889c918708f60.txt');
    const before = (await store.pool.query(`select id, text from corpus_paragraphs where id like '001-%' order by n`)).rows as Array<{ id: string; text: string }>;
    const edited = before[3]!;
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(edited.text, `${edited.text} (Corrected.)`));
    const summary = await importPaths(store.pool, [dir]);
    expect(summary).toMatchObject({ added: 0, changed: 1, unchanged: 4, retired: 1 });
    const after = (await store.pool.query(`select id from corpus_paragraphs where id like '001-%' order by n`)).rows.map((r) => r.id);
    expect(after).toHaveLength(before.length);
    for (const p of before) if (p !== edited) expect(after).toContain(p.id);
    expect(after).not.toContain(edited.id);
    const retired = (await store.pool.query('select reason from corpus_retired where id = $1', [edited.id])).rows[0];
    expect(retired.reason).toBe('changed or removed when 001_331889c918708f60.txt was edited');
    // The statistics follow: one paragraph out, one in.
    const stats = Object.fromEntries((await store.pool.query('select key, value from corpus_stats')).rows.map((r) => [r.key, Number(r.value)]));
    expect(stats.paragraphs).toBe((await loadCorpus(dir)).report.paragraphs);
  });

  it('with --prune, removes files that left the folder and retires their ids', async () => {
    await rm(join(dir, '004_0ea427f8fc71280e.txt'));
    const summary = await importPaths(store.pool, [dir], { prune: true });
    expect(summary).toMatchObject({ removed: 1 });
    expect(await count(`corpus_articles where id = '004'`)).toBe(0);
    expect(await count(`corpus_paragraphs where id like '004-%'`)).toBe(0);
    const reasons = (await store.pool.query(`select distinct reason from corpus_retired where id like '004-%'`)).rows.map((r) => r.reason);
    expect(reasons).toEqual(['removed with 004_0ea427f8fc71280e.txt']);
    // Document frequencies come back down: no term is left counted for paragraphs that are gone.
    const { rows } = await store.pool.query('select sum(df_text)::int as postings from corpus_terms');
    const live = (await store.pool.query('select coalesce(sum(cardinality(terms)), 0)::int as n from corpus_paragraphs')).rows[0].n;
    expect(rows[0].postings).toBe(live);
  });

  it('reports a duplicate article id from another file and skips it, as the loader does', async () => {
    await writeFile(join(dir, 'copy.md'), '---\nid: "000"\ntitle: A copy\n---\nSomething else entirely was said about the embassy today.\n');
    const summary = await importPaths(store.pool, [dir]);
    expect(summary.added).toBe(1);
    const problems = (await store.pool.query(`select path, message from corpus_problems where path = 'copy.md'`)).rows;
    expect(problems).toEqual([{ path: 'copy.md', message: expect.stringMatching(/^duplicate id `000`, already used by 000_/) }]);
  });
});

describe('the indexes of a bulk import', () => {
  const indexes = async (db: TestStoreDatabase) =>
    (await db.pool.query<{ name: string; definition: string }>(`select indexname as name, indexdef as definition from pg_indexes where tablename like 'corpus%' order by indexname`)).rows;
  const aside = async (db: TestStoreDatabase) => Number((await db.pool.query('select count(*) as n from corpus_deferred_indexes')).rows[0].n);

  it('into an empty archive, sets the secondary indexes aside and builds the same ones again at the end', async () => {
    const db = await openTestStoreDatabase();
    try {
      const before = await indexes(db);
      expect(before.map((i) => i.name)).toContain('corpus_postings_term');
      expect(await archiveIsEmpty(db.pool)).toBe(true);
      // What an import does first: the secondary ones go (noted), those behind constraints stay.
      const set = await deferIndexes(db.pool);
      expect(set).toBeGreaterThan(5);
      const during = (await indexes(db)).map((i) => i.name);
      expect(during).not.toContain('corpus_postings_term');
      expect(during).toContain('corpus_articles_id_key');
      expect(await aside(db)).toBe(set);
      await restoreIndexes(db.pool);
      expect(await indexes(db)).toEqual(before);

      const summary = await importPaths(db.pool, [dir]);
      expect(summary.articles).toBeGreaterThan(0);
      expect(await indexes(db)).toEqual(before);
      expect(await aside(db)).toBe(0);
      expect(await archiveIsEmpty(db.pool)).toBe(false);
    } finally {
      await db.close();
    }
  });

  it('an import cut short leaves its indexes noted; the next import builds them first', async () => {
    const db = await openTestStoreDatabase();
    try {
      const before = await indexes(db);
      await importPaths(db.pool, [dir]);
      await deferIndexes(db.pool); // as a killed import leaves the archive
      expect((await indexes(db)).length).toBeLessThan(before.length);
      const summary = await importPaths(db.pool, [dir]);
      expect(summary.articles).toBe(0);
      expect(await indexes(db)).toEqual(before);
      expect(await aside(db)).toBe(0);
    } finally {
      await db.close();
    }
  });
});

describe('retired citation ids', () => {
  it('keeps the reasons of the most recent MAX_RETIRED retirements only, the oldest forgotten first (as the in-memory library)', async () => {
    const db = await openTestStoreDatabase();
    const folder = await seedCopy('retired-');
    try {
      await importPaths(db.pool, [folder]);
      await db.pool.query(
        `insert into corpus_retired (id, reason, retired_at)
         select 'old-' || i, 'removed long ago', to_char(timestamp '2020-01-01' + i * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
         from generate_series(1, $1::int) i`,
        [MAX_RETIRED],
      );
      await rm(join(folder, '004_0ea427f8fc71280e.txt'));
      const summary = await importPaths(db.pool, [folder], { prune: true });
      expect(summary.retired).toBeGreaterThan(5);
      const n = async (where: string) => Number((await db.pool.query(`select count(*) as n from corpus_retired where ${where}`)).rows[0].n);
      expect(await n('true')).toBe(MAX_RETIRED);
      expect(await n(`reason = 'removed with 004_0ea427f8fc71280e.txt'`)).toBe(summary.retired);
      const forgotten = (await db.pool.query<{ id: string }>(
        `select 'old-' || i as id from generate_series(1, $1::int) i where not exists (select 1 from corpus_retired r where r.id = 'old-' || i)`,
        [MAX_RETIRED],
      )).rows.map((r) => r.id);
      expect(forgotten).toEqual(Array.from({ length: summary.retired }, (_, i) => `old-${i + 1}`));
    } finally {
      await db.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('an article\'s note in the store', () => {
  const NOTE = "from the feed's own text, not the page; the page could not be read: https://news.example/gone was not found (HTTP 404)";
  const noteOf = async (id: string) => {
    const { rows } = await store.pool.query<{ seq: number }>('select seq from corpus_articles where id = $1', [id]);
    const [loaded] = await loadArticles(store.pool, [Number(rows[0]!.seq)], new ArticleCache(0));
    return loaded!.article.note;
  };

  it('is stored and read back with the article, as the loader made it', async () => {
    await mkdir(join(dir, 'feeds', 'gazette-ab12'), { recursive: true });
    await writeFile(join(dir, 'feeds', 'gazette-ab12', 'gone-kgone01.md'), `---\nid: "kgone01"\ntitle: "Gone"\nurl: https://news.example/gone\nnote: "${NOTE}"\n---\n\nThe feed's own short text about the harbour bridge.\n`);
    await importPaths(store.pool, [dir]);
    expect(await noteOf('kgone01')).toBe(NOTE);
    expect(await noteOf('000')).toBeUndefined();
  });

  it('arrives for files imported before the store kept notes: migration 006 has the feeds\' files read again', async () => {
    // The store as it was before 008: no note column, and the feed's file imported without its note.
    await store.pool.query('alter table corpus_articles drop column note');
    const database = await openDatabase({ url: store.url, dataDir: tmpdir() });
    try {
      const hashes = async () => Object.fromEntries((await store.pool.query<{ path: string; hash: string }>('select path, hash from corpus_files')).rows.map((r) => [r.path, r.hash]));
      const before = await hashes();
      await up(database.db as unknown as Kysely<unknown>, { engine: 'postgres', addId: (t) => t as never });
      const after = await hashes();
      const feedFile = join('feeds', 'gazette-ab12', 'gone-kgone01.md');
      expect(after[feedFile]).toBe('');
      for (const path of Object.keys(before)) if (path !== feedFile) expect(after[path], path).toBe(before[path]);
      const summary = await importPaths(store.pool, [dir]);
      expect(summary).toMatchObject({ changed: 1 });
      expect(await noteOf('kgone01')).toBe(NOTE);
    } finally {
      await database.close();
    }
  });
});

describe('the rules that analysed the archive', () => {
  let db: TestStoreDatabase;
  let folder: string;
  beforeAll(async () => {
    db = await openTestStoreDatabase();
    folder = await seedCopy('analysed-');
  });
  afterAll(async () => {
    await db.close();
    await rm(folder, { recursive: true, force: true });
  });

  const countIn = async (table: string) => Number((await db.pool.query(`select count(*) as n from ${table}`)).rows[0].n);
  const recorded = async () => (await db.pool.query<{ value: string }>(`select value from corpus_meta where key = 'analysed_by'`)).rows[0]?.value ?? null;
  const paragraphs = async () => (await db.pool.query<{ id: string; pid: string }>('select id, pid from corpus_paragraphs order by id')).rows;
  /** What a bot whose analysis version is `version` logs at start, as warnings. */
  const startWarnings = async (version?: string) => {
    const lines: Array<{ level: number; msg: string }> = [];
    const logger = createLogger({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const store = new PostgresStore(db.pool, { root: folder, where: 'test', ...(version ? { analysisVersion: version } : {}) });
    await reportStore(store, db.pool, logger);
    return { warnings: lines.filter((l) => l.level === 40).map((l) => l.msg), store };
  };

  it('a fresh import records the version of the rules that read it, and a bot of that version says nothing', async () => {
    const summary = await importPaths(db.pool, [folder]);
    expect(summary.added).toBe(5);
    expect(await recorded()).toBe(await analysisVersion());
    expect(summary.analysis).toMatchObject({ recorded: await analysisVersion(), stale: false, warning: null });
    expect((await startWarnings()).warnings).toEqual([]);
  });

  it('a bot whose rules changed warns at start with the command to run, and its corpus report says so, yet answers', async () => {
    const { warnings, store } = await startWarnings('rules-2');
    expect(warnings).toEqual([expect.stringContaining(`analysed by other rules than this version of the bot's (analysis ${await analysisVersion()}; this code: rules-2)`)]);
    expect(warnings[0]).toContain(`\`npm run import -- ${folder} --reanalyse\` reads every file again`);
    // The command names what the import read, not the bot's own corpus folder.
    const elsewhere = new PostgresStore(db.pool, { root: '/srv/another-folder', where: 'test', analysisVersion: 'rules-2' });
    expect((await elsewhere.analysis()).warning).toContain(`\`npm run import -- ${folder} --reanalyse\``);
    const report = await store.ask('corpus', '');
    expect(report.notes.at(-1)).toBe(warnings[0]);
    expect(report.items.filter((i) => i.section === 'article')).toHaveLength(5);
    expect((await store.ask('search', 'embassy')).items.length).toBeGreaterThan(0);
    expect((await store.analysis()).stale).toBe(true);
  });

  it('a plain import of the same files reads nothing and leaves the archive marked stale', async () => {
    const summary = await importPaths(db.pool, [folder], { analysedBy: 'rules-2' });
    expect(summary).toMatchObject({ unchanged: 5, reanalysed: 0, changed: 0, articles: 0 });
    expect(summary.analysis).toMatchObject({ code: 'rules-2', recorded: await analysisVersion(), stale: true });
    expect(await recorded()).toBe(await analysisVersion());
    expect((await startWarnings('rules-2')).warnings).toHaveLength(1);
  });

  it('--reanalyse reads every file again, keeps the ids of unchanged paragraphs, records the version and clears the warning', async () => {
    const before = await paragraphs();
    const retired = await countIn('corpus_retired');
    const summary = await importPaths(db.pool, [folder], { analysedBy: 'rules-2', reanalyse: true });
    expect(summary).toMatchObject({ reanalysed: 5, unchanged: 0, changed: 0, added: 0, retired: 0, articles: 5, paragraphs: before.length });
    const after = await paragraphs();
    expect(after.map((p) => p.id)).toEqual(before.map((p) => p.id));
    // The rows were written again (new row ids), not left in place.
    const oldest = Math.max(...before.map((p) => Number(p.pid)));
    for (const p of after) expect(Number(p.pid)).toBeGreaterThan(oldest);
    expect(await countIn('corpus_retired')).toBe(retired);
    expect(await recorded()).toBe('rules-2');
    expect(summary.analysis).toMatchObject({ recorded: 'rules-2', stale: false });
    expect((await startWarnings('rules-2')).warnings).toEqual([]);
    expect((await (await startWarnings('rules-2')).store.ask('corpus', '')).notes.join(' ')).not.toContain('--reanalyse');
  });

  it('rows written by another version (an import of one changed file, a live round) leave the archive without a recorded version', async () => {
    const file = join(folder, '002_8fc93fbd01b7e8b4.txt');
    await writeFile(file, `${await readFile(file, 'utf8')}\nA line added later about the embassy.\n`);
    const summary = await importPaths(db.pool, [folder], { analysedBy: 'rules-3' });
    expect(summary).toMatchObject({ changed: 1, unchanged: 4 });
    expect(await recorded()).toBeNull();
    const { warnings } = await startWarnings('rules-3');
    expect(warnings).toEqual([expect.stringContaining('does not say which rules analysed it')]);
    await importPaths(db.pool, [folder], { analysedBy: 'rules-3', reanalyse: true });
    expect(await recorded()).toBe('rules-3');
  });

  it('--reanalyse retires an id the new rules no longer make, saying why (not "edited")', async () => {
    // As if older rules had read a paragraph's words differently: the stored id is not the one made now.
    const { rows } = await db.pool.query<{ id: string }>(`select id from corpus_paragraphs where id like '001-%' order by n limit 1`);
    const id = rows[0]!.id;
    await db.pool.query(`update corpus_paragraphs set id = '001-0ld0' where id = $1`, [id]);
    const summary = await importPaths(db.pool, [folder], { analysedBy: 'rules-4', reanalyse: true });
    expect(summary.retired).toBe(1);
    const reason = (await db.pool.query(`select reason from corpus_retired where id = '001-0ld0'`)).rows[0]?.reason;
    expect(reason).toBe('changed or removed when 001_331889c918708f60.txt was read again by an updated version of the bot');
    expect(await countIn(`corpus_paragraphs where id = '${id}'`)).toBe(1);
  });
});

describe('the import command', () => {
  const ROOT = fileURLToPath(new URL('../..', import.meta.url));
  const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
  const run = async (env: Record<string, string>, ...args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(TSX, ['src/cli/import.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('rejects an unknown option, naming it and the usage', async () => {
    const { code, stderr } = await run({}, dir, '--reanalyze');
    expect(code).toBe(2);
    expect(stderr).toBe('import: unknown option `--reanalyze`; usage: import <folder|file>… [--prune] [--reanalyse]   (needs DATABASE_URL)\n');
  });

  it('lists each problem on stderr (file, line, what was wrong, what was done), the first 20, then how many more', async () => {
    const db = await openTestStoreDatabase();
    const bad = await mkdtemp(join(tmpdir(), 'import-bad-'));
    try {
      await writeFile(join(bad, 'good.md'), '---\nid: "good"\ntitle: Fine\npublished: 2020-01-01\n---\nA paragraph about the harbour.\n');
      await writeFile(join(bad, 'a-unclosed.md'), '---\ntitle: Never closed\npublished: 2020-01-01\n\nBody text here.\n');
      const lines = Array.from({ length: 22 }, (_, i) => JSON.stringify({ id: `cms-${i}`, title: `Story ${i}`, body: 'Text.', published: 'Sept 29' }));
      await writeFile(join(bad, 'export.jsonl'), `${lines.join('\n')}\n`);
      const { code, stdout, stderr } = await run({ DATABASE_URL: db.url, CORPUS_STORE: 'postgres' }, bad);
      expect(code).toBe(0);
      expect(stdout).toContain('23 problems reported');
      const said = stderr.split('\n').filter((l) => /^import: (export|a-unclosed|good|…)/.test(l));
      expect(said, stderr).toHaveLength(21);
      expect(said).toContain('import: … and 3 more problems (`npm run ask -- corpus` lists them all)');
      expect(said.find((l) => l.startsWith('import: a-unclosed.md'))).toMatch(/^import: a-unclosed\.md(:\d+)?: .+ \((skipped|loaded with a warning)\)$/);
      expect(said.find((l) => l.startsWith('import: export.jsonl:1:'))).toMatch(/^import: export\.jsonl:1: .*`published` must be YYYY-MM-DD.*got `Sept 29`.* \(loaded with a warning\)$/);
    } finally {
      await rm(bad, { recursive: true, force: true });
      await db.close();
    }
  });

  it('with --reanalyse, reads every file again and records this version', async () => {
    const db = await openTestStoreDatabase();
    try {
      await importPaths(db.pool, [dir], { analysedBy: 'older-rules' });
      const { code, stdout } = await run({ DATABASE_URL: db.url, CORPUS_STORE: 'postgres' }, dir, '--reanalyse');
      expect(code).toBe(0);
      expect(stdout).toMatch(/: \d+ new, 0 changed, \d+ unchanged read again, 0 removed; 0 citation ids retired;/);
      expect(stdout).not.toContain('--reanalyse` reads every file again');
      const { rows } = await db.pool.query(`select value from corpus_meta where key = 'analysed_by'`);
      expect(rows[0].value).toBe(await analysisVersion());
    } finally {
      await db.close();
    }
  });
});

describe('a large export imported in several batches', () => {
  /** One .jsonl export of the seed articles (each its own id), so a small batch size splits the one file. */
  const writeExport = async (folder: string, skip: ReadonlySet<string> = new Set()) => {
    const corpus = await loadCorpus(SEED_CORPUS);
    const lines = [...corpus.articleById.values()]
      .filter((a) => !skip.has(`wire-${a.id}`))
      .map((a) => JSON.stringify({ id: `wire-${a.id}`, title: a.title, outlet: a.outlet, body: a.paragraphs.map((p) => p.text).join('\n\n') }));
    await writeFile(join(folder, 'wire.jsonl'), `${lines.join('\n')}\n`);
    return corpus.articleById.size;
  };
  const impacts = async (db: TestStoreDatabase) => {
    const postings = (await db.pool.query<{ key: string; impact: number }>(
      `select p.id || ' ' || x.term as key, x.impact from corpus_postings x join corpus_paragraphs p on p.pid = x.pid`,
    )).rows;
    const fields = (await db.pool.query<{ key: string; impact: number }>(
      `select a.id || ' ' || x.field || ' ' || x.term as key, x.impact from corpus_article_terms x join corpus_articles a on a.seq = x.article_seq`,
    )).rows;
    return new Map([...postings, ...fields].map((r) => [r.key, Number(r.impact)]));
  };

  let whole: TestStoreDatabase;
  let split: TestStoreDatabase;
  let folder: string;
  beforeAll(async () => {
    [whole, split] = await Promise.all([openTestStoreDatabase(), openTestStoreDatabase()]);
    folder = await mkdtempFolder();
  });
  afterAll(async () => {
    await Promise.all([whole.close(), split.close()]);
    await rm(folder, { recursive: true, force: true });
  });
  const mkdtempFolder = async () => {
    const f = join(tmpdir(), `export-${process.pid}-${Date.now()}`);
    await mkdir(f, { recursive: true });
    return f;
  };

  it('into an empty archive, stores the impacts one batch would (not the first batches scored as if fields were 1 term long)', async () => {
    const articles = await writeExport(folder);
    await importPaths(whole.pool, [folder]);
    const progress: number[] = [];
    const summary = await importPaths(split.pool, [folder], { batchParagraphs: 3, progress: new ProgressReporter((p) => progress.push(p.paragraphs), 0) });
    expect(progress.length).toBeGreaterThanOrEqual(articles); // one batch an article at least
    expect(summary).toMatchObject({ added: 1, articles });
    const [one, many] = [await impacts(whole), await impacts(split)];
    expect([...many.keys()].sort()).toEqual([...one.keys()].sort());
    const off = [...one].filter(([key, v]) => Math.abs(many.get(key)! - v) > IMPACT_DRIFT * v).map(([key, v]) => `${key}: ${v} vs ${many.get(key)}`);
    expect(off).toEqual([]);
    // The file is recorded once, with its articles in order.
    const files = (await split.pool.query('select path, article_ids from corpus_files')).rows;
    expect(files).toEqual((await whole.pool.query('select path, article_ids from corpus_files')).rows);
    for (const query of ['embassy', 'militia attack', 'prime minister']) {
      const ids = async (db: TestStoreDatabase) => (await searchDatabase(db.pool, query, { limit: 6 })).map((h) => h.id);
      expect(await ids(split)).toEqual(await ids(whole));
    }
  });

  it('--reanalyse retires nothing, loses no older retirement, and a reader between batches sees every paragraph and none retired', async () => {
    await split.pool.query(
      `insert into corpus_retired (id, reason, retired_at)
       select 'old-' || i, 'removed long ago', to_char(timestamp '2020-01-01' + i * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
       from generate_series(1, $1::int) i`,
      [MAX_RETIRED],
    );
    const ids = (await split.pool.query<{ id: string }>('select id from corpus_paragraphs order by id')).rows.map((r) => r.id);
    const seen: Array<Promise<{ present: number; retired: number }>> = [];
    const look = () =>
      split.pool
        .query<{ present: number; retired: number }>(
          `select (select count(distinct id) from corpus_paragraphs where id = any($1))::int as present,
                  (select count(*) from corpus_retired where id = any($1))::int as retired`,
          [ids],
        )
        .then((r) => r.rows[0]!);
    const summary = await importPaths(split.pool, [folder], { batchParagraphs: 3, reanalyse: true, analysedBy: 'rules-2', progress: new ProgressReporter(() => seen.push(look()), 0) });
    expect(summary).toMatchObject({ reanalysed: 1, retired: 0, paragraphs: ids.length });
    expect(seen.length).toBeGreaterThan(2);
    for (const s of await Promise.all(seen)) expect(s).toEqual({ present: ids.length, retired: 0 });
    expect((await split.pool.query<{ id: string }>('select id from corpus_paragraphs order by id')).rows.map((r) => r.id)).toEqual(ids);
    expect(Number((await split.pool.query(`select count(*) as n from corpus_retired where id like 'old-%'`)).rows[0].n)).toBe(MAX_RETIRED);
  });

  it('an article gone from the export is retired at the end, its paragraphs counted once', async () => {
    const gone = 'wire-002';
    const before = (await split.pool.query<{ id: string }>(`select p.id from corpus_paragraphs p join corpus_articles a on a.seq = p.article_seq where a.id = $1`, [gone])).rows.map((r) => r.id);
    expect(before.length).toBeGreaterThan(0);
    await writeExport(folder, new Set([gone]));
    const summary = await importPaths(split.pool, [folder], { batchParagraphs: 3 });
    expect(summary).toMatchObject({ changed: 1, retired: before.length });
    const reasons = (await split.pool.query(`select id, reason from corpus_retired where id = any($1) order by id`, [before])).rows;
    expect(reasons).toEqual([...before].sort().map((id) => ({ id, reason: 'removed with wire.jsonl:3' })));
    expect(Number((await split.pool.query(`select count(*) as n from corpus_articles where id = $1`, [gone])).rows[0].n)).toBe(0);
    const recorded = (await split.pool.query<{ article_ids: string[] }>(`select article_ids from corpus_files where path = 'wire.jsonl'`)).rows[0]!.article_ids;
    expect(recorded).not.toContain(gone);
    expect(recorded).toHaveLength(Number((await split.pool.query(`select count(*) as n from corpus_articles`)).rows[0].n));
  });
});

describe('the progress of an import', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('moves through one large export in bytes and shows a time left, the first line early in the file, the last when done (a fake clock: 300 ms a report)', async () => {
    const own = await openTestStoreDatabase();
    const folder = await mkdtemp(join(tmpdir(), 'import-progress-'));
    try {
      const lines = Array.from({ length: 60 }, (_, i) =>
        JSON.stringify({ id: `wire-${i}`, title: `Harbour report ${i}`, published: '2021-03-01', body: `Dock workers at berth ${i} unloaded ${i + 3} ships on Monday, the port said.\n\nTraffic at berth ${i} resumed after the storm, officials said.` }),
      );
      await writeFile(join(folder, 'wire.jsonl'), `${lines.join('\n')}\n`);
      vi.useFakeTimers({ toFake: ['performance'] });
      const seen: LoadProgress[] = [];
      const written: string[] = [];
      const render = terminalProgress({ write: (t: string) => written.push(t) }, { words: { doing: 'import', done: 'import: done,' } });
      const reporter = new ProgressReporter((p) => {
        seen.push(p);
        render(p);
        vi.advanceTimersByTime(300);
      }, 0);
      const summary = await importPaths(own.pool, [join(folder, 'wire.jsonl')], { progress: reporter, batchParagraphs: 20 });
      expect(summary.articles).toBe(60);

      const importing = seen.filter((p) => p.phase === 'import' && !p.done);
      const shares = importing.map((p) => p.fraction!);
      // Steps within the one file, never back, not all at the end (the old progress said 100 % from the start).
      expect(new Set(shares.filter((f) => f > 0 && f < 1)).size).toBeGreaterThan(5);
      expect(shares).toEqual([...shares].sort((a, b) => a - b));
      expect(importing.every((p) => p.files.total === 1)).toBe(true);
      expect(importing.some((p) => p.etaMs !== null && p.etaMs > 0)).toBe(true);
      expect(seen.at(-1)).toMatchObject({ done: true, articles: 60, paragraphs: 120 });

      // The lines: the first once 2 s have passed, early in the file, with the share of the file done.
      const first = written[0]!;
      expect(first).toMatch(/^import: 1 of 2 reading the files into the database · (\d+)% · 0 of 1 file/);
      expect(Number(/· (\d+)% ·/.exec(first)![1])).toBeLessThan(50);
      expect(written.some((l) => /about .* left in this step/.test(l))).toBe(true);
      expect(written.at(-1)).toMatch(/^import: done, 60 articles, 120 paragraphs in /);
    } finally {
      vi.useRealTimers();
      await own.close();
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('goes on reporting while step 2 builds the indexes set aside (a fake interval clock, one second a CREATE INDEX)', async () => {
    const own = await openTestStoreDatabase();
    const folder = await mkdtemp(join(tmpdir(), 'import-progress-'));
    try {
      await writeFile(join(folder, 'a.md'), '# Harbour\n\nDock workers unloaded three ships on Monday, the port said.\n');
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const events: string[] = [];
      const reporter = new ProgressReporter((p) => events.push(p.done ? 'done' : `report ${p.phase}`), 0);
      const query = own.pool.query.bind(own.pool) as (...args: unknown[]) => unknown;
      vi.spyOn(own.pool, 'query').mockImplementation(((...args: unknown[]) => {
        if (typeof args[0] === 'string' && /^CREATE (UNIQUE )?INDEX IF NOT EXISTS/.test(args[0])) {
          events.push('index');
          vi.advanceTimersByTime(1000);
        }
        return query(...args);
      }) as never);
      await importPaths(own.pool, [folder], { progress: reporter });
      const firstIndex = events.indexOf('index');
      expect(firstIndex).toBeGreaterThan(0);
      expect(events.slice(firstIndex)).toContain('report finish-import');
      expect(events.at(-1)).toBe('done');
    } finally {
      vi.restoreAllMocks();
      vi.useRealTimers();
      await own.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
