import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFile, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLibraryWithReport, type Library } from '../../src/library.ts';
import { snapshotPath } from '../../src/snapshot/snapshot.ts';
import { who } from '../../src/answer/who.ts';
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

const open = () => openLibraryWithReport(corpusDir, { cacheDir });

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
    ['with a term row damaged', (text: string) => text.replace(/^\[\["(.*)\]\]$/m, (line) => line.replace(/,\d+\]\]$/, ']]')), /corrupt.*damaged/],
    ['empty', () => '', /corrupt/],
    ['with dates that point at no sentence', (text: string) => text.replace(/"events":\[\[\d+,\d+,/, '"events":[[999,0,'), /corrupt.*no sentence/],
  ])('that are %s are rebuilt, never fatal', async (_name, damage, reason) => {
    const first = await open();
    const file = snapshotPath(cacheDir, corpusDir);
    await writeFile(file, damage(await readFile(file, 'utf8')));
    const { library, report } = await open();
    expect(report.snapshot).toBe('rebuilt');
    expect(report.reason).toMatch(reason);
    expect(fingerprint(library)).toEqual(fingerprint(first.library));
  });

  it('restore the people and organisations on first use, and analyse again a stored result that does not fit', async () => {
    const first = await open();
    const profile = (library: Library) => ['', 'Soleimani', 'Pompeo', 'Kataib Hezbollah'].map((name) => who(library, name, { limit: 50 }).items);
    const expected = profile(first.library);
    const file = snapshotPath(cacheDir, corpusDir);
    const text = await readFile(file, 'utf8');
    const damaged = text.replace(/"entities":\{"m":"\d+,/, '"entities":{"m":"999,');
    expect(damaged).not.toBe(text);
    await writeFile(file, damaged);
    // Nothing needs the names before the first answer: the snapshot is used, and the names of the damaged
    // article are found again from its text when they are first needed.
    const { library, report } = await open();
    expect(report.snapshot).toBe('used');
    expect(profile(library)).toEqual(expected);
  });
});
