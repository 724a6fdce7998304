import type { Corpus } from './corpus/types.ts';
import type { SearchIndex } from './index/types.ts';

/**
 * Everything the answer functions read: the corpus, its index and the analyses made once at load.
 * Built by `buildLibrary`; never mutated by an answer.
 */
export interface Library {
  corpus: Corpus;
  index: SearchIndex;
}
