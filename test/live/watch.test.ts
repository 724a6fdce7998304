import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_RETIRED, openLibrary, type Library } from '../../src/library.ts';
import { LiveCorpus, type LiveUpdate } from '../../src/live/watch.ts';
import { source } from '../../src/answer/source.ts';
import { ask, ANSWERS } from '../../src/answer/index.ts';
import type { CommandName } from '../../src/answer/types.ts';
import { seedCopy } from '../support/seeds.ts';
import { analyseEvents } from '../../src/analyse/events.ts';

let dir: string;
let library: Library;
let live: LiveCorpus;

beforeEach(async () => {
  dir = await seedCopy('live-');
  library = await openLibrary(dir);
  live = new LiveCorpus(library, { debounceMs: 20 });
});
afterEach(async () => {
  await live.close();
  await rm(dir, { recursive: true, force: true });
});

const top = (query: string) => library.index.search(query, { limit: 5 }).map((h) => h.paragraph);

describe('a live corpus', () => {
  it('picks up an added file without touching the others', async () => {
    const before = [...library.corpus.paragraphById.keys()];
    await writeFile(join(dir, 'breaking.md'), 'Embassy reopens\n\nThe embassy reopened its consular section on Monday.\n');
    const update = await live.rescan();
    expect(update).toMatchObject({ added: ['breaking.md'], changed: [], removed: [] });
    expect(top('consular section')[0]!.articleId).toBe('breaking');
    for (const id of before) expect(library.corpus.paragraphById.has(id)).toBe(true);
    expect(library.corpus.report.articles).toBe(6);
  });

  it('remembers the reasons of the most recent retirements only (a bot running for months stays bounded)', async () => {
    for (let i = 0; i < MAX_RETIRED; i++) library.retired.set(`old-${i}`, 'removed long ago');
    await rm(join(dir, '004_0ea427f8fc71280e.txt'));
    const update = await live.rescan();
    expect(update.removed).toEqual(['004_0ea427f8fc71280e.txt']);
    expect(library.retired.size).toBe(MAX_RETIRED);
    expect(library.retired.has('old-0')).toBe(false);
    const gone = [...library.retired].filter(([, reason]) => reason.startsWith('removed with 004_'));
    expect(gone.length).toBeGreaterThan(5);
    expect(source(library, gone[0]![0]).notes[0]).toMatch(/no longer in the corpus: removed with 004_0ea427f8fc71280e\.txt/);
  });

  it('replaces a changed file, keeping the ids of unchanged paragraphs and explaining the retired one', async () => {
    const file = join(dir, '001_331889c918708f60.txt');
    const oldIds = library.corpus.articleById.get('001')!.paragraphs.map((p) => p.id);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('Washington has been outraged by the dozens of rocket attacks', 'Washington has been angered by the dozens of rocket attacks'));
    const update = await live.rescan();
    expect(update.changed).toEqual(['001_331889c918708f60.txt']);
    const newIds = library.corpus.articleById.get('001')!.paragraphs.map((p) => p.id);
    expect(newIds.filter((id) => !oldIds.includes(id))).toHaveLength(1);
    const retired = oldIds.find((id) => !newIds.includes(id))!;
    expect(source(library, retired).notes[0]).toMatch(/no longer in the corpus: changed or removed when 001_331889c918708f60\.txt was edited/);
    expect(top('angered rocket attacks')[0]!.articleId).toBe('001');
    expect(top('outraged').map((p) => p.id)).not.toContain(retired);
  });

  it('tells listeners which articles arrived and which of their paragraphs are new (an edit: only the edited one)', async () => {
    await writeFile(join(dir, 'breaking.md'), 'Embassy reopens\n\nThe embassy reopened its consular section on Monday.\n\nQueues formed early.\n');
    const added = await live.rescan();
    expect(added.arrived.map((a) => [a.article.id, a.previous, a.paragraphs.map((p) => p.n)])).toEqual([['breaking', null, [1, 2]]]);
    expect(added.arrived[0]!.article).toBe(library.corpus.articleById.get('breaking'));

    const file = join(dir, '001_331889c918708f60.txt');
    const before = library.corpus.articleById.get('001')!;
    await writeFile(file, (await readFile(file, 'utf8')).replace('Washington has been outraged', 'Washington has been angered'));
    await rm(join(dir, '004_0ea427f8fc71280e.txt'));
    const edited = await live.rescan();
    expect(edited.arrived).toHaveLength(1);
    const [arrival] = edited.arrived;
    expect(arrival!.previous).toBe(before);
    expect(arrival!.paragraphs.map((p) => p.text)).toEqual([expect.stringContaining('Washington has been angered')]);
    expect(before.paragraphs.map((p) => p.id)).not.toContain(arrival!.paragraphs[0]!.id);
  });

  it('drops a removed file from answers', async () => {
    await rm(join(dir, '004_0ea427f8fc71280e.txt'));
    const update = await live.rescan();
    expect(update.removed).toEqual(['004_0ea427f8fc71280e.txt']);
    expect(library.corpus.articleById.has('004')).toBe(false);
    expect(top('Pompeo Kadhimi embassy shutdown').every((p) => p.articleId !== '004')).toBe(true);
  });

  it('reports and skips a bad file, as at start-up, and keeps serving', async () => {
    await writeFile(join(dir, 'broken.jsonl'), '{"id": "x", "title": "t", "body": "never closed\n');
    const update = await live.rescan();
    expect(update.problems).toBe(1);
    expect(library.corpus.report.problems).toEqual([expect.objectContaining({ path: 'broken.jsonl', line: 1, action: 'skipped' })]);
    expect(top('security blip').length).toBeGreaterThan(0);
    await writeFile(join(dir, 'broken.jsonl'), '{"id": "x", "title": "Fixed", "body": "Now it parses."}\n');
    await live.rescan();
    expect(library.corpus.report.problems).toEqual([]);
    expect(library.corpus.articleById.get('x')!.title).toBe('Fixed');
  });

  it('rejects an added article whose id another file already uses', async () => {
    await writeFile(join(dir, 'copy.md'), '---\nid: "001"\n---\nA copy\n\nSome text.\n');
    await live.rescan();
    expect(library.corpus.articleById.get('001')!.path).toBe('001_331889c918708f60.txt');
    expect(library.corpus.report.problems).toEqual([expect.objectContaining({ path: 'copy.md', message: expect.stringMatching(/duplicate id `001`/) })]);
  });

  it('absorbs a burst of 500 files in slices, letting answers run in between', async () => {
    await mkdir(join(dir, 'burst'));
    for (let i = 0; i < 500; i++) {
      await writeFile(join(dir, 'burst', `story-${i}.md`), `Story ${i}\n\nParagraph one of story ${i} about the harbour dredging contract.\n\nParagraph two of story ${i}.\n`);
    }
    let answeredDuring = 0;
    let done = false;
    const tick = () => {
      if (done) return;
      library.index.search('security blip', { limit: 3 });
      answeredDuring++;
      setImmediate(tick);
    };
    const live2 = new LiveCorpus(library, { sliceMs: 5 });
    setImmediate(tick);
    const update = await live2.rescan();
    done = true;
    expect(update.added).toHaveLength(500);
    expect(answeredDuring).toBeGreaterThan(1);
    expect(library.corpus.report.articles).toBe(505);
    expect(top('harbour dredging contract')).toHaveLength(5);
  });

  it('gives answers in flight a consistent view: every citation is a paragraph in the corpus at that moment', async () => {
    // A round that adds, changes and removes files, with every command answering between its steps.
    for (let i = 0; i < 40; i++) {
      await writeFile(join(dir, `wire-${i}.md`), `Embassy wire ${i}\n\nThe embassy in Baghdad said on Monday it was reviewing security, wire ${i} reported.\n\nOfficials expect a decision by Friday.\n`);
    }
    const file = join(dir, '001_331889c918708f60.txt');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Washington has been outraged', 'Washington has been angered'));
    await rm(join(dir, '004_0ea427f8fc71280e.txt'));
    const commands = (Object.keys(ANSWERS) as CommandName[]).filter((c) => ANSWERS[c] && c !== 'corpus' && c !== 'source');
    const problems: string[] = [];
    let answers = 0;
    let done = false;
    const asks = commands.flatMap((command) => ['embassy security', 'Pompeo', ''].map((query) => [command, query] as const));
    const check = () => {
      if (done) return;
      const [command, query] = asks[answers++ % asks.length]!;
      const answer = ask(library, command, query);
      for (const item of answer.items) {
        for (const c of item.citations) {
          const paragraph = library.corpus.paragraphById.get(c.id);
          if (!paragraph) problems.push(`${command} "${query}" cites ${c.id}, not in the corpus`);
          else if (!paragraph.text.includes(c.excerpt.replace(/^…|…$/g, '').slice(0, 40))) problems.push(`${command} cites ${c.id} with text not in it`);
        }
      }
      setImmediate(check);
    };
    setImmediate(check);
    const update = await new LiveCorpus(library, { sliceMs: 1 }).rescan();
    done = true;
    expect(update).toMatchObject({ changed: ['001_331889c918708f60.txt'], removed: ['004_0ea427f8fc71280e.txt'] });
    expect(update.added).toHaveLength(40);
    expect(answers).toBeGreaterThan(1);
    expect(problems).toEqual([]);
  });

  it('keeps the event table equal to one computed afresh, batch after batch (it is updated by difference)', async () => {
    // More files than one batch, with dates, plus a changed and a removed file: several updates by difference.
    for (let i = 0; i < 45; i++) {
      await writeFile(join(dir, `dated-${String(i).padStart(2, '0')}.md`), `Dated ${i}\n\nThe council met on March ${(i % 27) + 1}, 2020, wire ${i} reported.\n\nIt meets again next week.\n`);
    }
    const file = join(dir, '001_331889c918708f60.txt');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Washington has been outraged', 'Washington has been angered'));
    await rm(join(dir, '004_0ea427f8fc71280e.txt'));
    const update = await new LiveCorpus(library, { sliceMs: 1 }).rescan();
    expect(update.added).toHaveLength(45);
    const fresh = analyseEvents(library.corpus);
    expect(library.events!.events).toEqual(fresh.events);
    expect([...library.events!.byArticle.keys()]).toEqual([...fresh.byArticle.keys()]);
    expect(library.events!.byArticle.has('004')).toBe(false);
    expect(library.events!.events.some((e) => e.articleId === 'dated-44' && e.date.value === '2020-03-18')).toBe(true);
  });

  it('notices a file written into the watched folder by itself', async () => {
    const updates: LiveUpdate[] = [];
    const seen = new Promise<void>((resolve) => {
      live = new LiveCorpus(library, { debounceMs: 20, onUpdate: (u) => (updates.push(u), resolve()) }).start();
    });
    await writeFile(join(dir, 'watched.md'), 'Watched\n\nA paragraph about the watched folder.\n');
    await seen;
    expect(updates[0]!.added).toEqual(['watched.md']);
    expect(top('watched folder')[0]!.articleId).toBe('watched');
  });
});
