import type { Library } from '../library.ts';
import type { Answer, AnswerItem } from './types.ts';
import { articleHeading, editorDate, sourceRef } from './cite.ts';
import { plural } from '../text/plural.ts';

/**
 * `corpus`: the loader's report. One item per article (id, headline, date, paragraphs, lines dropped),
 * then one per problem file or line (what was wrong, what was done), so nothing is lost silently.
 */
export function corpusReport(library: Library): Answer {
  const { articles, report } = library.corpus;
  const items: AnswerItem[] = articles.map((a) => ({
    text: articleHeading(a),
    citations: [],
    label: a.id,
    section: 'article',
    tags: [
      a.published ? `${editorDate(a.published.date)}${a.published.inferred ? ' (inferred)' : ''}` : 'no date',
      plural(a.paragraphs.length, 'paragraph'),
      ...(a.dropped.length ? [`${plural(a.dropped.length, 'line')} dropped: ${[...new Set(a.dropped.map((d) => d.reason))].join(', ')}`] : []),
    ],
    published: a.published?.date ?? null,
    publishedInferred: a.published?.inferred ?? false,
    paragraphs: a.paragraphs.length,
    dropped: a.dropped.map((d) => ({ line: d.line, reason: d.reason, text: d.text })),
  }));
  for (const p of report.problems) {
    items.push({ text: p.message, citations: [], label: p.line ? `${p.path}:${p.line}` : p.path, section: 'problem', action: p.action, tags: [p.action] });
  }
  const dated = articles.filter((a) => a.published).length;
  const droppedLines = articles.reduce((n, a) => n + a.dropped.length, 0);
  const skipped = report.problems.filter((p) => p.action === 'skipped').length;
  return {
    command: 'corpus',
    query: '',
    title: `Corpus · ${report.root}`,
    items,
    sources: articles.map(sourceRef),
    notes: [
      `${plural(report.articles, 'article')}, ${plural(report.paragraphs, 'paragraph')} from ${plural(report.files, 'file')}; ` +
        `${dated} dated, ${report.articles - dated} without a date; ${plural(droppedLines, 'line')} dropped as debris; ` +
        `${plural(skipped, 'file or line', 'files or lines')} skipped, ${report.problems.length - skipped} loaded with a warning.`,
    ],
  };
}
