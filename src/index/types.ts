import type { Article, Paragraph } from '../corpus/types.ts';

/** One paragraph found for a query, best first. */
export interface SearchHit {
  paragraph: Paragraph;
  score: number;
  /** The index terms of the query that this paragraph matched. */
  matched: string[];
}

export interface SearchOptions {
  /** At most this many hits (default 20). */
  limit?: number;
}

/**
 * Our own small search interface: query in, ranked paragraphs out. The answers depend on this and
 * nothing else, so another engine can replace minisearch without touching them.
 */
export interface SearchIndex {
  search(query: string, options?: SearchOptions): SearchHit[];
  /** Number of paragraphs indexed. */
  readonly size: number;
  /** How many paragraphs have this index term (a stem, as `terms()` makes them) in any field; 0 for none. */
  paragraphFrequency(term: string): number;
  /** Indexes an article's paragraphs (live corpus: a new or changed file). */
  addArticle(article: Article): void;
  /** Removes an article's paragraphs, as they were indexed. */
  removeArticle(article: Article): void;
}
