import type { Corpus } from './corpus/types.ts';
import type { SearchIndex } from './index/types.ts';
import { loadCorpus, type LoadOptions } from './corpus/load.ts';
import { createParagraphIndex } from './index/minisearch.ts';

/**
 * Everything the answer functions read: the corpus, its index and the analyses made once at load.
 * Built by `buildLibrary`; never mutated by an answer.
 */
export interface Library {
  corpus: Corpus;
  index: SearchIndex;
}

/** Indexes and analyses a loaded corpus. */
export function buildLibrary(corpus: Corpus): Library {
  const index = createParagraphIndex(corpus.articles, corpus.paragraphById);
  return {
    corpus,
    index,
  };
}

/**
 * Loads the corpus at `path` (a folder or one file) and builds the library on it.
 * Bad files are reported in `library.corpus.report.problems`, never thrown.
 */
export async function openLibrary(path: string, options: LoadOptions = {}): Promise<Library> {
  return buildLibrary(await loadCorpus(path, options));
}
