import type { Library } from '../../src/library.ts';

/** The citation id of the n-th (1-based) paragraph of an article, for tests that think in positions. */
export function nth(library: Library, article: string, n: number): string {
  const id = library.corpus.articleById.get(article)?.paragraphs[n - 1]?.id;
  if (!id) throw new Error(`test fixture: article ${article} has no paragraph ${n}`);
  return id;
}
