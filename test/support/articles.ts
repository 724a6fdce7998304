import type { Article } from '../../src/corpus/types.ts';
import { splitSentences } from '../../src/text/sentences.ts';

/** An article of the given paragraphs, sentences split as the loader splits them (no file, no cleaning). */
export function makeArticle(id: string, texts: readonly string[], meta: { title?: string | null; outlet?: string | null } = {}): Article {
  const paragraphs = texts.map((text, i) => ({ id: `${id}-p${i + 1}`, articleId: id, n: i + 1, text, sentences: splitSentences(text) }));
  return { id, title: meta.title ?? null, outlet: meta.outlet ?? null, published: null, url: null, path: `${id}.md`, paragraphs, dropped: [] };
}
