import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/store/pg/import.ts';
import { anyMatch, searchDatabase } from '../../src/store/pg/search.ts';
import { memoryStore } from '../../src/store/memory.ts';
import { openLibrary } from '../../src/library.ts';
import { createParagraphIndex, DEFAULT_INDEX_SETTINGS } from '../../src/index/minisearch.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { SEED_CORPUS } from '../support/seeds.ts';
import { openTestStoreDatabase, type TestStoreDatabase } from './support.ts';

let store: TestStoreDatabase;
let corpus: Corpus;

beforeAll(async () => {
  store = await openTestStoreDatabase();
  await importPaths(store.pool, [SEED_CORPUS]);
  corpus = await loadCorpus(SEED_CORPUS);
});
afterAll(() => store.close());

/** Queries of every kind: headline words, names, an outlet, stop words only, unknown words, long topics. */
function queries(): string[] {
  const out = ['embassy drawdown', 'security blip', 'Soleimani', 'Straits Times', 'Kadhimi', 'the of and', 'zzzz unknownword', 'U.S. embassy'];
  for (const a of corpus.articles) {
    if (a.title) out.push(a.title);
    for (const p of a.paragraphs.filter((_, i) => i % 4 === 0)) out.push(p.text.split(/\s+/).slice(2, 8).join(' '));
  }
  return out;
}

describe('BM25 in PostgreSQL', () => {
  for (const [name, budget] of [['the shipped posting budget', DEFAULT_INDEX_SETTINGS.postingBudget], ['no posting budget', Infinity]] as const) {
    it(`scores as the in-memory index does, query by query (${name})`, async () => {
      const index = createParagraphIndex(corpus.articles, corpus.paragraphById, { ...DEFAULT_INDEX_SETTINGS, postingBudget: budget });
      let compared = 0;
      for (const q of queries()) {
        const memory = index.search(q, { limit: 25 });
        const database = await searchDatabase(store.pool, q, { limit: 25 });
        expect(database.map((h) => h.id), q).toEqual(memory.map((h) => h.paragraph.id));
        database.forEach((h, i) => {
          expect(h.score, `${q} · ${h.id}`).toBeCloseTo(memory[i]!.score, 9);
          expect(h.matched, `${q} · ${h.id}`).toEqual(memory[i]!.matched);
        });
        compared += database.length;
      }
      expect(compared).toBeGreaterThan(300);
    });
  }

  it('with a bound on each term\'s candidates, still finds the best paragraphs of a common term', async () => {
    const index = createParagraphIndex(corpus.articles, corpus.paragraphById, { ...DEFAULT_INDEX_SETTINGS, postingBudget: Infinity });
    for (const q of ['embassy', 'US embassy Baghdad', 'security']) {
      const memory = index.search(q, { limit: 3 }).map((h) => h.paragraph.id);
      const bounded = (await searchDatabase(store.pool, q, { limit: 3, termCandidates: 5 })).map((h) => h.id);
      expect(bounded, q).toEqual(memory);
    }
  });

  it('answers "does anything match?" as the search does, on either store, without searching', async () => {
    const library = await openLibrary(SEED_CORPUS);
    const memory = memoryStore(() => library);
    const answers = new Set<boolean>();
    for (const q of [...queries(), 'qwertyuiop', 'quokka embassy', '']) {
      const found = (await searchDatabase(store.pool, q, { limit: 1 })).length > 0;
      expect(await anyMatch(store.pool, q), q).toBe(found);
      expect(await memory.anyMatch(q), q).toBe(library.index.search(q, { limit: 1 }).length > 0);
      expect(found, q).toBe(library.index.search(q, { limit: 1 }).length > 0);
      answers.add(found);
    }
    expect(answers).toEqual(new Set([true, false]));
  });

  it('finds nothing for stop words and unknown words', async () => {
    expect(await searchDatabase(store.pool, 'the of and')).toEqual([]);
    expect(await searchDatabase(store.pool, 'qwertyuiop')).toEqual([]);
  });
});
