import type { Article, Paragraph, Sentence } from '../corpus/types.ts';
import type { Library } from '../library.ts';
import type { Answer, AnswerItem, Citation, SourceRef } from './types.ts';

/** A citation of a whole paragraph (excerpt cut at a word near `maxExcerpt` characters) or of one sentence. */
export function citeParagraph(paragraph: Paragraph, sentence?: Sentence, maxExcerpt = 300): Citation {
  return {
    id: paragraph.id,
    article: paragraph.articleId,
    paragraph: paragraph.n,
    excerpt: sentence ? sentence.text : excerptOf(paragraph.text, maxExcerpt),
  };
}

/**
 * The start of a text, cut at a word boundary with a visible "…" when it is longer than `max`.
 * Never splits a word or a surrogate pair; the result without its "…" is a prefix of `text`.
 */
export function excerptOf(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.lastIndexOf(' ', max - 1);
  if (cut < max / 2) cut = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** Longest stand-in heading made of an untitled article's first words, in characters. */
const FIRST_WORDS = 70;

/**
 * What to call an article: its title, else its first words in curly quotes (a label that shows it is the
 * article's own text, not a headline), else its outlet and date. Never "(untitled)".
 * @example articleHeading(untitled) // '“BAGHDAD – The U.S. government has decided to withdraw some staff…”'
 */
export function articleHeading(article: Pick<Article, 'id' | 'title' | 'outlet' | 'published' | 'paragraphs'>): string {
  if (article.title?.trim()) return article.title;
  const first = article.paragraphs[0]?.text.trim();
  if (first) return `“${excerptOf(first, FIRST_WORDS)}”`;
  const where = [article.outlet, article.published ? editorDate(article.published.date) : null].filter(Boolean).join(', ');
  return where || `article ${article.id}`;
}

/** The source reference of an article, as answers list it. */
export function sourceRef(article: Article): SourceRef {
  return {
    article: article.id,
    title: article.title,
    heading: articleHeading(article),
    outlet: article.outlet,
    published: article.published?.date ?? null,
    publishedInferred: article.published?.inferred ?? false,
    url: article.url,
    ...(article.note ? { note: article.note } : {}),
    path: article.path,
  };
}

/** The sources of a set of items: every cited article once, in first-cited order. */
export function sourcesOf(library: Library, items: readonly AnswerItem[]): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const item of items) {
    for (const c of item.citations) {
      if (seen.has(c.article)) continue;
      const article = library.corpus.articleById.get(c.article);
      if (article) seen.set(c.article, sourceRef(article));
    }
  }
  return [...seen.values()];
}

/** An answer with its sources filled in from its items' citations. */
export function makeAnswer(library: Library, answer: Omit<Answer, 'sources'> & { sources?: SourceRef[] }): Answer {
  return { ...answer, sources: answer.sources ?? sourcesOf(library, answer.items) };
}

/** "Wed 2 Dec 2020"-free, editor-style date: "2 Dec 2020", "Dec 2020" or "2020" from YYYY[-MM[-DD]]. */
export function editorDate(value: string): string {
  const [y, m, d] = value.split('-');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const month = m ? months[Number(m) - 1] : undefined;
  if (d && month) return `${Number(d)} ${month} ${y}`;
  if (month) return `${month} ${y}`;
  return y ?? value;
}
