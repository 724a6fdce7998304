import { beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../../src/library.ts';
import { ParagraphIndex } from '../../src/index/minisearch.ts';
import { SEED_CORPUS } from '../support/seeds.ts';

let library: Library;
beforeAll(async () => {
  library = await openLibrary(SEED_CORPUS);
});

const QUERIES = ['embassy drawdown', 'Soleimani', 'security blip', 'Iran-backed militias rocket attacks Baghdad', 'the', 'Washington Post', 'Pompeo Kadhimi embassy shutdown', 'zzz unknown'];
const shape = (hits: ReturnType<ParagraphIndex['search']>) => hits.map((h) => [h.paragraph.id, h.score, h.matched]);

describe('the paragraph index', () => {
  it.each(QUERIES)('scores "%s" exactly as minisearch\'s own search does', (query) => {
    const index = library.index as ParagraphIndex;
    for (const limit of [1, 5, 50]) expect(shape(index.search(query, { limit }))).toEqual(shape(index.search(query, { limit, reference: true })));
  });

  it('still scores as minisearch does after articles are removed and added back', () => {
    const index = library.index as ParagraphIndex;
    const article = library.corpus.articleById.get('001')!;
    index.removeArticle(article);
    for (const q of QUERIES) expect(shape(index.search(q, { limit: 10 }))).toEqual(shape(index.search(q, { limit: 10, reference: true })));
    index.addArticle(article);
    for (const q of QUERIES) expect(shape(index.search(q, { limit: 10 }))).toEqual(shape(index.search(q, { limit: 10, reference: true })));
  });

  it('still scores as minisearch does after many removals and additions (its document table grown)', () => {
    const index = library.index as ParagraphIndex;
    const article = library.corpus.articleById.get('002')!;
    index.search('embassy', { limit: 1 }); // the scorer's tables exist before the changes
    for (let round = 0; round < 120; round++) {
      index.removeArticle(article);
      index.addArticle(article);
    }
    for (const q of QUERIES) expect(shape(index.search(q, { limit: 10 }))).toEqual(shape(index.search(q, { limit: 10, reference: true })));
  });

  it('keeps its postings packed outside the heap once built, and restored', () => {
    const index = library.index as ParagraphIndex;
    expect(index.externalBytes).toBeGreaterThan(0);
    const saved = index.save();
    const restored = new ParagraphIndex(library.corpus.paragraphById, undefined, { header: saved.header, slices: [...saved.slices] });
    // Every posting restored into the pool: 4 bytes of document id and 2 of frequency each.
    expect(saved.header.postings).toBeGreaterThan(1000);
    expect(restored.externalBytes).toBe(6 * saved.header.postings!);
  });

  it('is restored from its saved form with the same answers', async () => {
    const index = library.index as ParagraphIndex;
    const saved = index.save();
    const restored = new ParagraphIndex(library.corpus.paragraphById, undefined, { header: saved.header, slices: [...saved.slices] });
    expect(restored.size).toBe(index.size);
    for (const q of QUERIES) expect(shape(restored.search(q, { limit: 10 }))).toEqual(shape(index.search(q, { limit: 10 })));
  });

  it('refuses a damaged saved form instead of answering wrongly', () => {
    const saved = (library.index as ParagraphIndex).save();
    const slices = [...saved.slices];
    const broken = slices.map((slice) => slice.map((row) => row.slice(0, -1)));
    expect(() => new ParagraphIndex(library.corpus.paragraphById, undefined, { header: saved.header, slices: broken })).toThrow(/damaged/);
    expect(() => new ParagraphIndex(library.corpus.paragraphById, undefined, { header: { ...saved.header, documentCount: 1 }, slices })).toThrow(/header/);
  });
});

