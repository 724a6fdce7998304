import type { Corpus } from '../../src/corpus/types.ts';
import { splitSentences } from '../../src/text/sentences.ts';

/**
 * A corpus of hand-made articles: id → paragraphs. Its root is empty, so no alias file is read unless a
 * test passes rules itself.
 */
export function corpusOf(articles: Record<string, string[]>): Corpus {
  const list = Object.entries(articles).map(([id, paragraphs]) => ({
    id,
    title: null,
    outlet: null,
    published: null,
    url: null,
    path: `${id}.txt`,
    dropped: [],
    paragraphs: paragraphs.map((text, i) => ({ id: `${id}-p${i + 1}`, articleId: id, n: i + 1, text, sentences: splitSentences(text) })),
  }));
  return {
    articles: list,
    articleById: new Map(list.map((a) => [a.id, a])),
    paragraphById: new Map(list.flatMap((a) => a.paragraphs.map((p) => [p.id, p] as const))),
    files: new Map(),
    report: { root: '', files: 0, articles: list.length, paragraphs: 0, problems: [] },
  };
}
