import { afterEach, describe, expect, it, vi } from 'vitest';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { createParagraphIndex, ParagraphIndex } from '../../src/index/minisearch.ts';
import { openLibraryWithReport } from '../../src/library.ts';
import type { Article, Paragraph } from '../../src/corpus/types.ts';
import { makeArticle } from '../support/articles.ts';

/**
 * minisearch vacuums in the background, in batches of 1000 terms with a timer between them, walking its
 * radix tree with an iterator that remembers each node's keys. An article added between two batches can
 * split a node the walk has not reached: the next batch threw "Cannot read properties of undefined
 * (reading 'keys')", in a promise nobody awaited, which ends a Node 20 process (seen on opening a
 * Timeline17 file that had grown since its snapshot). Our index removes postings at once and never vacuums.
 */

/** Made-up words (consonants only, so the stemmer keeps them whole), the same at every run. */
function words(seed: number, count: number): string[] {
  const letters = 'bcdfghjklmnpqrtvwxz';
  let state = seed;
  // mulberry32
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  const out = new Set<string>();
  while (out.size < count) {
    let w = '';
    const length = 5 + (next() % 5);
    for (let i = 0; i < length; i++) w += letters[next() % letters.length];
    out.add(w);
  }
  return [...out];
}

/** `n` articles of four paragraphs, each paragraph 12 words of `vocabulary`. */
function articles(prefix: string, n: number, vocabulary: string[]): Article[] {
  let k = 0;
  const pick = () => vocabulary[k++ % vocabulary.length]!;
  return Array.from({ length: n }, (_, i) =>
    makeArticle(`${prefix}${i}`, Array.from({ length: 4 }, () => `${Array.from({ length: 12 }, pick).join(' ')}.`)),
  );
}

const proto = MiniSearch.prototype as unknown as { performVacuuming: (...args: unknown[]) => Promise<void> };

/** Every vacuum minisearch starts from now on, as a promise that cannot itself go unhandled. */
function watchVacuums(): Array<Promise<unknown>> {
  const started: Array<Promise<unknown>> = [];
  const original = proto.performVacuuming;
  vi.spyOn(proto, 'performVacuuming').mockImplementation(function (this: unknown, ...args: unknown[]) {
    const run = original.apply(this, args);
    started.push(run.then(() => 'done', (err: Error) => err));
    return run;
  });
  return started;
}

/** Drives the event loop until the vacuums started (and those they queued behind them) have all settled. */
async function settled(started: Array<Promise<unknown>>): Promise<unknown[]> {
  for (let seen = -1; seen !== started.length; ) {
    seen = started.length;
    await Promise.all(started);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return Promise.all(started);
}

afterEach(() => {
  vi.restoreAllMocks();
});

function restored(list: Article[]): { index: ParagraphIndex; paragraphs: Map<string, Paragraph> } {
  const paragraphs = new Map(list.flatMap((a) => a.paragraphs.map((p) => [p.id, p] as const)));
  const saved = createParagraphIndex(list, paragraphs).save();
  return { index: new ParagraphIndex(paragraphs, undefined, { header: saved.header, slices: [...saved.slices] }), paragraphs };
}

describe('the paragraph index, as articles come and go', () => {
  it('survives half its articles removed and new ones added in one step (no background vacuum left to break)', async () => {
    const old = articles('old', 200, words(1, 4000));
    const arriving = articles('new', 100, words(2, 3000));
    const { index, paragraphs } = restored(old);
    const vacuums = watchVacuums();
    // What `updateFiles` does when a corpus file changed since the snapshot: out with the old, in with the new.
    for (const a of old.slice(0, 100)) index.removeArticle(a);
    for (const a of arriving) {
      for (const p of a.paragraphs) paragraphs.set(p.id, p);
      index.addArticle(a);
    }
    // Before the fix a vacuum had started, and its next batch (after a timer) threw.
    const outcomes = await settled(vacuums);
    expect(outcomes.filter((o) => o !== 'done')).toEqual([]);
    expect(index.size).toBe(200 * 4);
    const gone = old[0]!.paragraphs[0]!.text.split(' ')[0]!;
    const kept = old[100]!.paragraphs[0]!.text.split(' ')[0]!;
    const added = arriving[0]!.paragraphs[0]!.text.split(' ')[0]!;
    for (const query of [gone, kept, added, `${kept} ${added}`]) {
      const hits = index.search(query, { limit: 30 });
      expect(hits.map((h) => [h.paragraph.id, h.score])).toEqual(index.search(query, { limit: 30, reference: true }).map((h) => [h.paragraph.id, h.score]));
      expect(hits.every((h) => !h.paragraph.articleId.startsWith('old') || Number(h.paragraph.articleId.slice(3)) >= 100)).toBe(true);
    }
    expect(index.search(added, { limit: 1 })).toHaveLength(1);
  });

  it('never leaves a vacuum running whose failure would be an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const vacuum = vi.spyOn(proto, 'performVacuuming').mockRejectedValue(new TypeError('vacuum failed'));
      const old = articles('old', 80, words(3, 2000));
      const { index } = restored(old);
      for (const a of old.slice(0, 40)) index.removeArticle(a);
      for (const a of articles('new', 20, words(4, 500))) index.addArticle(a);
      index.search(old[50]!.paragraphs[0]!.text, { limit: 5, reference: true });
      for (const a of old.slice(40, 70)) index.removeArticle(a);
      // Let any promise rejected meanwhile be reported.
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(vacuum).not.toHaveBeenCalled();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });

  it('stops a save read while articles change, with a message, instead of writing a mixed snapshot', () => {
    const old = articles('old', 60, words(5, 5000));
    const { index } = restored(old);
    const saved = index.save();
    const slices = saved.slices[Symbol.iterator]();
    expect(slices.next().done).toBe(false);
    index.removeArticle(old[0]!);
    expect(() => slices.next()).toThrow(/articles were added or removed while the index was being saved/);
  });
});

describe('a library opened from a snapshot of a file that has grown since', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refreshes the index without a background vacuum that fails later', async () => {
    dir = await mkdtemp(join(tmpdir(), 'grown-'));
    const file = join(dir, 'corpus', 'wire.articles.jsonl');
    const line = (a: Article) => `${JSON.stringify({ id: a.id, title: `Report ${a.id}`, published: '2011-01-25', body: a.paragraphs.map((p) => p.text).join('\n\n') })}\n`;
    await mkdir(join(dir, 'corpus'));
    await writeFile(file, articles('a', 60, words(6, 2500)).map(line).join(''));
    const cacheDir = join(dir, 'cache');
    expect((await openLibraryWithReport(file, { cacheDir, background: false })).report.snapshot).toBe('rebuilt');
    await appendFile(file, articles('b', 60, words(7, 2500)).map(line).join(''));
    const vacuums = watchVacuums();
    const { library, report } = await openLibraryWithReport(file, { cacheDir, background: false });
    expect(report.snapshot).toBe('refreshed');
    expect(library.corpus.report.articles).toBe(120);
    expect((await settled(vacuums)).filter((o) => o !== 'done')).toEqual([]);
  });
});
