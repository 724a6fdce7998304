import type { Library } from '../library.ts';
import type { Answer, AnswerItem, Citation, MoreHint, NextStep } from './types.ts';
import { analyseEvents, type ArticleEvents, type DatedEvent, type EventTable } from '../analyse/events.ts';
import type { Paragraph } from '../corpus/types.ts';
import { citeParagraph, editorDate, makeAnswer, sourcesOf } from './cite.ts';
import { countSources, prepareCarrier, sourcesTag, type Carrier } from '../brief/reports.ts';
import { terms } from '../text/terms.ts';
import { eventWords, groupEvents, type Group } from './timeline-groups.ts';
import { spellingNotes, topicSearch } from './search.ts';
import { plural } from '../text/plural.ts';

/** Dates shown when no `--limit` is given. */
export const DEFAULT_TIMELINE_DATES = 20;

/** Events shown per date at most (a year can hold dozens of unrelated mentions). */
export const MAX_ITEMS_PER_DATE = 5;

/** How many paragraphs of the index a topic may draw its events from. */
const TOPIC_PARAGRAPHS = 300;

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
  const table: EventTable = library.events ?? analyseEvents(library.corpus);
  const limit = options.limit && options.limit > 0 ? Math.floor(options.limit) : DEFAULT_TIMELINE_DATES;
  const notes: string[] = [];

  let allowed: Set<string> | null = null;
  let inTopic: (e: DatedEvent) => boolean = () => true;
  let spelling: string[] = [];
  if (topic) {
    const found = topicSearch(library, topic, TOPIC_PARAGRAPHS);
    allowed = new Set(found.hits.map((h) => h.paragraph.id));
    inTopic = topicSentences(topic, found.hits.map((h) => h.paragraph), found.spelled);
    spelling = spellingNotes(found);
  }
  const whole = topic ? null : wholeCorpus(table);
  const all = whole?.all ?? primaryDates(table, table.events.filter((e) => allowed?.has(e.paragraphId) !== false && inTopic(e)));
  const { candidates, grouped } = eventsToGroup(all, limit, whole?.ranked);
  const groups = groupEvents(grouped);
  const groupOf = new Map<DatedEvent, Group>();
  for (const g of groups) for (const m of g.members) groupOf.set(m, g);
  const weight = dateWeights(candidates, (e) => groupOf.get(e)?.value ?? e.date.value);
  const dates = [...weight.keys()];
  const kept = new Set(
    dates
      .sort((a, b) => weight.get(b)! - weight.get(a)! || b.length - a.length || a.localeCompare(b))
      .slice(0, limit),
  );
  // Per date, the events most sources report first; at most MAX_ITEMS_PER_DATE of them.
  const byDate = new Map<string, Group[]>();
  for (const g of groups) {
    if (!kept.has(g.value)) continue;
    const list = byDate.get(g.value);
    if (list) list.push(g);
    else byDate.set(g.value, [g]);
  }
  const shown: Group[] = [];
  let hidden = 0;
  for (const value of [...byDate.keys()].sort()) {
    const ranked = byDate.get(value)!.map((g, i) => ({ g, i, sources: new Set(g.members.map((m) => m.articleId)).size }));
    ranked.sort((a, b) => b.sources - a.sources || a.i - b.i);
    const keep = ranked.slice(0, MAX_ITEMS_PER_DATE).sort((a, b) => a.i - b.i);
    hidden += ranked.length - keep.length;
    for (const { g } of keep) shown.push(g);
  }
  const items = inReadingOrder(shown).map((g) => toItem(library, g));

  const articlesUsed = new Set(candidates.map((e) => e.articleId));
  // The title counts the articles with dated events the answer draws on (the whole corpus's, or the topic's),
  // whatever --limit keeps: the same question names the same scope.
  const inScope = whole?.articles ?? new Set(all.map((e) => e.articleId)).size;
  if (candidates.length < all.length) notes.push(`Dates ranked among the ${plural(all.length, 'dated sentence')} found; events grouped on the ${limit * 4} dates most pointed at.`);
  const next: NextStep[] = [];
  if (topic && allowed!.size === 0) {
    notes.push(`Nothing in the corpus matches "${topic}".`);
    next.push({ command: 'timeline', query: '', does: 'lists the dated events of the whole corpus' });
  }
  else if (items.length === 0) notes.push(topic ? `No dated events found for "${topic}".` : 'No dated events found in the corpus.');
  if (items.length > 0) notes.push(...spelling);
  if (hidden > 0) notes.push(`${plural(hidden, 'more event')} on these dates not shown (at most ${MAX_ITEMS_PER_DATE} per date, the most reported first).`);
  const more: MoreHint[] = dates.length > kept.size ? [{ shown: kept.size, total: dates.length, unit: 'dates', chosen: 'the ones most sources point at' }] : [];
  // Sets, not scans: a wire archive has tens of thousands of articles and this runs for every query.
  const withEvents = new Set(candidates.map((e) => e.articleId));
  const allowedArticles = allowed ? new Set([...allowed].map((id) => library.corpus.paragraphById.get(id)?.articleId)) : null;
  for (const article of library.corpus.articles) {
    const info = table.byArticle.get(article.id);
    if (!info || (allowed && !withEvents.has(article.id) && info.unresolved === 0)) continue;
    if (!article.published && info.reference && articlesUsed.has(article.id)) {
      notes.push(`Article ${article.id} has no publication date in its file; its relative dates are resolved against ${editorDate(info.reference.date)}, inferred from "${info.reference.evidence}".`);
    } else if (article.published?.inferred && articlesUsed.has(article.id)) {
      notes.push(`Article ${article.id}'s publication date (${editorDate(article.published.date)}) is inferred from its text ("${article.published.evidence}").`);
    } else if (!info.reference && info.unresolved > 0 && (!allowedArticles || allowedArticles.has(article.id))) {
      notes.push(unresolvedNote(article.id, info));
    }
  }

  const answer = makeAnswer(library, {
    command: 'timeline',
    query: topic,
    title: `Timeline · ${topic || 'whole corpus'} — ${plural(inScope, 'article')}`,
    items,
    notes,
    ...(more.length ? { more } : {}),
    ...(next.length ? { next } : {}),
  });
  // Sources whose date the analysis inferred show it, marked as inferred.
  answer.sources = sourcesOf(library, items).map((s) => {
    const ref = table.byArticle.get(s.article)?.reference;
    return s.published === null && ref ? { ...s, published: ref.date, publishedInferred: true } : s;
  });
  return answer;
}

/**
 * What an article with no date to resolve against leaves out, quoting the first of its relative dates as
 * it writes them.
 * @example unresolvedNote('004', { unresolved: 3, unresolvedPhrases: ['on Friday', 'yesterday'] })
 *   // 'Article 004 has no known publication date: 3 relative dates in it ("on Friday", "yesterday", …) are left out.'
 */
export function unresolvedNote(id: string, info: Pick<ArticleEvents, 'unresolved' | 'unresolvedPhrases'>): string {
  const phrases = (info.unresolvedPhrases ?? []).slice(0, 2);
  const quoted = phrases.length ? ` (${[...phrases.map((p) => `"${p}"`), ...(info.unresolved > phrases.length ? ['…'] : [])].join(', ')})` : '';
  return `Article ${id} has no known publication date: ${plural(info.unresolved, 'relative date')} in it${quoted} ${info.unresolved === 1 ? 'is' : 'are'} left out.`;
}

/**
 * Above this many dated sentences (a whole wire archive), grouping every date's sentences into events
 * would take seconds (Reuters: 11 s); `busiestDates` narrows the work first.
 */
const MANY_EVENTS = 5000;
/** On one date, at most this many sentences are grouped into events (the first ones, in corpus order). */
const MAX_GROUPED_PER_DATE = 400;

/**
 * The sentences of the `4 × limit` dates that most sources and sentences point at (`ranked`: as the
 * timeline ranks them, each sentence at its own date), with the months of those days (a day may fold into
 * its month). Only for very large candidate sets: the answer's dates are then chosen among these, so a
 * date whose weight comes mostly from folding can be missed.
 */
function busiestDates(events: readonly DatedEvent[], limit: number, ranked: readonly string[] = rankDates(events)): DatedEvent[] {
  const keep = new Set<string>();
  for (const value of ranked.slice(0, limit * 4)) {
    keep.add(value);
    if (value.length === 10) keep.add(value.slice(0, 7));
  }
  return events.filter((e) => keep.has(e.date.value));
}

/** Dates, the ones most sources and sentences point at first (`dateWeights`, each sentence at its own date). */
function rankDates(events: readonly DatedEvent[]): string[] {
  const weight = dateWeights(events);
  return [...weight.keys()].sort((a, b) => weight.get(b)! - weight.get(a)! || a.localeCompare(b));
}

const WHOLE_CORPUS = new WeakMap<EventTable, { all: DatedEvent[]; articles: number; ranked: () => string[] }>();

/**
 * What every whole-corpus timeline of an event table starts from, made once per table (a live update
 * makes a new one): the sentences' primary dates, how many articles they come from, and the dates ranked.
 */
function wholeCorpus(table: EventTable): { all: DatedEvent[]; articles: number; ranked: () => string[] } {
  let whole = WHOLE_CORPUS.get(table);
  if (!whole) {
    const all = primaryDates(table, table.events);
    let ranked: string[] | undefined;
    whole = { all, articles: new Set(all.map((e) => e.articleId)).size, ranked: () => (ranked ??= rankDates(all)) };
    WHOLE_CORPUS.set(table, whole);
  }
  return whole;
}

/**
 * Reads, in slices that yield to the event loop every `sliceMs`, what the first whole-corpus timeline of a
 * library reads for the first time and keeps (each grouped sentence's event words, report and wording),
 * so that answer does not pay for it: about 0.2 s of its 0.6 s at 100k paragraphs. The bot runs it in the
 * background after a start; a live update meanwhile ends it (the next answer reads what it needs).
 */
export async function prepareTimeline(library: Library, sliceMs = 10): Promise<void> {
  const table = library.events;
  if (!table) return;
  const whole = wholeCorpus(table);
  const events = eventsToGroup(whole.all, DEFAULT_TIMELINE_DATES, whole.ranked).grouped;
  const wordOf = new Map<string, string | null>();
  let sliceStart = performance.now();
  for (const e of events) {
    if (library.events !== table) return;
    eventWords(e, wordOf);
    const article = library.corpus.articleById.get(e.articleId);
    const paragraph = library.corpus.paragraphById.get(e.paragraphId);
    if (article && paragraph) prepareCarrier({ article, paragraph, sentence: e.sentence });
    if (performance.now() - sliceStart < sliceMs) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  }
}

/**
 * The events a timeline weighs (`candidates`: on a busy corpus, those of the dates most sources point at)
 * and those it groups (`grouped`: the first of each date among them); `ranked` gives the dates ranked when
 * they are known already (the whole corpus's).
 */
function eventsToGroup(all: DatedEvent[], limit: number, ranked?: () => string[]): { candidates: DatedEvent[]; grouped: DatedEvent[] } {
  if (all.length <= MANY_EVENTS) return { candidates: all, grouped: all };
  const candidates = busiestDates(all, limit, ranked?.());
  return { candidates, grouped: firstPerDate(candidates) };
}

/** The first `MAX_GROUPED_PER_DATE` sentences of each date, in corpus order: those grouped into events. */
function firstPerDate(events: readonly DatedEvent[]): DatedEvent[] {
  const perDate = new Map<string, number>();
  return events.filter((e) => {
    const n = (perDate.get(e.date.value) ?? 0) + 1;
    perDate.set(e.date.value, n);
    return n <= MAX_GROUPED_PER_DATE;
  });
}

/**
 * Share of a month's weight that each of its days receives: a sentence that says "in March" points at
 * the days of March too, and a day in a month the sources keep returning to is likelier to matter.
 * Measured on Timeline17 (scripts/bench-timeline.ts): 0.5–1.0 all lift date-F1 on iraq and syria.
 */
export const MONTH_SHARE = 0.75;

/**
 * The importance of each date: 2 per article and 1 per sentence that point at it (never where in an
 * article it appears); a day also gets `MONTH_SHARE` per sentence that points at its month. `events` are
 * one per sentence (see `primaryDates`). Also the ranking that scripts/bench-timeline.ts measures.
 *
 * @example dateWeights(events).get("2020-11-27") // 2 × 2 articles + 2 sentences + 0.75 × 3 "November" sentences = 8.25
 */
export function dateWeights(events: readonly DatedEvent[], valueOf: (e: DatedEvent) => string = (e) => e.date.value): Map<string, number> {
  const articles = new Map<string, Set<string>>();
  const sentences = new Map<string, number>();
  for (const e of events) {
    const value = valueOf(e);
    let seen = articles.get(value);
    if (!seen) articles.set(value, (seen = new Set()));
    seen.add(e.articleId);
    sentences.set(value, (sentences.get(value) ?? 0) + 1);
  }
  const weight = new Map<string, number>();
  for (const [value, seen] of articles) {
    const month = value.length === 10 ? (sentences.get(value.slice(0, 7)) ?? 0) : 0;
    weight.set(value, 2 * seen.size + sentences.get(value)! + MONTH_SHARE * month);
  }
  return weight;
}

/**
 * With a topic, the sentences that name it (one of its index terms, or another spelling of a name in it)
 * in the paragraphs the index found; a paragraph found through its article's headline or outlet, with no
 * sentence naming the topic, counts whole. "Soleimani" keeps "… killed top Iranian general Qassem Soleimani …", not the sentence beside it
 * about the 2015 nuclear deal.
 */
function topicSentences(topic: string, paragraphs: readonly Paragraph[], spelled: ReadonlyMap<string, string>): (e: DatedEvent) => boolean {
  const wanted = new Set([...terms(topic), ...spelled.keys()]);
  const names = (text: string) => terms(text).some((t) => wanted.has(t));
  const whole = new Set(paragraphs.filter((p) => !p.sentences.some((s) => names(s.text))).map((p) => p.id));
  return (e) => whole.has(e.paragraphId) || names(shownText(e));
}

const RANK = { day: 3, month: 2, year: 1 } as const;

/**
 * One date per sentence: its most precise resolved expression of its own (not an attributive one: "the 2015
 * nuclear deal", "militias formed in 2014" do not date the sentence); of equals, one that is not the
 * article's own publication date (a dateline echoes it), then the first. An attributive date with a
 * self-contained clause ("…a group of … militias formed in 2014 to fight ISIS.") is an event of its own,
 * shown as that clause; attributive dates without one ("the 2011 attack in Benghazi", a noun phrase) are
 * left out (missing beats wrong).
 */
export function primaryDates(table: EventTable, events: readonly DatedEvent[]): DatedEvent[] {
  const best = new Map<string, DatedEvent>();
  const rank = (e: DatedEvent) => RANK[e.date.granularity] * 2 + (e.date.value === table.byArticle.get(e.articleId)?.reference?.date ? 0 : 1);
  for (const e of events) {
    if (e.date.attributive && !e.date.clause) continue;
    const key = e.date.clause ? `${e.paragraphId}#${e.sentenceIndex}@${e.date.clause.start}` : `${e.paragraphId}#${e.sentenceIndex}`;
    const current = best.get(key);
    if (!current || rank(e) > rank(current)) best.set(key, e);
  }
  return [...best.values()];
}

/** What a timeline line shows of an event: its attributive clause, else its whole sentence (verbatim). */
export function shownText(e: DatedEvent): string {
  const clause = e.date.attributive ? e.date.clause : undefined;
  return clause ? e.sentence.text.slice(clause.start, clause.end) : e.sentence.text;
}

function toItem(library: Library, g: Group): AnswerItem {
  const lead = g.members[0]!;
  const citations: Citation[] = [];
  const carriers: Carrier[] = [];
  const seen = new Set<string>();
  for (const m of g.members) {
    // One citation per paragraph (a citation names its paragraph): a second sentence of it adds nothing.
    const key = m.paragraphId;
    const paragraph = library.corpus.paragraphById.get(m.paragraphId);
    const article = library.corpus.articleById.get(m.articleId);
    if (!paragraph || !article || seen.has(key)) continue;
    seen.add(key);
    citations.push(citeParagraph(paragraph, m.sentence));
    carriers.push({ article, paragraph, sentence: m.sentence });
  }
  const tags: string[] = [];
  const relations = new Set(g.members.map((m) => m.date.relation));
  if (relations.has('deadline')) tags.push('planned');
  else if (relations.has('future')) tags.push('expected');
  // Counted as /brief counts: articles, and the independent reports among them (wire copy is one source).
  const counted = countSources(carriers);
  tags.push(sourcesTag(counted.articles, counted.reports));
  // An attributive clause is shown cut from its sentence ("…a group of … militias formed in 2014 …"); the citation
  // quotes the whole sentence, so the reader sees what it was cut from.
  const clause = lead.date.attributive ? lead.date.clause : undefined;
  return {
    text: clause ? `…${shownText(lead)}` : lead.sentence.text,
    citations,
    label: dateLabel(lead.date),
    tags,
    reports: counted.reports.length,
    date: g.value,
    granularity: lead.date.granularity,
    relation: lead.date.relation,
    phrase: lead.date.phrase,
  };
}

/** First month of each season (winter: the December it starts in), as dates/years.ts resolves them. */
const SEASON_START = { spring: 3, summer: 6, autumn: 9, winter: 12 } as const;
const PART_AT = { early: 0, mid: 1, late: 2 } as const;

/**
 * Where a line stands among the days: the first day of the span its date names — a day itself, a month its
 * 1st, "mid-October" the 11th, "late November" the 21st, a year 1 January, "mid-2002" 1 May, "late 2002"
 * 1 September, a season its first month — and, of lines at the same day, the wider span first. So within
 * November 2020: "Nov 2020", "17 Nov", "late Nov", "27 Nov"; a year heads its months.
 *
 * @example datePlace({ value: '2020-11', part: 'late' }) // [day of 21 Nov 2020, 11]
 */
export function datePlace(date: Pick<DatedEvent['date'], 'value' | 'part' | 'season'>): [start: number, days: number] {
  const [year = 0, month = 1, day = 1] = date.value.split('-').map(Number);
  const at = (m: number, d: number) => year * 372 + (m - 1) * 31 + (d - 1);
  const part = date.part ? PART_AT[date.part] : -1;
  if (date.value.length === 10) return [at(month, day), 1];
  if (date.value.length === 7) return part < 0 ? [at(month, 1), 31] : [at(month, 1 + 10 * part), part === 2 ? 11 : 10];
  if (date.season) return part < 0 ? [at(SEASON_START[date.season], 1), 92] : [at(SEASON_START[date.season] + part, 1), 31];
  return part < 0 ? [at(1, 1), 366] : [at(1 + 4 * part, 1), 122];
}

/** Lines in the order a reader follows them (`datePlace`); lines at the same place keep their order. */
function inReadingOrder(groups: readonly Group[]): Group[] {
  const placed = groups.map((g) => ({ g, place: datePlace(g.members[0]!.date) }));
  placed.sort((a, b) => a.place[0] - b.place[0] || b.place[1] - a.place[1]);
  return placed.map((p) => p.g);
}

/** The date as an editor writes it: "27 Nov 2020", "mid-Oct 2020", "Dec 2019", "spring 2011", "2015". */
export function dateLabel(date: Pick<DatedEvent['date'], 'value' | 'part' | 'season'>): string {
  const base = editorDate(date.value);
  if (date.season) return `${date.part ? `${date.part} ` : ''}${date.season} ${base}`;
  if (date.part === 'mid') return `mid-${base}`;
  return date.part ? `${date.part} ${base}` : base;
}
