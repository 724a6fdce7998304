import type { Library } from '../library.ts';
import type { Answer } from './types.ts';
import { citeParagraph, makeAnswer } from './cite.ts';

/**
 * `search`: the ranked paragraphs the index finds for a query, each an item citing itself, so editors
 * can see what retrieval returns and benchmarks can measure it.
 */
export function search(library: Library, query: string, options: { limit?: number } = {}): Answer {
  const q = query.trim();
  if (q === '') {
    return makeAnswer(library, { command: 'search', query: '', title: 'Search', items: [], notes: ['Give some words to search for, e.g. `search embassy drawdown`.'] });
  }
  const hits = library.index.search(q, { limit: options.limit ?? 10 });
  return makeAnswer(library, {
    command: 'search',
    query: q,
    title: `Search · ${q}`,
    items: hits.map((h) => ({
      text: h.paragraph.text,
      citations: [citeParagraph(h.paragraph)],
      label: h.paragraph.id,
      score: Number(h.score.toFixed(3)),
      matched: h.matched,
    })),
    notes: hits.length === 0 ? [`Nothing in the corpus matches “${q}”.`] : [],
  });
}
