import MiniSearch, { type Options } from 'minisearch';
import type { Article, Paragraph } from '../corpus/types.ts';
import type { SearchHit, SearchIndex, SearchOptions } from './types.ts';
import { STOP_WORDS, tokenize } from '../text/terms.ts';
import { stemmer } from 'stemmer';

/**
 * Retrieval settings. The defaults are the configuration that matched plain BM25 on Cranfield
 * (see DESIGN.md, `npm run bench:retrieval`); the others exist so the benchmark can compare.
 */
export interface IndexSettings {
  /** Drop stop words (the short list in src/text/terms.ts). */
  stopWords: boolean;
  /** Porter-stem terms. */
  stem: boolean;
  /** BM25 parameters; d = 0 is classic BM25, minisearch's default d = 0.5 is BM25+. */
  bm25: { k: number; b: number; d: number };
  /** Undo minisearch's multiplication of the score by the number of query terms matched. */
  plainScore: boolean;
  /** Field boosts: paragraph text, the article's headline and outlet. */
  boost: { text: number; title: number; outlet: number };
  /**
   * How much work one query may cause: the number of postings (paragraph × term) it may walk. Query terms
   * are taken rarest first until the next one would pass the budget (the rarest is always kept). Common
   * terms carry little BM25 weight (low idf) but cost the most; on the 105k-paragraph Reuters corpus this
   * bounds a query's cost, while on small corpora every term fits (DESIGN.md, performance).
   */
  postingBudget: number;
}

export const DEFAULT_INDEX_SETTINGS: IndexSettings = {
  stopWords: true,
  stem: true,
  bm25: { k: 1.2, b: 0.75, d: 0 },
  plainScore: true,
  boost: { text: 1, title: 0.5, outlet: 0.5 },
  postingBudget: 10_000,
};

/** A saved index: minisearch's own serialisation plus our document frequencies. */
export interface SavedIndex {
  minisearch: unknown;
  terms: string[];
  df: number[];
  textTokens: number;
}

interface Doc {
  id: string;
  text: string;
  title: string;
  outlet: string;
}

/**
 * A paragraph index on minisearch. Paragraphs are looked up in `paragraphs` by id, so the index stores
 * no text of its own. Articles can be added and removed while it serves (live corpus).
 *
 * @example
 * const index = createParagraphIndex(corpus.articles, corpus.paragraphById);
 * index.search('security blip', { limit: 5 })[0]?.paragraph.text // '"It\'s a minor drawdown …'
 */
export class ParagraphIndex implements SearchIndex {
  readonly #mini: MiniSearch<Doc>;
  readonly #paragraphs: ReadonlyMap<string, Paragraph>;
  readonly #settings: IndexSettings;
  /** Document frequency of every index term (paragraphs containing it in any field). */
  readonly #df = new Map<string, number>();
  #counting: Set<string> | null = null;
  #countedTokens = 0;
  /** Total analysed tokens in the text field of all indexed paragraphs. */
  #textTokens = 0;

  constructor(paragraphs: ReadonlyMap<string, Paragraph>, settings: IndexSettings = DEFAULT_INDEX_SETTINGS, saved?: SavedIndex) {
    this.#paragraphs = paragraphs;
    this.#settings = settings;
    const options: Options<Doc> = {
      fields: ['text', 'title', 'outlet'],
      storeFields: [],
      tokenize: (text) => tokenize(text),
      processTerm: (token, field) => {
        const term = processTerm(token, settings);
        // While a document is being added, count each of its terms once for the document frequency,
        // and the length of the text field for BM25's average.
        if (term && this.#counting) {
          this.#counting.add(term);
          if (field === 'text') this.#countedTokens++;
        }
        return term;
      },
      searchOptions: {
        combineWith: 'OR',
        prefix: false,
        fuzzy: false,
        boost: { text: settings.boost.text, title: settings.boost.title, outlet: settings.boost.outlet },
        bm25: settings.bm25,
      },
    };
    if (saved) {
      this.#mini = MiniSearch.loadJS<Doc>(saved.minisearch as Parameters<typeof MiniSearch.loadJS>[0], options);
      for (let i = 0; i < saved.terms.length; i++) this.#df.set(saved.terms[i]!, saved.df[i]!);
      this.#textTokens = saved.textTokens;
    } else this.#mini = new MiniSearch<Doc>(options);
  }

  /** The index as plain data for a snapshot; `new ParagraphIndex(paragraphs, settings, saved)` restores it. */
  save(): SavedIndex {
    return { minisearch: this.#mini.toJSON(), terms: [...this.#df.keys()], df: [...this.#df.values()], textTokens: this.#textTokens };
  }

  get size(): number {
    return this.#mini.documentCount;
  }

  /** Indexes every paragraph of an article. */
  addArticle(article: Article): void {
    for (const p of article.paragraphs) this.#withCounting(+1, () => this.#mini.add(docOf(article, p)));
  }

  /** Removes every paragraph of an article (the article as it was indexed). */
  removeArticle(article: Article): void {
    for (const p of article.paragraphs) {
      if (!this.#mini.has(p.id)) continue;
      this.#withCounting(-1, () => {
        // minisearch discards lazily without analysing the text again: count the terms ourselves.
        const doc = docOf(article, p);
        for (const field of ['text', 'title', 'outlet'] as const) {
          for (const token of tokenize(doc[field])) {
            const term = processTerm(token, this.#settings);
            if (!term) continue;
            this.#counting!.add(term);
            if (field === 'text') this.#countedTokens++;
          }
        }
        this.#mini.discard(p.id);
      });
    }
  }

  #withCounting(sign: 1 | -1, work: () => void): void {
    this.#counting = new Set();
    this.#countedTokens = 0;
    try {
      work();
    } finally {
      this.#textTokens += sign * this.#countedTokens;
      for (const term of this.#counting) {
        const n = (this.#df.get(term) ?? 0) + sign;
        if (n > 0) this.#df.set(term, n);
        else this.#df.delete(term);
      }
      this.#counting = null;
    }
  }

  /**
   * How a query will run: its known index terms, rarest first, split into those searched in the index
   * (within the posting budget) and the common rest, which only re-score the candidates found.
   */
  plan(query: string): { searched: string[]; rescored: string[] } {
    const known = [...new Set(tokenize(query).map((t) => processTerm(t, this.#settings)))].filter(
      (t): t is string => t !== null && this.#df.has(t),
    );
    known.sort((a, b) => this.#df.get(a)! - this.#df.get(b)! || (a < b ? -1 : 1));
    const searched: string[] = [];
    let postings = 0;
    for (const term of known) {
      const df = this.#df.get(term)!;
      if (searched.length > 0 && postings + df > this.#settings.postingBudget) break;
      searched.push(term);
      postings += df;
    }
    return { searched, rescored: known.slice(searched.length) };
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 20;
    const { searched, rescored } = this.plan(query);
    if (searched.length === 0) return [];
    // The terms are already analysed: search them as they are.
    const results = this.#mini.search(searched.join(' '), { processTerm: (t) => t, tokenize: (t) => t.split(' ') });
    const keep = rescored.length > 0 ? Math.max(limit * 3, 50) : limit;
    // Keep the best candidates by score without sorting every match (common queries match thousands).
    const top: Array<{ id: string; score: number; matched: string[] }> = [];
    let floor = -Infinity;
    for (const r of results) {
      const score = this.#settings.plainScore ? r.score / Math.max(1, r.queryTerms.length) : r.score;
      if (top.length >= keep && score <= floor) continue;
      top.push({ id: String(r.id), score, matched: r.queryTerms });
      if (top.length > keep * 4) {
        top.sort(byScoreThenId).length = keep;
        floor = top[keep - 1]!.score;
      }
    }
    top.sort(byScoreThenId);
    if (top.length > keep) top.length = keep;
    const hits: SearchHit[] = [];
    for (const t of top) {
      const paragraph = this.#paragraphs.get(t.id);
      if (paragraph) hits.push({ paragraph, score: t.score, matched: t.matched });
    }
    if (rescored.length > 0) {
      for (const hit of hits) this.#rescore(hit, rescored);
      hits.sort((a, b) => byScoreThenId({ id: a.paragraph.id, score: a.score }, { id: b.paragraph.id, score: b.score }));
    }
    return hits.slice(0, limit);
  }

  /** Adds the BM25 weight of common query terms to a candidate, counting them in its text. */
  #rescore(hit: SearchHit, terms: readonly string[]): void {
    const { k, b } = this.#settings.bm25;
    const tf = new Map<string, number>();
    let length = 0;
    for (const token of tokenize(hit.paragraph.text)) {
      const term = processTerm(token, this.#settings);
      if (!term) continue;
      length++;
      if (terms.includes(term)) tf.set(term, (tf.get(term) ?? 0) + 1);
    }
    const n = this.#mini.documentCount;
    const avg = this.#textTokens / Math.max(1, n);
    for (const [term, f] of tf) {
      const df = this.#df.get(term)!;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      hit.score += this.#settings.boost.text * idf * ((f * (k + 1)) / (f + k * (1 - b + (b * length) / avg)));
      hit.matched = [...hit.matched, term];
    }
  }
}

function byScoreThenId(a: { id: string; score: number }, b: { id: string; score: number }): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function docOf(article: Article, p: Paragraph): Doc {
  return { id: p.id, text: p.text, title: article.title ?? '', outlet: article.outlet ?? '' };
}

/** Builds the index of a corpus's paragraphs. */
export function createParagraphIndex(
  articles: readonly Article[],
  paragraphs: ReadonlyMap<string, Paragraph>,
  settings: IndexSettings = DEFAULT_INDEX_SETTINGS,
): ParagraphIndex {
  const index = new ParagraphIndex(paragraphs, settings);
  for (const article of articles) index.addArticle(article);
  return index;
}

function processTerm(token: string, settings: IndexSettings): string | null {
  if (settings.stopWords && STOP_WORDS.has(token)) return null;
  return settings.stem ? stemmer(token) : token;
}
