import type { Library } from '../library.ts';
import type { Answer, AnswerItem } from './types.ts';
import { articleHeading, editorDate, sourceRef } from './cite.ts';
import { plural } from '../text/plural.ts';

/**
 * `corpus`: the loader's report. One item per article (id, headline, date, paragraphs, lines dropped),
 * then one per problem file or line (what was wrong, what was done), so nothing is lost silently. The
 * summary counts the whole corpus (`report.totals` when the articles listed are only some of it); the title
 * names where it is served from (an archive's database, else the folder).
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
  // One scope for every count: the whole corpus (an archive's totals come from its database, not from the
  // recent articles it lists).
  const totals = report.totals ?? {
    dated: articles.filter((a) => a.published).length,
    droppedLines: articles.reduce((n, a) => n + a.dropped.length, 0),
    problems: report.problems.length,
    skipped: report.problems.filter((p) => p.action === 'skipped').length,
  };
  const { dated, droppedLines, skipped } = totals;
  return {
    command: 'corpus',
    query: '',
    title: `Corpus · ${report.where ?? report.root}`,
    items,
    sources: articles.map(sourceRef),
    notes: [
      `${plural(report.articles, 'article')}, ${plural(report.paragraphs, 'paragraph')} from ${plural(report.files, 'file')}; ` +
        `${dated.toLocaleString('en-US')} dated, ${(report.articles - dated).toLocaleString('en-US')} without a date; ${plural(droppedLines, 'line')} dropped as debris; ` +
        `${plural(skipped, 'file or line', 'files or lines')} skipped, ${(totals.problems - skipped).toLocaleString('en-US')} loaded with a warning.`,
      ...(totals.problems > report.problems.length ? [`The first ${report.problems.length.toLocaleString('en-US')} problems are listed.`] : []),
    ],
  };
}
