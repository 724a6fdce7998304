import type { Article } from '../corpus/types.ts';
import type { AnalysisCache } from './analysis.ts';
import { EVENT_CACHE } from './events.ts';
import { ENTITY_CACHE } from './entities.ts';

/** Every per-article analysis the library keeps, saved in and restored from snapshots by name. */
export const ARTICLE_ANALYSES: ReadonlyArray<AnalysisCache<unknown>> = [EVENT_CACHE as AnalysisCache<unknown>, ENTITY_CACHE as AnalysisCache<unknown>];

/** An article's analyses as plain JSON, by analysis name (what a snapshot stores beside the article). */
export function storeAnalyses(article: Article): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const cache of ARTICLE_ANALYSES) out[cache.analysis.name] = cache.analysis.store(cache.get(article), article);
  return out;
}

/**
 * Seeds the caches from a snapshot's stored analyses of one article; an analysis missing there is computed
 * on use. Throws when a stored result does not fit the article (the caller rebuilds).
 */
export function restoreAnalyses(article: Article, stored: Record<string, unknown> | undefined): void {
  if (!stored) return;
  for (const cache of ARTICLE_ANALYSES) {
    const value = stored[cache.analysis.name];
    if (value !== undefined) cache.seedStored(article, value);
  }
}
