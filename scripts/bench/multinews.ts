/** Multi-News clusters as the /brief benchmark reads them: articles made as the loader makes them, and Lead-3. */
import type { Article, Paragraph } from '../../src/corpus/types.ts';
import { cleanBody } from '../../src/corpus/clean.ts';
import { splitSentences } from '../../src/text/sentences.ts';

export interface Cluster {
  id: string;
  documents: string[];
  summary: string;
}

/** The article the loader would make of a Multi-News document: cleaned paragraphs, sentence spans. */
export function articleOf(id: string, text: string): Article | null {
  const body = text.split(/\n \n/).map((p) => p.trim()).join('\n\n');
  const cleaned = cleanBody(body, 1, { findTitle: true, title: null });
  if (cleaned.paragraphs.length === 0) return null;
  const paragraphs: Paragraph[] = cleaned.paragraphs.map((p, i) => ({
    id: `${id}-p${i + 1}`,
    articleId: id,
    n: i + 1,
    text: p.text,
    sentences: splitSentences(p.text),
  }));
  return { id, title: cleaned.title, outlet: null, published: null, url: null, path: `${id}.txt`, paragraphs, dropped: cleaned.dropped };
}

/** Lead-3: the first three sentences of each article (raw paragraphs, no cleaning), concatenated in order. */
export function lead3(documents: readonly string[]): string {
  return documents
    .map((d) => d.split(/\n \n/).flatMap((p) => splitSentences(p.trim()).map((s) => s.text)).slice(0, 3).join(' '))
    .join(' ');
}

