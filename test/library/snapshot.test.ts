import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFile, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backgroundWork, openLibraryWithReport, type Library } from '../../src/library.ts';
import { snapshotPath } from '../../src/snapshot/snapshot.ts';
import { who } from '../../src/answer/who.ts';
import { ask } from '../../src/answer/index.ts';
import { SEED_CORPUS } from '../support/seeds.ts';

let corpusDir: string;
let cacheDir: string;

beforeEach(async () => {
  corpusDir = await mkdtemp(join(tmpdir(), 'corpus-'));
  cacheDir = await mkdtemp(join(tmpdir(), 'cache-'));
  for (const f of await readdir(SEED_CORPUS)) await copyFile(join(SEED_CORPUS, f), join(corpusDir, f));
});
afterEach(async () => {
  await rm(corpusDir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

/** Opens the copy of the seeds with its snapshot, once the tables built after a start are in place. */
async function open() {
  const opened = await openLibraryWithReport(corpusDir, { cacheDir });
  await backgroundWork(opened.library);
  return opened;
}

/** What a library answers, in a comparable form: every paragraph and the top hits of a few searches. */
function fingerprint(library: Library) {
  return {
    articles: library.corpus.articles.map((a) => ({ id: a.id, title: a.title, published: a.published, dropped: a.dropped.length })),
    paragraphs: [...library.corpus.paragraphById.values()].map((p) => [p.id, p.n, p.text, p.sentences.map((s) => s.text)]),
    searches: ['embassy drawdown', 'Soleimani', 'security blip'].map((q) => library.index.search(q, { limit: 5 }).map((h) => [h.paragraph.id, h.score.toFixed(6)])),
    problems: library.corpus.report.problems,
    events: (library.events?.events ?? []).map((e) => [e.paragraphId, e.sentenceIndex, e.sentence.text, e.date]),
  };
}

describe('snapshots', () => {
  it('are written on the first start and used as they are on the next', async () => {
    const first = await open();
    expect(first.report).toMatchObject({ snapshot: 'rebuilt', reason: 'no snapshot yet' });
    const second = await open();
    expect(second.report).toMatchObject({ snapshot: 'used', filesRead: 0, filesReused: 5 });
    expect(fingerprint(second.library)).toEqual(fingerprint(first.library));
    expect(second.library.events!.events.length).toBeGreaterThan(20);
  });

  it('are still used when a file is touched but its content is the same', async () => {
    await open();
    const file = join(corpusDir, '002_8fc93fbd01b7e8b4.txt');
    await utimes(file, new Date(), new Date(Date.now() + 60_000));
    expect((await open()).report.snapshot).toBe('used');
  });

  it('are refreshed from the changed file only, keeping the ids of unchanged paragraphs', async () => {
    const before = (await open()).library;
    const file = join(corpusDir, '002_8fc93fbd01b7e8b4.txt');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('Iran has urged its allies in Iraq not to provoke tensions with the US', 'Iran has urged its allies in Iraq to keep calm'));
    await writeFile(join(corpusDir, 'new.md'), 'A new story about the embassy\n\nThe embassy reopened its consular section on Monday.\n');
    const { library, report } = await open();
    expect(report).toMatchObject({ snapshot: 'refreshed', filesRead: 2, filesReused: 4 });
    const oldIds = before.corpus.articleById.get('002')!.paragraphs.map((p) => p.id);
    const newIds = library.corpus.articleById.get('002')!.paragraphs.map((p) => p.id);
    expect(newIds.slice(1)).toEqual(oldIds.slice(1));
    expect(newIds[0]).not.toBe(oldIds[0]);
    expect(library.index.search('consular section', { limit: 1 })[0]!.paragraph.articleId).toBe('new');
    expect(library.index.search('provoke tensions', { limit: 5 }).map((h) => h.paragraph.id)).not.toContain(oldIds[0]);
    // And the refreshed snapshot is used as it is on the next start.
    const again = await open();
    expect(again.report.snapshot).toBe('used');
    expect(fingerprint(again.library)).toEqual(fingerprint(library));
  });

  it('drop the articles of removed files', async () => {
    await open();
    await rm(join(corpusDir, '004_0ea427f8fc71280e.txt'));
    const { library, report } = await open();
    expect(report).toMatchObject({ snapshot: 'refreshed', filesRead: 0 });
    expect(library.corpus.articleById.has('004')).toBe(false);
    expect(library.index.search('Pompeo', { limit: 10 }).every((h) => h.paragraph.articleId !== '004')).toBe(true);
  });

  it.each([
    ['cut in half', (text: string) => text.slice(0, text.length / 2), /corrupt/],
    ['not JSON at all', () => '\u0000\u0001garbage', /corrupt/],
    ['from another format', (text: string) => text.replace(/"format":\d+/, '"format":999'), /another format/],
    ['from another version of the bot', (text: string) => text.replace(/"version":"[0-9a-f]+"/, '"version":"0000"'), /another version/],
    ['with a broken index', (text: string) => text.replace(/^\{"documentCount".*$/m, '{"documentCount":1}'), /corrupt/],
    ['with a line missing', (text: string) => text.split('\n').filter((_, i) => i !== 3).join('\n'), /corrupt/],
    ['with the index cut short', (text: string) => `${text.trimEnd().split('\n').slice(0, -1).join('\n')}\n`, /corrupt.*index term/],
    ['with a term row damaged', (text: string) => text.replace(/^\[\["(.*)\]\]$/m, (line) => line.replace(/,"[A-Za-z0-9+/=]+"\]\]$/, ',"AA"]]')), /corrupt.*damaged/],
    ['empty', () => '', /corrupt/],
  ])('that are %s are rebuilt, never fatal', async (_name, damage, reason) => {
    const first = await open();
    const file = snapshotPath(cacheDir, corpusDir);
    await writeFile(file, damage(await readFile(file, 'utf8')));
    const { library, report } = await open();
    expect(report.snapshot).toBe('rebuilt');
    expect(report.reason).toMatch(reason);
    expect(fingerprint(library)).toEqual(fingerprint(first.library));
  });

  it.each([
    ['people and organisations', (text: string) => text.replace(/"entities":\{"m":"\d+,/, '"entities":{"m":"999,')],
    ['dates that point at no sentence', (text: string) => text.replace(/"events":\[\[\d+,\d+,/, '"events":[[999,0,')],
  ])('restore the %s after the start, analysing again a stored result that does not fit', async (_name, damage) => {
    const first = await open();
    const answers = (library: Library) => ({
      who: ['', 'Soleimani', 'Pompeo', 'Kataib Hezbollah'].map((name) => who(library, name, { limit: 50 }).items),
      fingerprint: fingerprint(library),
    });
    const expected = answers(first.library);
    const file = snapshotPath(cacheDir, corpusDir);
    const text = await readFile(file, 'utf8');
    const damaged = damage(text);
    expect(damaged).not.toBe(text);
    await writeFile(file, damaged);
    // Nothing needs these before the first answer: the snapshot is used, and the damaged article's result
    // is analysed again from its text when the table is built.
    const { library, report } = await open();
    expect(report.snapshot).toBe('used');
    expect(answers(library)).toEqual(expected);
  });

  it('answer /timeline and /who before the tables built after the start are ready', async () => {
    const first = await open();
    const expected = [ask(first.library, 'timeline', 'embassy'), ask(first.library, 'who', 'Pompeo')];
    const { library, report } = await openLibraryWithReport(corpusDir, { cacheDir });
    expect(report.snapshot).toBe('used');
    expect(library.events).toBeUndefined();
    expect([ask(library, 'timeline', 'embassy'), ask(library, 'who', 'Pompeo')]).toEqual(expected);
    await backgroundWork(library);
    expect(library.events?.events.length).toBe(first.library.events!.events.length);
    expect(library.entities).toBeDefined();
  });
});
