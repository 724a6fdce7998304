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
  /**
   * Restore from a snapshot on first use instead of at start-up: for an analysis nothing needs before the
   * first answer (the people and organisations are merged after the start, in slices). A stored result
   * that then does not fit its article is analysed again instead (the snapshot was already accepted).
   */
  readonly lazy?: boolean;
}

/** Per-article results of one analysis, cached by article object. */
export class AnalysisCache<T> {
  private readonly results = new WeakMap<Article, T>();
  /** Stored results of a lazy analysis, waiting for their first use. */
  private readonly stored = new WeakMap<Article, unknown>();

  constructor(readonly analysis: ArticleAnalysis<T>) {}

  /** The article's result: known, restored from its stored form, or computed on first use. */
  get(article: Article): T {
    let value = this.results.get(article);
    if (value === undefined) {
      const stored = this.stored.get(article);
      if (stored !== undefined) {
        this.stored.delete(article);
        try {
          value = this.analysis.restore(stored, article);
        } catch {
          value = this.analysis.analyse(article);
        }
      } else value = this.analysis.analyse(article);
      this.results.set(article, value);
    }
    return value;
  }

  /** Is the result of this article already known (computed, restored, or stored for a lazy restore)? */
  has(article: Article): boolean {
    return this.results.has(article) || this.stored.has(article);
  }

  /** Seeds the cache with a result restored from a snapshot. */
  seed(article: Article, value: T): void {
    this.results.set(article, value);
  }

  /**
   * Seeds the cache from a snapshot's stored form: restored now, or on first use for a `lazy` analysis.
   * Throws when an eager restore does not fit the article (the caller rebuilds).
   */
  seedStored(article: Article, stored: unknown): void {
    if (this.analysis.lazy) this.stored.set(article, stored);
    else this.seed(article, this.analysis.restore(stored, article));
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
      if (value !== undefined) this.seedStored(article, value);
    }
  }
}
