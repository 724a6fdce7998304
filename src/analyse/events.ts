import type { Article, Corpus, Paragraph, Published, Sentence } from '../corpus/types.ts';
import { findDates, type FoundDate, type Granularity } from './dates.ts';
import { AnalysisCache, type ArticleAnalysis } from './analysis.ts';

/** Relative expressions an article without a date keeps as it writes them, to quote in a note (`unresolvedPhrases`). */
export const MAX_UNRESOLVED_PHRASES = 2;

/** A sentence placed on a date: one resolved temporal expression of one sentence of the corpus. */
export interface DatedEvent {
  articleId: string;
  paragraphId: string;
  /** Index of the sentence in its paragraph. */
  sentenceIndex: number;
  sentence: Sentence;
  /**
   * The expression that dates the sentence (a resolved one: `value` and `granularity` are set). When it is
   * `attributive` ("the 2015 nuclear deal", "militias formed in 2014") it dates only what the sentence
   * mentions, or its `clause`; the timeline does not date the sentence by it (`primaryDates`).
   */
  date: FoundDate & { value: string; granularity: Granularity };
}

/** What `analyseEvents` knows about one article. */
export interface ArticleEvents {
  /** The date its relative expressions were resolved against: the file's, or one inferred from the text. */
  reference: Published | null;
  events: DatedEvent[];
  /** Relative expressions left out because the article has no known publication date. */
  unresolved: number;
  /**
   * The first of them (at most MAX_UNRESOLVED_PHRASES, different ones), as the article writes them: "on
   * Friday", "next week". Absent in analyses stored before they were kept.
   */
  unresolvedPhrases?: string[];
  /**
   * Yearless dates left out because the article writes the same month with another year ("On March 12"
   * in a 2005 article that also says "in March 2003"): the year cannot be told, and a wrong date is worse
   * than none.
   */
  ambiguous: number;
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
  unresolvedPhrases?: string[];
  ambiguous?: number;
  events: StoredEvent[];
}

/** Dates of one article as a per-article analysis: computed at load, saved in and restored from snapshots. */
export const EVENT_ANALYSIS: ArticleAnalysis<ArticleEvents> = {
  name: 'events',
  // The event table is assembled after a start from the snapshot, in slices (library.ts): restored there.
  lazy: true,
  analyse: (article) => analyseArticle(article),
  store: (value, article) => {
    const index = new Map(article.paragraphs.map((p, i) => [p.id, i]));
    const stored: StoredArticleEvents = {
      reference: value.reference,
      unresolved: value.unresolved,
      ...(value.unresolvedPhrases?.length ? { unresolvedPhrases: value.unresolvedPhrases } : {}),
      ambiguous: value.ambiguous,
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
    const phrases = Array.isArray(s.unresolvedPhrases) ? s.unresolvedPhrases.filter((p) => typeof p === 'string') : [];
    return { reference: s.reference, unresolved: s.unresolved, ...(phrases.length ? { unresolvedPhrases: phrases } : {}), ambiguous: s.ambiguous ?? 0, events };
  },
};

// Articles are immutable once loaded: a changed file gives new Article objects, so caching by object
// makes re-analysis after a live update cost only the changed articles.
export const EVENT_CACHE = new AnalysisCache(EVENT_ANALYSIS);

/**
 * Dates every sentence of every paragraph: each resolved temporal expression (durations and unresolved
 * relative dates left out; attributive ones kept, marked) becomes a DatedEvent, resolved against the article's publication date or,
 * when the file gives none, a date inferred from its text (`inferPublished`).
 */
export function analyseEvents(corpus: Corpus, analysed?: (done: number, total: number) => void): EventTable {
  const byArticle = new Map<string, ArticleEvents>();
  const events: DatedEvent[] = [];
  for (const [k, article] of corpus.articles.entries()) {
    const entry = EVENT_CACHE.get(article);
    byArticle.set(article.id, entry);
    for (const e of entry.events) events.push(e);
    analysed?.(k + 1, corpus.articles.length);
  }
  return { events, byArticle };
}

/**
 * The event table after a live update, at the cost of the changed articles only: the events of the
 * articles in `gone` (ids that left the corpus) go, those of `added` (the articles appended to the corpus,
 * in corpus order) come in. Gives what `analyseEvents` gives on the updated corpus, without a pass over
 * every article (about 25 ms at 100k paragraphs, paid for every batch of a live round before).
 * `table.byArticle` is updated in place (copying it would cost as much); the events list is a new one.
 */
export function updateEvents(table: EventTable, gone: ReadonlySet<string>, added: readonly Article[]): EventTable {
  const events = gone.size > 0 ? table.events.filter((e) => !gone.has(e.articleId)) : table.events.slice();
  const byArticle = table.byArticle;
  for (const id of gone) byArticle.delete(id);
  for (const article of added) {
    const entry = EVENT_CACHE.get(article);
    byArticle.set(article.id, entry);
    for (const e of entry.events) events.push(e);
  }
  return { events, byArticle };
}

/**
 * Compiles the date parser's patterns once (chrono-node builds and V8 compiles its large month and
 * weekday expressions on their first use: about 150 ms in one go). A library started from a snapshot
 * never dates a sentence until a live update brings one, so without this the first file with a month
 * name in it would hold answers up that long.
 */
export function warmUpDates(): void {
  findDates('On Monday, March 3, 1987, at 10 a.m. the company said it expected talks next week, in early April or by the end of the year.', { date: '1987-03-04' });
  findDates('Prices rose in January and fell last Friday.', null);
}

/**
 * The dated events of one article. A yearless date whose year was only guessed (by tense or nearness)
 * takes the year the article itself writes for the same day ("On March 7" beside "March 7 2003"), and is
 * left out when the article writes the same month with another year only (counted as `ambiguous`).
 */
export function analyseArticle(article: Article): ArticleEvents {
  const reference = article.published ?? inferPublished(article);
  const events: DatedEvent[] = [];
  let unresolved = 0;
  const unresolvedPhrases: string[] = [];
  let ambiguous = 0;
  const found: Array<{ paragraph: Paragraph; sentenceIndex: number; sentence: Sentence; date: FoundDate & { value: string; granularity: Granularity } }> = [];
  for (const paragraph of article.paragraphs) {
    paragraph.sentences.forEach((sentence, sentenceIndex) => {
      for (const date of findDates(sentence.text, reference)) {
        if (date.relation === 'duration') continue;
        if (date.value === null || date.granularity === null) {
          unresolved++;
          const phrase = date.phrase.trim().replace(/[\s,;:.]+$/, '');
          if (phrase && unresolvedPhrases.length < MAX_UNRESOLVED_PHRASES && !unresolvedPhrases.includes(phrase)) unresolvedPhrases.push(phrase);
          continue;
        }
        if (onlyADate(sentence.text, date)) continue;
        found.push({ paragraph, sentenceIndex, sentence, date: date as DatedEvent['date'] });
      }
    });
  }
  // Months and days the article writes with their year: "MM" → years, "MM-DD" → years.
  const written = new Map<string, Set<string>>();
  const note = (key: string, year: string) => {
    let years = written.get(key);
    if (!years) written.set(key, (years = new Set()));
    years.add(year);
  };
  for (const { date } of found) {
    if (date.relative || date.granularity === 'year') continue;
    note(date.value.slice(5, 7), date.value.slice(0, 4));
    if (date.granularity === 'day') note(date.value.slice(5), date.value.slice(0, 4));
  }
  for (const f of found) {
    let date = f.date;
    if (date.yearGuessed) {
      const year = date.value.slice(0, 4);
      const sameDay = date.granularity === 'day' ? written.get(date.value.slice(5)) : undefined;
      const sameMonth = written.get(date.value.slice(5, 7));
      if (sameDay && sameDay.size === 1 && !sameDay.has(year)) {
        const value = `${[...sameDay][0]!}${date.value.slice(4)}`;
        date = { ...date, value, relation: reference && value < reference.date ? 'past' : date.relation };
      } else if (sameMonth && !sameMonth.has(year)) {
        ambiguous++;
        continue;
      }
    }
    events.push({ articleId: article.id, paragraphId: f.paragraph.id, sentenceIndex: f.sentenceIndex, sentence: f.sentence, date });
  }
  return { reference, events, unresolved, ...(unresolvedPhrases.length ? { unresolvedPhrases } : {}), ambiguous };
}

/** "September 29, 2020", "Pay April 15": a date line, not a sentence that reports something. */
function onlyADate(text: string, date: FoundDate): boolean {
  const rest = (text.slice(0, date.start) + ' ' + text.slice(date.end)).match(/\p{L}+/gu) ?? [];
  return rest.length < 3;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** "Wednesday (Dec 2)", "Wednesday, December 2", "Wednesday 2 December". */
const WEEKDAY_DATE = new RegExp(`\\b(sun|mon|tues|wednes|thurs|fri|satur)day\\b[\\s,(]*(?:(\\d{1,2})\\s+${MONTH}\\b|${MONTH}\\.?\\s+(\\d{1,2})\\b)\\)?`, 'i');

/**
 * The publication date of an article whose file gives none, when its text pins it: a full date with its
 * year in the headline or the first three paragraphs (a dateline, "Tuesday 4 January 2005"); else a
 * weekday with its date there ("late Wednesday (Dec 2)") in the one year written in the article (its
 * lines the loader dropped included, such as a photo caption "Nov 18, 2020") where that date is that
 * weekday. The result says it was inferred and quotes its evidence. Null when nothing pins it.
 */
export function inferPublished(article: Pick<Article, 'title' | 'paragraphs'> & Partial<Pick<Article, 'dropped'>>): Published | null {
  const texts: string[] = [];
  if (article.title) texts.push(article.title);
  for (const p of article.paragraphs.slice(0, 3)) texts.push(p.text);
  for (const text of texts) {
    for (const d of findDates(text, null)) {
      if (d.granularity === 'day' && d.value && !d.relative) return { date: d.value, inferred: true, evidence: d.phrase };
    }
  }
  const years = new Map<number, number>();
  for (const text of [...article.paragraphs.map((p) => p.text), ...(article.dropped ?? []).map((d) => d.text)]) {
    for (const m of text.matchAll(/\b(?:19|20)\d\d\b/g)) years.set(Number(m[0]), (years.get(Number(m[0])) ?? 0) + 1);
  }
  for (const text of texts) {
    const m = WEEKDAY_DATE.exec(text);
    if (!m) continue;
    const weekday = WEEKDAYS.indexOf(m[1]!.slice(0, 3).toLowerCase());
    const month = MONTHS.indexOf((m[3] ?? m[4])!.slice(0, 3).toLowerCase()) + 1;
    const day = Number(m[2] ?? m[5]);
    const fits = [...years].filter(([y]) => {
      const d = new Date(Date.UTC(y, month - 1, day));
      return d.getUTCMonth() === month - 1 && d.getUTCDay() === weekday;
    });
    if (fits.length !== 1) continue;
    const date = `${fits[0]![0]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return { date, inferred: true, evidence: m[0] };
  }
  return null;
}

/** The paragraph of an event (for citing it). */
export function paragraphOf(corpus: Corpus, event: DatedEvent): Paragraph | undefined {
  return corpus.paragraphById.get(event.paragraphId);
}
