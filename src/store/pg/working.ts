/**
 * Working sets: the few articles one question needs, loaded from the database into a small Library the
 * answer functions read as they read the whole in-memory library. Its index answers the question's own
 * search with the database's hits (BM25 over the whole corpus, so the scores are the archive's, not the
 * working set's); any other search (a suggestion after "nothing found") runs on the working set itself.
 */
import type pg from 'pg';
import type { Article, Corpus, CorpusProblem, Paragraph, ReportTotals } from '../../corpus/types.ts';
import type { Library } from '../../library.ts';
import type { SearchHit, SearchIndex, SearchOptions } from '../../index/types.ts';
import { createParagraphIndex } from '../../index/minisearch.ts';
import { articleFromRows, type ArticleRow, type ParagraphRow } from './rows.ts';
import type { DbHit } from './search.ts';
import type { TopicSpelling } from '../../analyse/entities-spellings.ts';

/**
 * Articles loaded recently, by seq (a seq is never reused: a re-imported article gets a new one, so an
 * entry can never be stale). Their analyses, restored on first use, live as long as they do.
 */
export class ArticleCache {
  readonly #entries = new Map<number, Article>();
  constructor(readonly capacity = 1000) {}

  get(seq: number): Article | undefined {
    const article = this.#entries.get(seq);
    if (article) {
      this.#entries.delete(seq);
      this.#entries.set(seq, article);
    }
    return article;
  }

  set(seq: number, article: Article): void {
    this.#entries.set(seq, article);
    while (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Loads articles by seq (from the cache where it has them), in seq order: the corpus order. */
export async function loadArticles(pool: pg.Pool, seqs: Iterable<number>, cache: ArticleCache): Promise<Array<{ seq: number; article: Article }>> {
  const wanted = [...new Set(seqs)].sort((a, b) => a - b);
  const found = new Map<number, Article>();
  const missing: number[] = [];
  for (const seq of wanted) {
    const article = cache.get(seq);
    if (article) found.set(seq, article);
    else missing.push(seq);
  }
  if (missing.length > 0) {
    const [articles, paragraphs] = await Promise.all([
      pool.query<ArticleRow>('select seq, id, path, title, outlet, published_info, url, note, dropped, analyses from corpus_articles where seq = any($1)', [missing]),
      pool.query<ParagraphRow>('select id, article_seq, n, text, sentences from corpus_paragraphs where article_seq = any($1) order by article_seq, n', [missing]),
    ]);
    const bySeq = new Map<number, ParagraphRow[]>();
    for (const p of paragraphs.rows) {
      const seq = Number(p.article_seq);
      const list = bySeq.get(seq);
      if (list) list.push(p);
      else bySeq.set(seq, [p]);
    }
    for (const row of articles.rows) {
      const seq = Number(row.seq);
      const article = articleFromRows(row, bySeq.get(seq) ?? []);
      cache.set(seq, article);
      found.set(seq, article);
    }
  }
  return wanted.filter((seq) => found.has(seq)).map((seq) => ({ seq, article: found.get(seq)! }));
}

/** A question's search, answered by the database ahead of time: query → its hits (at most `limit` asked). */
export interface Prefetched {
  query: string;
  limit: number;
  hits: readonly DbHit[];
}

/** Document frequencies of the archive for a question's words (from corpus_terms), and its paragraph count. */
export interface ArchiveFrequencies {
  paragraphs: number;
  df: ReadonlyMap<string, number>;
}

/**
 * The working set's index: the prefetched searches return the database's hits (as the working set's
 * paragraph objects); anything else is searched in the working set alone.
 */
export class WorkingIndex implements SearchIndex {
  readonly #corpus: Corpus;
  readonly #prefetched: Prefetched[];
  readonly #frequencies: ArchiveFrequencies | null;
  #local: SearchIndex | null = null;

  constructor(corpus: Corpus, prefetched: Prefetched[], frequencies: ArchiveFrequencies | null = null) {
    this.#corpus = corpus;
    this.#prefetched = prefetched;
    this.#frequencies = frequencies;
  }

  /** The archive's figure where the database gave it (a topic's words), else the working set's own. */
  paragraphFrequency(term: string): number {
    const known = this.#frequencies?.df.get(term);
    if (known !== undefined) return known;
    if (this.#frequencies) return 0;
    this.#local ??= createParagraphIndex(this.#corpus.articles, this.#corpus.paragraphById);
    return this.#local.paragraphFrequency(term);
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 20;
    const q = query.trim();
    const known = this.#prefetched.find((p) => p.query === q && (limit <= p.limit || p.hits.length < p.limit));
    if (known) {
      const hits: SearchHit[] = [];
      for (const h of known.hits) {
        const paragraph = this.#corpus.paragraphById.get(h.id);
        if (paragraph) hits.push({ paragraph, score: h.score, matched: h.matched });
        if (hits.length >= limit) break;
      }
      return hits;
    }
    this.#local ??= createParagraphIndex(this.#corpus.articles, this.#corpus.paragraphById);
    return this.#local.search(query, options);
  }

  /** Paragraphs of the archive when the database gave the count, else of the working set. */
  get size(): number {
    return this.#frequencies?.paragraphs ?? this.#corpus.paragraphById.size;
  }

  addArticle(): void {
    throw new Error('store: a working set is read-only');
  }

  removeArticle(): void {
    throw new Error('store: a working set is read-only');
  }
}

export interface WorkingSetOptions {
  /** Shown as the corpus root (the folder aliases and reports refer to). */
  root: string;
  prefetched?: Prefetched[];
  /** The archive's frequencies of the question's words (a topic brief judges a lone word by them). */
  frequencies?: ArchiveFrequencies;
  retired?: Map<string, string>;
  problems?: CorpusProblem[];
  /** Whole-corpus counts for the report (default: the working set's). */
  counts?: { articles: number; paragraphs: number; files: number };
  /** The rest of the report's whole-corpus counts (default: the working set's). */
  totals?: ReportTotals;
  /** Where the corpus is: the archive's database, shown as the report's title. */
  where?: string;
  /** The other spellings of the names in the question's topic, found ahead of its search (`Library.spellings`; default none). */
  spellings?: ReadonlyMap<string, TopicSpelling[]>;
}

/** A Library over loaded articles (in the order given), for the answer functions. */
export function workingLibrary(articles: readonly Article[], options: WorkingSetOptions): Library {
  const articleById = new Map<string, Article>();
  const paragraphById = new Map<string, Paragraph>();
  const files = new Map<string, { hash: string; articleIds: string[] }>();
  for (const article of articles) {
    articleById.set(article.id, article);
    for (const p of article.paragraphs) paragraphById.set(p.id, p);
    const file = article.path.replace(/:\d+$/, '');
    const entry = files.get(file);
    if (entry) entry.articleIds.push(article.id);
    else files.set(file, { hash: '', articleIds: [article.id] });
  }
  const corpus: Corpus = {
    articles: [...articles],
    articleById,
    paragraphById,
    files,
    report: {
      root: options.root,
      files: options.counts?.files ?? files.size,
      articles: options.counts?.articles ?? articles.length,
      paragraphs: options.counts?.paragraphs ?? paragraphById.size,
      problems: options.problems ?? [],
      ...(options.where ? { where: options.where } : {}),
      ...(options.totals ? { totals: options.totals } : {}),
    },
  };
  return {
    corpus,
    index: new WorkingIndex(corpus, options.prefetched ?? [], options.frequencies ?? null),
    retired: options.retired ?? new Map(),
    // Never the working set's own names: a few articles cannot tell the archive's spellings.
    spellings: options.spellings ?? new Map(),
  };
}
