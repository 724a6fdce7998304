import MiniSearch from 'minisearch';
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
}

export const DEFAULT_INDEX_SETTINGS: IndexSettings = {
  stopWords: true,
  stem: true,
  bm25: { k: 1.2, b: 0.75, d: 0 },
  plainScore: true,
  boost: { text: 1, title: 0.5, outlet: 0.5 },
};

interface Doc {
  id: string;
  text: string;
  title: string;
  outlet: string;
}

/**
 * A paragraph index on minisearch. Paragraphs are looked up in `paragraphs` by id, so the index stores
 * no text of its own.
 *
 * @example
 * const index = createParagraphIndex(corpus.articles, corpus.paragraphById);
 * index.search('embassy drawdown', { limit: 5 })[0]?.paragraph.id // '001-p1'
 */
export function createParagraphIndex(
  articles: readonly Article[],
  paragraphs: ReadonlyMap<string, Paragraph>,
  settings: IndexSettings = DEFAULT_INDEX_SETTINGS,
): SearchIndex {
  const mini = new MiniSearch<Doc>({
    fields: ['text', 'title', 'outlet'],
    storeFields: [],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => processTerm(term, settings),
    searchOptions: {
      combineWith: 'OR',
      prefix: false,
      fuzzy: false,
      boost: { text: settings.boost.text, title: settings.boost.title, outlet: settings.boost.outlet },
      bm25: settings.bm25,
    },
  });
  for (const article of articles) {
    for (const p of article.paragraphs) {
      mini.add({ id: p.id, text: p.text, title: article.title ?? '', outlet: article.outlet ?? '' });
    }
  }

  return {
    get size() {
      return mini.documentCount;
    },
    search(query: string, options: SearchOptions = {}): SearchHit[] {
      const limit = options.limit ?? 20;
      const results = mini.search(query);
      const hits: SearchHit[] = [];
      for (const r of results) {
        const paragraph = paragraphs.get(String(r.id));
        if (!paragraph) continue;
        const score = settings.plainScore ? r.score / Math.max(1, r.queryTerms.length) : r.score;
        hits.push({ paragraph, score, matched: r.queryTerms });
      }
      if (settings.plainScore) hits.sort((a, b) => b.score - a.score || a.paragraph.id.localeCompare(b.paragraph.id));
      return hits.slice(0, limit);
    },
  };
}

function processTerm(token: string, settings: IndexSettings): string | null {
  if (settings.stopWords && STOP_WORDS.has(token)) return null;
  return settings.stem ? stemmer(token) : token;
}
