import type { Article } from '../corpus/types.ts';

/**
 * An analysis made once per article at load (dates, entities): computed when an article is first seen,
 * kept while the article object lives (articles are immutable; a changed file brings new objects), saved
 * in the snapshot as plain JSON and restored from it without recomputing.
 *
 * The corpus-wide tables (EventTable, EntityTable) are built from these per-article results, so a live
 * update costs only the changed articles.
 */
export interface ArticleAnalysis<T> {
  /** Key in the snapshot's `analyses`. */
  readonly name: string;
  /** Analyses one article (pure: the same article gives the same result). */
  analyse(article: Article): T;
  /** The result as plain JSON (no object references: paragraph ids and sentence indexes instead). */
  store(value: T, article: Article): unknown;
  /** The result back from `store`'s JSON; throws when it does not fit the article (the snapshot is then rebuilt). */
  restore(stored: unknown, article: Article): T;
}

/** Per-article results of one analysis, cached by article object. */
export class AnalysisCache<T> {
  private readonly results = new WeakMap<Article, T>();

  constructor(readonly analysis: ArticleAnalysis<T>) {}

  /** The article's result, computed on first use. */
  get(article: Article): T {
    let value = this.results.get(article);
    if (value === undefined) {
      value = this.analysis.analyse(article);
      this.results.set(article, value);
    }
    return value;
  }

  /** Is the result of this article already known (computed or restored)? */
  has(article: Article): boolean {
    return this.results.has(article);
  }

  /** Seeds the cache with a result restored from a snapshot. */
  seed(article: Article, value: T): void {
    this.results.set(article, value);
  }

  /** Every article's result as plain JSON, by article id (for the snapshot). */
  storeAll(articles: readonly Article[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const article of articles) out[article.id] = this.analysis.store(this.get(article), article);
    return out;
  }

  /**
   * Seeds the cache from a snapshot's JSON; articles missing from it are left to be computed on use.
   * Throws when a stored result does not fit its article.
   */
  restoreAll(articles: readonly Article[], stored: unknown): void {
    if (!stored || typeof stored !== 'object') return;
    const byId = stored as Record<string, unknown>;
    for (const article of articles) {
      const value = byId[article.id];
      if (value !== undefined) this.seed(article, this.analysis.restore(value, article));
    }
  }
}
