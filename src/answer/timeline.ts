import type { Library } from '../library.ts';
import type { Answer, AnswerItem, Citation } from './types.ts';
import { analyseEvents, type DatedEvent, type EventTable } from '../analyse/events.ts';
import { citeParagraph, editorDate, makeAnswer, sourcesOf } from './cite.ts';
import { terms } from '../text/terms.ts';

/** Dates shown when no `--limit` is given. */
export const DEFAULT_TIMELINE_DATES = 20;

/** Events shown per date at most (a year can hold dozens of unrelated mentions). */
export const MAX_ITEMS_PER_DATE = 5;

/** How many paragraphs of the index a topic may draw its events from. */
const TOPIC_PARAGRAPHS = 300;

interface Group {
  value: string;
  members: DatedEvent[];
  terms: Set<string>;
}

/**
 * `/timeline [topic]`: what happened when, oldest first. Every sentence of the corpus (or of the
 * paragraphs the index finds for `topic`) is placed on its most precise resolved date; sentences on the
 * same date that tell the same event (shared words) are one item citing every source. With
 * `limit` N, the N dates most sources and sentences point at are kept, still shown in date order.
 * Future dates are tagged "planned" (a deadline) or "expected".
 *
 * @example timeline(library, 'Soleimani', { limit: 5 }).items.map((i) => i.date) // ['2020-01', …]
 */
export function timeline(library: Library, query: string, options: { limit?: number } = {}): Answer {
  const topic = query.trim();
  const table: EventTable = (library as { events?: EventTable }).events ?? analyseEvents(library.corpus);
  const limit = options.limit && options.limit > 0 ? Math.floor(options.limit) : DEFAULT_TIMELINE_DATES;
  const notes: string[] = [];

  let allowed: Set<string> | null = null;
  if (topic) {
    allowed = new Set(library.index.search(topic, { limit: TOPIC_PARAGRAPHS }).map((h) => h.paragraph.id));
  }
  const candidates = primaryDates(table, table.events.filter((e) => !allowed || allowed.has(e.paragraphId)));
  const groups = groupEvents(candidates);
  const weight = dateWeights(candidates);
  const dates = [...weight.keys()];
  const kept = new Set(
    dates
      .sort((a, b) => weight.get(b)! - weight.get(a)! || b.length - a.length || a.localeCompare(b))
      .slice(0, limit),
  );
  // Per date, the events most sources report first; at most MAX_ITEMS_PER_DATE of them.
  const byDate = new Map<string, Group[]>();
  for (const g of groups) if (kept.has(g.value)) byDate.set(g.value, [...(byDate.get(g.value) ?? []), g]);
  const shown: Group[] = [];
  let hidden = 0;
  for (const value of [...byDate.keys()].sort()) {
    const ranked = byDate.get(value)!.map((g, i) => ({ g, i, sources: new Set(g.members.map((m) => m.articleId)).size }));
    ranked.sort((a, b) => b.sources - a.sources || a.i - b.i);
    const keep = ranked.slice(0, MAX_ITEMS_PER_DATE).sort((a, b) => a.i - b.i);
    hidden += ranked.length - keep.length;
    for (const { g } of keep) shown.push(g);
  }
  const items = shown.map((g) => toItem(library, g));

  const articlesUsed = new Set(candidates.map((e) => e.articleId));
  if (topic && allowed!.size === 0) notes.push(`Nothing in the corpus matches "${topic}". Try /timeline with no topic.`);
  else if (items.length === 0) notes.push(topic ? `No dated events found for "${topic}".` : 'No dated events found in the corpus.');
  if (hidden > 0) notes.push(`${hidden} more event(s) on these dates not shown (at most ${MAX_ITEMS_PER_DATE} per date, the most reported first).`);
  if (dates.length > kept.size) notes.push(`${kept.size} of ${dates.length} dates shown, the ones most sources point at; use --limit to see more.`);
  for (const article of library.corpus.articles) {
    const info = table.byArticle.get(article.id);
    if (!info || (allowed && !candidates.some((e) => e.articleId === article.id) && info.unresolved === 0)) continue;
    if (!article.published && info.reference && articlesUsed.has(article.id)) {
      notes.push(`Article ${article.id} has no publication date in its file; its relative dates are resolved against ${editorDate(info.reference.date)}, inferred from "${info.reference.evidence}".`);
    } else if (article.published?.inferred && articlesUsed.has(article.id)) {
      notes.push(`Article ${article.id}'s publication date (${editorDate(article.published.date)}) is inferred from its text ("${article.published.evidence}").`);
    } else if (!info.reference && info.unresolved > 0 && (!allowed || [...allowed].some((id) => id.startsWith(`${article.id}-`)))) {
      notes.push(`Article ${article.id} has no known publication date: ${info.unresolved} relative date(s) in it ("last Friday", "in May") are left out.`);
    }
  }

  const answer = makeAnswer(library, {
    command: 'timeline',
    query: topic,
    title: `Timeline · ${topic || 'whole corpus'} — ${articlesUsed.size} article${articlesUsed.size === 1 ? '' : 's'}`,
    items,
    notes,
  });
  // Sources whose date the analysis inferred show it, marked as inferred.
  answer.sources = sourcesOf(library, items).map((s) => {
    const ref = table.byArticle.get(s.article)?.reference;
    return s.published === null && ref ? { ...s, published: ref.date, publishedInferred: true } : s;
  });
  return answer;
}

/**
 * The importance of each date: 2 per article and 1 per sentence that point at it (never where in an
 * article it appears). `events` are one per sentence (see `primaryDates`). Also the ranking that
 * scripts/bench-timeline.ts measures.
 */
export function dateWeights(events: readonly DatedEvent[]): Map<string, number> {
  const articles = new Map<string, Set<string>>();
  const weight = new Map<string, number>();
  for (const e of events) {
    const value = e.date.value;
    let seen = articles.get(value);
    if (!seen) articles.set(value, (seen = new Set()));
    const bonus = seen.has(e.articleId) ? 0 : 2;
    seen.add(e.articleId);
    weight.set(value, (weight.get(value) ?? 0) + 1 + bonus);
  }
  return weight;
}

const RANK = { day: 3, month: 2, year: 1 } as const;

/**
 * One date per sentence: its most precise resolved expression; of equals, one that is not the article's
 * own publication date (a dateline echoes it), then the first.
 */
export function primaryDates(table: EventTable, events: readonly DatedEvent[]): DatedEvent[] {
  const best = new Map<string, DatedEvent>();
  const rank = (e: DatedEvent) => RANK[e.date.granularity] * 2 + (e.date.value === table.byArticle.get(e.articleId)?.reference?.date ? 0 : 1);
  for (const e of events) {
    const key = `${e.paragraphId}#${e.sentenceIndex}`;
    const current = best.get(key);
    if (!current || rank(e) > rank(current)) best.set(key, e);
  }
  return [...best.values()];
}

/**
 * Sentences on the same date that share enough words are one event: overlap of their index terms over
 * the smaller set, looser for a day (one day rarely holds two stories of one topic) than for a month.
 */
function groupEvents(events: readonly DatedEvent[]): Group[] {
  const groups: Group[] = [];
  for (const e of events) {
    const value = e.date.value;
    // The date's own words ("Wednesday") say nothing about which event it is.
    const text = e.sentence.text;
    const words = new Set(terms(text.slice(0, e.date.start) + ' ' + text.slice(e.date.end)));
    const threshold = e.date.granularity === 'day' ? 0.2 : 0.34;
    let home: Group | undefined;
    let bestScore = 0;
    for (const g of groups) {
      if (g.value !== value) continue;
      const score = overlap(words, g.terms);
      if (score >= threshold && score > bestScore) [home, bestScore] = [g, score];
    }
    if (home) {
      home.members.push(e);
      for (const w of words) home.terms.add(w);
    } else groups.push({ value, members: [e], terms: words });
  }
  return groups;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size);
}

function toItem(library: Library, g: Group): AnswerItem {
  const lead = g.members[0]!;
  const citations: Citation[] = [];
  const seen = new Set<string>();
  for (const m of g.members) {
    const key = `${m.paragraphId}#${m.sentenceIndex}`;
    const paragraph = library.corpus.paragraphById.get(m.paragraphId);
    if (!paragraph || seen.has(key)) continue;
    seen.add(key);
    citations.push(citeParagraph(paragraph, m.sentence));
  }
  const sources = new Set(g.members.map((m) => m.articleId)).size;
  const tags: string[] = [];
  const relations = new Set(g.members.map((m) => m.date.relation));
  if (relations.has('deadline')) tags.push('planned');
  else if (relations.has('future')) tags.push('expected');
  tags.push(sources > 1 ? `${sources} sources` : 'single source');
  return {
    text: lead.sentence.text,
    citations,
    label: dateLabel(lead.date),
    tags,
    date: g.value,
    granularity: lead.date.granularity,
    relation: lead.date.relation,
    phrase: lead.date.phrase,
  };
}

/** The date as an editor writes it: "27 Nov 2020", "mid-Oct 2020", "Dec 2019", "spring 2011", "2015". */
export function dateLabel(date: Pick<DatedEvent['date'], 'value' | 'part' | 'season'>): string {
  const base = editorDate(date.value);
  if (date.season) return `${date.part ? `${date.part} ` : ''}${date.season} ${base}`;
  if (date.part === 'mid') return `mid-${base}`;
  return date.part ? `${date.part} ${base}` : base;
}
