import type { Article, Paragraph } from '../corpus/types.ts';
import type { Library } from '../library.ts';
import type { Answer, AnswerItem } from './types.ts';
import { articleHeading, citeParagraph, editorDate, makeAnswer, sourceRef } from './cite.ts';
import { nearest } from './suggest.ts';
import { matchKey } from '../text/normalize.ts';
import { plural } from '../text/plural.ts';

/**
 * `/source [id]`: what stands behind a citation.
 * Ids are citation ids (`001-cnm3`), article ids (`001`), or a paragraph by position (`001-p4`, `001 4`).
 * - no id: the articles (headline, outlet, date, paragraph count, article id);
 * - an article id (or words of exactly one headline): its metadata, paragraphs with citation ids, and
 *   what the loader dropped from it;
 * - a citation id: the paragraph verbatim, its article and the neighbouring paragraph ids;
 * - a position past an article's last paragraph (`001-p99`): how many paragraphs the article has;
 * - anything else: says so and suggests the nearest ids.
 *
 * @example source(library, '001-p4').items[0].label // '001-cnm3', the 4th paragraph of article 001
 */
export function source(library: Library, query: string): Answer {
  const id = query.trim();
  const { articleById, paragraphById, articles } = library.corpus;
  if (id === '') return listArticles(library);

  const paragraph = paragraphById.get(id.toLowerCase()) ?? byPosition(library, id);
  if (paragraph) return showParagraph(library, paragraph, id);
  const article = articleById.get(id.toLowerCase()) ?? byHeadline(articles, id);
  if (article) return showArticle(library, article);

  const retired = library.retired.get(id.toLowerCase());
  if (retired) {
    const articleId = [...articleById.keys()].find((a) => id.toLowerCase().startsWith(`${a}-`));
    return makeAnswer(library, {
      command: 'source',
      query: id,
      title: `Source · ${id}`,
      items: [],
      notes: [`Paragraph \`${id}\` is no longer in the corpus: ${retired}.`],
      // The article's id is the next step's query; not suggested as well (it would be shown twice).
      ...(articleId ? { next: [{ command: 'source' as const, query: articleId, does: "shows the article's current text" }] } : {}),
    });
  }
  const beyond = pastTheEnd(library, id);
  if (beyond) {
    const n = beyond.paragraphs.length;
    return makeAnswer(library, {
      command: 'source',
      query: id,
      title: `Source · ${id}`,
      items: [],
      notes: [n === 0 ? `Article ${beyond.id} has no paragraphs.` : `Article ${beyond.id} has ${plural(n, 'paragraph')}: ${beyond.id}-p1${n > 1 ? ` … ${beyond.id}-p${n}` : ''}.`],
      next: [{ command: 'source', query: beyond.id, does: 'shows the article with its citation ids' }],
    });
  }
  const looksLikeParagraph = [...articleById.keys()].some((a) => id.toLowerCase().startsWith(`${a}-`));
  const candidates = [...articleById.keys(), ...(looksLikeParagraph || /-[0-9a-z]{4}$/i.test(id) ? paragraphById.keys() : [])];
  const suggestions = nearest(id, candidates, 5);
  return makeAnswer(library, {
    command: 'source',
    query: id,
    title: `Source · ${id}`,
    items: [],
    notes: [
      // The ids themselves are the suggestions, which every door shows ("Try: …"): the note says what they are.
      `No article or paragraph \`${id}\` in the corpus.` + (suggestions.length ? ' The nearest ids are suggested below.' : ''),
    ],
    ...(suggestions.length ? {} : { next: [{ command: 'source' as const, query: '', does: 'lists the articles' }] }),
    suggestions,
  });
}

function listArticles(library: Library): Answer {
  const items: AnswerItem[] = library.corpus.articles.map((a) => ({
    text: articleHeading(a),
    citations: [],
    label: a.id,
    article: a.id,
    outlet: a.outlet,
    published: a.published?.date ?? null,
    paragraphs: a.paragraphs.length,
    tags: [a.outlet ?? 'outlet unknown', a.published ? editorDate(a.published.date) : 'date unknown', plural(a.paragraphs.length, 'paragraph'), ...(a.note ? [a.note] : [])],
  }));
  return {
    command: 'source',
    query: '',
    title: `Sources · ${plural(items.length, 'article')}`,
    items,
    sources: library.corpus.articles.map(sourceRef),
    notes: items.length === 0 ? ['The corpus is empty: add .md, .txt or .jsonl files to the corpus folder.'] : [],
  };
}

function showArticle(library: Library, article: Article): Answer {
  const items: AnswerItem[] = article.paragraphs.map((p) => ({
    text: p.text,
    citations: [citeParagraph(p, undefined, Infinity)],
    label: p.id,
    section: 'paragraph',
  }));
  for (const d of article.dropped) {
    items.push({ text: d.text, citations: [], label: `line ${d.line} · ${d.reason}`, section: 'dropped' });
  }
  const notes = [`${plural(article.paragraphs.length, 'paragraph')}; ${plural(article.dropped.length, 'line')} dropped as debris.`];
  if (article.published?.inferred) notes.push(`Publication date inferred from the text ("${article.published.evidence}").`);
  if (!article.published) notes.push('No publication date known: relative dates in this article stay unresolved.');
  if (article.note) notes.push(textNote(article));
  return {
    command: 'source',
    query: article.id,
    title: `Source · ${articleHeading(article)}`,
    items,
    sources: [sourceRef(article)],
    notes,
  };
}

/**
 * One paragraph. The title keeps what was typed in view beside the id it found (`Source · 001-p4 →
 * 001-cnm3`), so a reader who asked by position sees both.
 */
function showParagraph(library: Library, paragraph: Paragraph, typed: string): Answer {
  const article = library.corpus.articleById.get(paragraph.articleId)!;
  const prev = article.paragraphs[paragraph.n - 2];
  const next = article.paragraphs[paragraph.n];
  const where = [article.outlet, article.published ? editorDate(article.published.date) : null].filter(Boolean).join(', ');
  return makeAnswer(library, {
    command: 'source',
    query: paragraph.id,
    title: typed.toLowerCase() === paragraph.id ? `Source · ${paragraph.id}` : `Source · ${typed} → ${paragraph.id}`,
    items: [
      {
        text: paragraph.text,
        citations: [citeParagraph(paragraph, undefined, Infinity)],
        label: paragraph.id,
        section: 'paragraph',
        previous: prev?.id ?? null,
        next: next?.id ?? null,
      },
    ],
    notes: [
      `Paragraph ${paragraph.n} of ${article.paragraphs.length} in ${article.title ? `"${article.title}"` : articleHeading(article)}${where ? ` (${where})` : ''}.`,
      ...(article.note ? [textNote(article)] : []),
    ],
  });
}

/** What the article's file says of its text (its `note`), beside the address the text is cited under. */
function textNote(article: Article): string {
  return `About this text: ${article.note!.replace(/[.\s]+$/, '')}.`;
}

/** "001-p4" or "001 4": the 4th paragraph of article 001, for people counting paragraphs. */
function byPosition(library: Library, query: string): Paragraph | undefined {
  const m = /^(.+?)(?:-p|\s+)(\d+)$/i.exec(query);
  if (!m) return undefined;
  return library.corpus.articleById.get(m[1]!.toLowerCase())?.paragraphs[Number(m[2]) - 1];
}

/** The article of a paragraph asked for by a position it does not have (`001-p99`, `001 99`), if the article exists. */
function pastTheEnd(library: Library, query: string): Article | undefined {
  const m = /^(.+?)(?:-p|\s+)(\d+)$/i.exec(query);
  return m ? library.corpus.articleById.get(m[1]!.toLowerCase()) : undefined;
}

/** The one article whose headline contains the query words, if exactly one does. */
function byHeadline(articles: readonly Article[], query: string): Article | undefined {
  const q = matchKey(query);
  if (q.length < 4) return undefined;
  const found = articles.filter((a) => a.title && matchKey(a.title).includes(q));
  return found.length === 1 ? found[0] : undefined;
}
