/**
 * Articles as database rows and back: what the importer writes with COPY, and what a working set is
 * rebuilt from. A rebuilt article is the article the loader made (same ids, text, sentence spans, dropped
 * lines), and its stored analyses seed the analysis caches as a snapshot's do.
 */
import type { Article, Dropped, Paragraph, Published } from '../../corpus/types.ts';
import { restoreAnalyses } from '../../analyse/all.ts';

/** A value in COPY's text format: tabs, newlines and backslashes escaped; null as \N. */
export function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** One COPY line from its values. */
export function copyLine(values: ReadonlyArray<string | number | null>): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + copyValue(values[i]!);
  return `${line}\n`;
}

/** A PostgreSQL array literal of index terms (letters and digits only, each quoted so none reads as NULL). */
export function textArray(values: readonly string[]): string {
  return values.length ? `{"${values.join('","')}"}` : '{}';
}

/** A PostgreSQL array literal of integers. */
export function intArray(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

/** Sentence spans of a paragraph, flat: [start, end, start, end, …]. */
export function sentenceSpans(paragraph: Paragraph): number[] {
  const out: number[] = [];
  for (const s of paragraph.sentences) out.push(s.start, s.end);
  return out;
}

/** An article row as read back (the columns a working set needs). */
export interface ArticleRow {
  seq: number;
  id: string;
  path: string;
  title: string | null;
  outlet: string | null;
  published_info: Published | null;
  url: string | null;
  note: string | null;
  dropped: Dropped[];
  analyses: Record<string, unknown>;
}

/** A paragraph row as read back. */
export interface ParagraphRow {
  id: string;
  article_seq: number;
  n: number;
  text: string;
  sentences: number[];
}

/**
 * The article of a row and its paragraph rows (in order), as the loader made it; its analyses seed the
 * caches (restored on first use, re-analysed if a stored result does not fit).
 */
export function articleFromRows(row: ArticleRow, paragraphs: readonly ParagraphRow[]): Article {
  const article: Article = {
    id: row.id,
    title: row.title,
    outlet: row.outlet,
    published: row.published_info,
    url: row.url,
    ...(row.note ? { note: row.note } : {}),
    path: row.path,
    paragraphs: paragraphs.map((p) => {
      const sentences = [];
      for (let i = 0; i + 1 < p.sentences.length; i += 2) {
        const start = p.sentences[i]!;
        const end = p.sentences[i + 1]!;
        sentences.push({ text: p.text.slice(start, end), start, end });
      }
      return { id: p.id, articleId: row.id, n: p.n, text: p.text, sentences };
    }),
    dropped: row.dropped,
  };
  try {
    restoreAnalyses(article, row.analyses);
  } catch {
    // A stored analysis that does not fit is computed again on use.
  }
  return article;
}
