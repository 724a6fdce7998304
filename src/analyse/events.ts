import type { Article, Corpus, Paragraph, Published, Sentence } from '../corpus/types.ts';
import { findDates, type FoundDate, type Granularity } from './dates.ts';
import { AnalysisCache, type ArticleAnalysis } from './analysis.ts';

/** A sentence placed on a date: one resolved temporal expression of one sentence of the corpus. */
export interface DatedEvent {
  articleId: string;
  paragraphId: string;
  /** Index of the sentence in its paragraph. */
  sentenceIndex: number;
  sentence: Sentence;
  /** The expression that dates the sentence (a resolved one: `value` and `granularity` are set). */
  date: FoundDate & { value: string; granularity: Granularity };
}

/** What `analyseEvents` knows about one article. */
export interface ArticleEvents {
  /** The date its relative expressions were resolved against: the file's, or one inferred from the text. */
  reference: Published | null;
  events: DatedEvent[];
  /** Relative expressions left out because the article has no known publication date. */
  unresolved: number;
}

/** The dated events of a corpus, computed once at load (`Library.events`). */
export interface EventTable {
  /** Every dated event, article by article in corpus order, sentences in reading order. */
  events: DatedEvent[];
  byArticle: Map<string, ArticleEvents>;
}

/** An event as saved in the snapshot: paragraph index, sentence index, the date found. */
type StoredEvent = [number, number, DatedEvent['date']];
interface StoredArticleEvents {
  reference: Published | null;
  unresolved: number;
  events: StoredEvent[];
}

/** Dates of one article as a per-article analysis: computed at load, saved in and restored from snapshots. */
export const EVENT_ANALYSIS: ArticleAnalysis<ArticleEvents> = {
  name: 'events',
  analyse: (article) => analyseArticle(article),
  store: (value, article) => {
    const index = new Map(article.paragraphs.map((p, i) => [p.id, i]));
    const stored: StoredArticleEvents = {
      reference: value.reference,
      unresolved: value.unresolved,
      events: value.events.map((e) => [index.get(e.paragraphId) ?? -1, e.sentenceIndex, e.date]),
    };
    return stored;
  },
  restore: (stored, article) => {
    const s = stored as StoredArticleEvents;
    if (!s || !Array.isArray(s.events)) throw new Error(`events of ${article.id}: not an event list`);
    const events = s.events.map(([pi, si, date]): DatedEvent => {
      const paragraph = article.paragraphs[pi];
      const sentence = paragraph?.sentences[si];
      if (!paragraph || !sentence) throw new Error(`events of ${article.id}: no sentence ${pi}/${si}`);
      return { articleId: article.id, paragraphId: paragraph.id, sentenceIndex: si, sentence, date };
    });
    return { reference: s.reference, unresolved: s.unresolved, events };
  },
};

// Articles are immutable once loaded: a changed file gives new Article objects, so caching by object
// makes re-analysis after a live update cost only the changed articles.
export const EVENT_CACHE = new AnalysisCache(EVENT_ANALYSIS);

/**
 * Dates every sentence of every paragraph: each resolved temporal expression (durations and unresolved
 * relative dates left out) becomes a DatedEvent, resolved against the article's publication date or,
 * when the file gives none, a date inferred from its text (`inferPublished`).
 */
export function analyseEvents(corpus: Corpus): EventTable {
  const byArticle = new Map<string, ArticleEvents>();
  const events: DatedEvent[] = [];
  for (const article of corpus.articles) {
    const entry = EVENT_CACHE.get(article);
    byArticle.set(article.id, entry);
    for (const e of entry.events) events.push(e);
  }
  return { events, byArticle };
}

/** The dated events of one article. */
export function analyseArticle(article: Article): ArticleEvents {
  const reference = article.published ?? inferPublished(article);
  const events: DatedEvent[] = [];
  let unresolved = 0;
  for (const paragraph of article.paragraphs) {
    paragraph.sentences.forEach((sentence, sentenceIndex) => {
      const found = findDates(sentence.text, reference);
      for (const date of found) {
        if (date.relation === 'duration') continue;
        if (date.value === null || date.granularity === null) {
          unresolved++;
          continue;
        }
        if (onlyADate(sentence.text, date)) continue;
        events.push({ articleId: article.id, paragraphId: paragraph.id, sentenceIndex, sentence, date: date as DatedEvent['date'] });
      }
    });
  }
  return { reference, events, unresolved };
}

/** "September 29, 2020", "Pay April 15": a date line, not a sentence that reports something. */
function onlyADate(text: string, date: FoundDate): boolean {
  const rest = (text.slice(0, date.start) + ' ' + text.slice(date.end)).match(/\p{L}+/gu) ?? [];
  return rest.length < 3;
}

/**
 * The publication date of an article whose file gives none, when its opening pins it: a full date with
 * its year in the headline or the first three paragraphs (a dateline, "Tuesday 4 January 2005"). The
 * result says it was inferred and quotes its evidence. Null when nothing pins it.
 */
export function inferPublished(article: Pick<Article, 'title' | 'paragraphs'>): Published | null {
  const texts: string[] = [];
  if (article.title) texts.push(article.title);
  for (const p of article.paragraphs.slice(0, 3)) texts.push(p.text);
  for (const text of texts) {
    for (const d of findDates(text, null)) {
      if (d.granularity === 'day' && d.value && !d.relative) return { date: d.value, inferred: true, evidence: d.phrase };
    }
  }
  return null;
}

/** The paragraph of an event (for citing it). */
export function paragraphOf(corpus: Corpus, event: DatedEvent): Paragraph | undefined {
  return corpus.paragraphById.get(event.paragraphId);
}
