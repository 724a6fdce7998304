import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LiveUpdate } from '../../src/live/watch.ts';
import { openCorpusPool } from '../../src/store/pg/connect.ts';
import { importPaths } from '../../src/store/pg/import.ts';
import { DatabaseLiveCorpus } from '../../src/store/pg/live.ts';
import { PostgresStore } from '../../src/store/pg/store.ts';
import { seedCopy } from '../support/seeds.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';
import { openTestStoreDatabase, type TestStoreDatabase } from './support.ts';

let store: TestStoreDatabase;
let dir: string;
let live: DatabaseLiveCorpus;
let updates: LiveUpdate[];

beforeAll(async () => {
  store = await openTestStoreDatabase();
});
afterAll(() => store.close());
beforeEach(async () => {
  await store.pool.query('truncate corpus_articles, corpus_paragraphs, corpus_postings, corpus_article_terms, corpus_terms, corpus_stats, corpus_names, corpus_name_counts, corpus_files, corpus_problems, corpus_retired');
  dir = await seedCopy('live-db-');
  await importPaths(store.pool, [dir]);
  updates = [];
});
afterEach(async () => {
  await live?.close();
  await rm(dir, { recursive: true, force: true });
});

const paragraphs = async (like: string) => (await store.pool.query(`select id from corpus_paragraphs where id like $1 order by n`, [like])).rows.map((r) => r.id as string);
const waitFor = async (check: () => Promise<boolean> | boolean, what: string, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the live corpus in database mode writes through', () => {
  it('adds, replaces and removes files as the watcher sees them, retiring replaced ids', async () => {
    live = new DatabaseLiveCorpus(store.pool, dir, { debounceMs: 20, onUpdate: (u) => updates.push(u) }).start();
    await new Promise((resolve) => setTimeout(resolve, 200)); // the first round finds nothing new
    expect(updates).toEqual([]);

    await writeFile(join(dir, 'breaking.md'), '---\ntitle: Embassy reopens\n---\nThe embassy reopened its consular section on Monday.\n');
    await waitFor(async () => (await paragraphs('breaking-%')).length === 1, 'the new file in the database');
    const archive = new PostgresStore(store.pool, { root: dir, where: 'test' });
    expect((await archive.ask('search', 'consular section')).items[0]!.citations[0]!.article).toBe('breaking');
    // What arrived, for watches: the new article whole, with nothing before it.
    expect(updates[0]!.arrived.map((a) => ({ id: a.article.id, previous: a.previous, paragraphs: a.paragraphs.map((p) => p.text) }))).toEqual([
      { id: 'breaking', previous: null, paragraphs: ['The embassy reopened its consular section on Monday.'] },
    ]);

    const file = join(dir, '002_8fc93fbd01b7e8b4.txt');
    const before = await paragraphs('002-%');
    const text = await readFile(file, 'utf8');
    const edited = (await store.pool.query(`select text from corpus_paragraphs where id = $1`, [before[2]])).rows[0].text as string;
    await writeFile(file, text.replace(edited, `${edited} A correction was added.`));
    await waitFor(async () => (await paragraphs('002-%')).join() !== before.join(), 'the changed file in the database');
    const after = await paragraphs('002-%');
    const gone = before.filter((id) => !after.includes(id));
    expect(gone).toHaveLength(1);
    // An edit: the version it replaced (read from the database) and only the paragraph that changed.
    const [edit] = updates[1]!.arrived;
    expect(edit!.article.id).toBe('002');
    expect(edit!.previous!.paragraphs.map((p) => p.id)).toEqual(before);
    expect(edit!.paragraphs.map((p) => p.text)).toEqual([`${edited} A correction was added.`]);
    expect(edit!.paragraphs[0]!.id).toBe(after.find((id) => !before.includes(id)));
    expect((await archive.ask('source', gone[0]!)).notes[0]).toContain('is no longer in the corpus: changed or removed when 002_8fc93fbd01b7e8b4.txt was edited');

    await rm(join(dir, '004_0ea427f8fc71280e.txt'));
    await waitFor(async () => (await paragraphs('004-%')).length === 0, 'the removed file to leave the database');
    expect(updates[2]!.arrived).toEqual([]);
    expect(updates.flatMap((u) => [...u.added, ...u.changed.map((c) => `~${c}`), ...u.removed.map((r) => `-${r}`)])).toEqual([
      'breaking.md', '~002_8fc93fbd01b7e8b4.txt', '-004_0ea427f8fc71280e.txt',
    ]);
  });

  it('keeps a round the database refused and writes it once the database is back', async () => {
    const proxy = await startTcpProxy(Number(new URL(store.url).port));
    const url = new URL(store.url);
    url.port = String(proxy.port);
    const pool = await openCorpusPool(url.toString(), { connectTimeoutMs: 500 });
    const errors: Error[] = [];
    try {
      live = new DatabaseLiveCorpus(pool, dir, { debounceMs: 20, retryMs: 200, onUpdate: (u) => updates.push(u), onError: (e) => errors.push(e) }).start();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await proxy.cut();
      await writeFile(join(dir, 'during-outage.md'), 'Filed while the database was away\n\nThe wire story arrived while the archive could not be reached.\n');
      await waitFor(() => errors.length > 0, 'the refused round');
      expect(await paragraphs('during-outage-%')).toEqual([]);
      await proxy.restore();
      await waitFor(async () => (await paragraphs('during-outage-%')).length === 1, 'the kept round to be written');
      expect(updates.flatMap((u) => u.added)).toEqual(['during-outage.md']);
    } finally {
      await live.close();
      await pool.end();
      await proxy.close();
    }
  });
});
